import type { EmulatorContext } from '../context.ts';

/**
 * Code entry limit (issue 7 hardening; Adobe documents none, so the numbers are the emulator's own):
 * failed lookups of `GET /api/v2/{sp}/sessions/{code}` (unknown or expired code) are counted per
 * client in a sliding window of real time, and past the limit that client's lookups — right or wrong
 * — answer 429 until enough failures have left the window. Successful lookups do not count, nor do
 * malformed codes (they can never match) or the refused lookups themselves.
 *
 * "Per client" is the request's DCR `client_id`, and nothing else: programmers' test suites run
 * many apps from one address (loopback, a CI runner), and one of them testing wrong codes must not
 * lock every other out. A client that registers again starts a fresh count, but registering and
 * looking up both pass the throttle (1 request/s per address after a burst), which bounds what
 * that buys: at that pace the 36^7 codes of a 30-minute session stay out of reach.
 *
 * Like the throttle, it counts real time (moving the emulator's clock does not empty the window),
 * lives in memory and is cleared by `POST /__emulator/reset`.
 */
export const CODE_ENTRY_MAX_FAILURES = 10;
export const CODE_ENTRY_WINDOW_MS = 5 * 60_000;

export interface CodeEntryLimitOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Real time source; tests inject one. */
  realNow?: () => number;
  /** Keys tracked at most; beyond it the key whose failures are oldest is forgotten. */
  maxKeys?: number;
}

export class CodeEntryLimiter {
  /** Failure times per key, oldest first, none older than the window (pruned when read). */
  private readonly failures = new Map<string, number[]>();
  readonly maxFailures: number;
  readonly windowMs: number;
  private readonly realNow: () => number;
  private readonly maxKeys: number;

  constructor(options: CodeEntryLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? CODE_ENTRY_MAX_FAILURES;
    this.windowMs = options.windowMs ?? CODE_ENTRY_WINDOW_MS;
    this.realNow = options.realNow ?? Date.now;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Failures of `key` still in the window. */
  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const firstKept = times.findIndex((at) => at > now - this.windowMs);
    if (firstKept === -1) {
      this.failures.delete(key);
      return [];
    }
    if (firstKept > 0) times.splice(0, firstKept);
    return times;
  }

  /** 0 when a lookup with these keys may go ahead; else ms until the busiest key is under the limit. */
  retryAfterMs(keys: readonly string[]): number {
    const now = this.realNow();
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length < this.maxFailures) continue;
      // Under the limit again once all but maxFailures − 1 of them have left the window.
      const leaving = times[times.length - this.maxFailures] ?? now;
      wait = Math.max(wait, leaving + this.windowMs - now);
    }
    return wait;
  }

  /** One failed lookup, counted against every key of the request. */
  recordFailure(keys: readonly string[]): void {
    const now = this.realNow();
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length === 0) {
        if (this.failures.size >= this.maxKeys) this.forgetOldest();
        this.failures.set(key, [now]);
      } else {
        times.push(now);
        // More than the limit carries no extra information; keep the list bounded.
        if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
      }
    }
  }

  reset(): void {
    this.failures.clear();
  }

  /** Keys tracked now (for tests and memory bounds). */
  get size(): number {
    return this.failures.size;
  }

  private forgetOldest(): void {
    const oldest = this.failures.keys().next().value;
    if (oldest !== undefined) this.failures.delete(oldest);
  }
}

const limiters = new WeakMap<EmulatorContext, CodeEntryLimiter>();

/** The emulator instance's limiter (created on first use, with real time). */
export function codeEntryLimiter(context: EmulatorContext): CodeEntryLimiter {
  let limiter = limiters.get(context);
  if (!limiter) limiters.set(context, (limiter = new CodeEntryLimiter()));
  return limiter;
}

/** Tests: use this limiter (e.g. with an injected clock) for the instance. */
export function setCodeEntryLimiter(context: EmulatorContext, limiter: CodeEntryLimiter): void {
  limiters.set(context, limiter);
}

/** `POST /__emulator/reset`: every window empty. */
export function resetCodeEntryLimits(context: EmulatorContext): void {
  limiters.get(context)?.reset();
}
