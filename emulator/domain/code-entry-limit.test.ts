// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CODE_ENTRY_MAX_FAILURES, CODE_ENTRY_WINDOW_MS, CodeEntryLimiter } from './code-entry-limit.ts';

function limiterAt(start = 1_000_000) {
  const time = { now: start };
  return { time, limiter: new CodeEntryLimiter({ realNow: () => time.now }) };
}

describe('code entry limiter (sliding window of failures)', () => {
  it('defaults to 10 failures in 5 minutes', () => {
    expect(CODE_ENTRY_MAX_FAILURES).toBe(10);
    expect(CODE_ENTRY_WINDOW_MS).toBe(300_000);
  });

  it('lets 10 failures through, then holds every key of the request until the oldest leaves', () => {
    const { time, limiter } = limiterAt();
    const keys = ['client:a', 'ip:10.0.0.1'];
    for (let n = 0; n < 10; n += 1) {
      expect(limiter.retryAfterMs(keys)).toBe(0);
      limiter.recordFailure(keys);
      time.now += 1000;
    }
    // The 1st failure was 10 s ago: the window lets one more through 290 s from now.
    expect(limiter.retryAfterMs(keys)).toBe(290_000);
    expect(limiter.retryAfterMs(['client:a'])).toBe(290_000);
    expect(limiter.retryAfterMs(['ip:10.0.0.1'])).toBe(290_000);
    expect(limiter.retryAfterMs(['client:b', 'ip:10.0.0.2'])).toBe(0);
  });

  it('slides: each failure leaving the window gives back one try', () => {
    const { time, limiter } = limiterAt();
    for (let n = 0; n < 10; n += 1) {
      limiter.recordFailure(['client:a']);
      time.now += 10_000;
    }
    time.now += CODE_ENTRY_WINDOW_MS - 100_000 - 1; // 1 ms before the first failure leaves
    expect(limiter.retryAfterMs(['client:a'])).toBe(1);
    time.now += 1;
    expect(limiter.retryAfterMs(['client:a'])).toBe(0);
    limiter.recordFailure(['client:a']);
    // Full again; the next try comes when the 2nd failure (10 s after the 1st) leaves.
    expect(limiter.retryAfterMs(['client:a'])).toBe(10_000);
    time.now += CODE_ENTRY_WINDOW_MS;
    expect(limiter.retryAfterMs(['client:a'])).toBe(0);
    expect(limiter.size).toBe(0);
  });

  it('the busiest key decides: a new client id from a blocked address is held too', () => {
    const { limiter } = limiterAt();
    for (let n = 0; n < 10; n += 1) limiter.recordFailure([`client:c${n}`, 'ip:10.0.0.9']);
    expect(limiter.retryAfterMs(['client:fresh', 'ip:10.0.0.9'])).toBeGreaterThan(0);
    expect(limiter.retryAfterMs(['client:c1', 'ip:10.0.0.8'])).toBe(0);
  });

  it('keeps memory bounded: at most maxFailures times per key and maxKeys keys', () => {
    const time = { now: 0 };
    const limiter = new CodeEntryLimiter({ realNow: () => time.now, maxFailures: 3, maxKeys: 2 });
    for (let n = 0; n < 50; n += 1) limiter.recordFailure(['k1']);
    expect(limiter.retryAfterMs(['k1'])).toBe(CODE_ENTRY_WINDOW_MS);
    limiter.recordFailure(['k2']);
    limiter.recordFailure(['k3']);
    expect(limiter.size).toBe(2);
    expect(limiter.retryAfterMs(['k1'])).toBe(0); // the oldest key was forgotten
    limiter.reset();
    expect(limiter.size).toBe(0);
  });
});
