/**
 * The phone's own brake on code entry (issue 7: "rate-limited per client"). Adobe and the emulator
 * refuse lookups past their limit with a bare HTTP 429 that says nothing about when to come back,
 * so the page keeps its own pace and tells the viewer when to try again:
 *
 * - after `WRONG_CODES_BEFORE_PAUSE` wrong (unknown or expired) codes in a row, and after any 429
 *   on the lookup, code entry pauses;
 * - each pause in a streak lasts twice the one before: 30 s, 1 min, 2 min, 4 min, then 5 min;
 * - a code that is found ends the streak.
 *
 * Pure functions over a small value, so the page keeps it in React state and tests run it directly.
 */
export const WRONG_CODES_BEFORE_PAUSE = 5;
export const FIRST_PAUSE_MS = 30_000;
export const LONGEST_PAUSE_MS = 300_000;

export interface CodeEntryGuard {
  /** Wrong codes since the last one that was found. */
  wrongInARow: number;
  /** Pauses since the last code that was found (each one doubles the next). */
  pauses: number;
  /** Epoch ms when the current pause began, and until which it lasts; `pausedUntil` 0 = open. */
  pausedAt: number;
  pausedUntil: number;
}

export const OPEN_GUARD: CodeEntryGuard = { wrongInARow: 0, pauses: 0, pausedAt: 0, pausedUntil: 0 };

/** Entry pauses now, for the next length in the streak. */
export function pauseEntry(guard: CodeEntryGuard, now: number): CodeEntryGuard {
  const length = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** guard.pauses);
  return { ...guard, pauses: guard.pauses + 1, pausedAt: now, pausedUntil: now + length };
}

/** Adobe (or the emulator) said the code is unknown or expired. */
export function codeRefused(guard: CodeEntryGuard, now: number): CodeEntryGuard {
  const next = { ...guard, wrongInARow: guard.wrongInARow + 1 };
  return next.wrongInARow % WRONG_CODES_BEFORE_PAUSE === 0 ? pauseEntry(next, now) : next;
}

/** The pause is over: entry opens again, the streak goes on. */
export function pauseOver(guard: CodeEntryGuard): CodeEntryGuard {
  return { ...guard, pausedUntil: 0 };
}
