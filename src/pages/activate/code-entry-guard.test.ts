// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  codeRefused,
  FIRST_PAUSE_MS,
  LONGEST_PAUSE_MS,
  OPEN_GUARD,
  pauseEntry,
  pauseOver,
  WRONG_CODES_BEFORE_PAUSE,
  type CodeEntryGuard,
} from './code-entry-guard';

function refuse(guard: CodeEntryGuard, times: number, now: number): CodeEntryGuard {
  let next = guard;
  for (let n = 0; n < times; n += 1) next = codeRefused(next, now);
  return next;
}

describe('code entry guard', () => {
  it('pauses after every 5th wrong code in a row, each pause twice the one before, at most 5 minutes', () => {
    expect(WRONG_CODES_BEFORE_PAUSE).toBe(5);
    let guard = refuse(OPEN_GUARD, 4, 1000);
    expect(guard).toEqual({ wrongInARow: 4, pauses: 0, pausedAt: 0, pausedUntil: 0 });
    const lengths: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      guard = refuse(pauseOver(guard), round === 0 ? 1 : 5, 1000);
      lengths.push(guard.pausedUntil - guard.pausedAt);
    }
    expect(FIRST_PAUSE_MS).toBe(30_000);
    expect(lengths).toEqual([30_000, 60_000, 120_000, 240_000, LONGEST_PAUSE_MS, LONGEST_PAUSE_MS]);
    expect(guard.wrongInARow).toBe(30);
  });

  it('a 429 pauses at once and counts in the streak of pauses', () => {
    const guard = pauseEntry(OPEN_GUARD, 5000);
    expect(guard).toEqual({ wrongInARow: 0, pauses: 1, pausedAt: 5000, pausedUntil: 35_000 });
    const next = pauseEntry(pauseOver(guard), 40_000);
    expect(next.pausedUntil - next.pausedAt).toBe(60_000);
    expect(pauseOver(next).pausedUntil).toBe(0);
  });
});
