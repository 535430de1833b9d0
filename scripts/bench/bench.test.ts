// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { replayBucket } from './api-economy.ts';
import { median, percentile } from './common.ts';
import { cumulativeLayoutShift } from './load.ts';

describe('benchmark arithmetic', () => {
  it('percentiles are nearest-rank', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it("replays Adobe's bucket: a burst of 11, then 1 per second", () => {
    const burst = Array.from({ length: 11 }, () => 0);
    expect(replayBucket(burst)).toEqual({ requests: 11, minTokensLeft: 0, refused: 0 });
    expect(replayBucket([...burst, 10]).refused).toBe(1);
    expect(replayBucket([...burst, 1000]).refused).toBe(0);
    expect(replayBucket([0, 5000, 10_000]).minTokensLeft).toBe(10);
  });

  it('CLS is the worst session window (gap < 1 s, window ≤ 5 s)', () => {
    expect(cumulativeLayoutShift([])).toBe(0);
    expect(
      cumulativeLayoutShift([
        { time: 0, value: 0.1 },
        { time: 500, value: 0.1 },
        { time: 3000, value: 0.05 },
      ]),
    ).toBeCloseTo(0.2);
    const steady = Array.from({ length: 12 }, (_, i) => ({ time: i * 900, value: 0.01 }));
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.06);
  });
});
