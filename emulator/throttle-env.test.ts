// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { throttleFromEnv } from './throttle-env.ts';

describe('throttle settings from the environment', () => {
  it('unset: Adobe’s mode, rate and burst, no Retry-After', () => {
    expect(throttleFromEnv({})).toEqual({
      throttleMode: 'adobe',
      throttleSettings: { ratePerSecond: 1, burst: 10, retryAfter: false },
    });
  });

  it('reads every variable', () => {
    expect(
      throttleFromEnv({
        EMULATOR_THROTTLE: 'per-device',
        EMULATOR_THROTTLE_RATE: '2.5',
        EMULATOR_THROTTLE_BURST: '0',
        EMULATOR_THROTTLE_RETRY_AFTER: 'true',
      }),
    ).toEqual({
      throttleMode: 'per-device',
      throttleSettings: { ratePerSecond: 2.5, burst: 0, retryAfter: true },
    });
  });

  it.each([
    [{ EMULATOR_THROTTLE: 'fast' }, /EMULATOR_THROTTLE must/],
    [{ EMULATOR_THROTTLE_RATE: '0' }, /EMULATOR_THROTTLE_RATE/],
    [{ EMULATOR_THROTTLE_RATE: '-1' }, /EMULATOR_THROTTLE_RATE/],
    [{ EMULATOR_THROTTLE_RATE: 'fast' }, /EMULATOR_THROTTLE_RATE/],
    [{ EMULATOR_THROTTLE_BURST: '1.5' }, /EMULATOR_THROTTLE_BURST/],
    [{ EMULATOR_THROTTLE_BURST: '1e3' }, /EMULATOR_THROTTLE_BURST/],
    [{ EMULATOR_THROTTLE_RETRY_AFTER: 'yes' }, /EMULATOR_THROTTLE_RETRY_AFTER/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => throttleFromEnv(env)).toThrow(message);
  });
});
