// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EmulatorClock } from './clock.ts';

describe('EmulatorClock', () => {
  it('runs with real time from wherever it was set or advanced to, and resets to real time', () => {
    let real = 1_000_000;
    const offsets: number[] = [];
    const clock = new EmulatorClock(
      0,
      () => real,
      (offset) => offsets.push(offset),
    );
    expect(clock.now()).toBe(1_000_000);
    clock.advance(60_000);
    expect(clock.now()).toBe(1_060_000);
    real += 5_000;
    expect(clock.now()).toBe(1_065_000);
    clock.set(5_000_000);
    expect(clock.now()).toBe(5_000_000);
    real += 1_000;
    expect(clock.now()).toBe(5_001_000);
    clock.reset();
    expect(clock.now()).toBe(real);
    expect(offsets).toEqual([60_000, 5_000_000 - 1_005_000, 0]);
  });
});
