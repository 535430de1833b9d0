import { describe, expect, it } from 'vitest';
import type { MvpdProfile } from '../pass';
import { formatCountdown } from '../components/countdown';
import {
  formatDuration,
  hasTrialStarted,
  readTempPassProfile,
  tempPassExpiry,
  tempPassLimitOf,
  timeLeftMs,
} from './status';

const T = 1_700_000_000_000;
const MIN = 60_000;

function temporary(
  attributes: MvpdProfile['attributes'],
  notBefore = T,
  notAfter = T + 10 * MIN,
): MvpdProfile {
  return { notBefore, notAfter, issuer: 'Adobe', type: 'temporary', attributes };
}

describe('the countdown from expiration_date', () => {
  it('reads expiration_date (a number) and counts down from it on the device clock', () => {
    const profile = temporary({
      expiration_date: { value: T + 10 * MIN, state: 'plain' },
      userID: { value: 'temppass_0bdf451aa9c8fa60e80f6b99ab48310c73b480f1', state: 'plain' },
    });
    const expiresAt = tempPassExpiry(profile);
    expect(expiresAt).toBe(T + 10 * MIN);
    expect(formatCountdown(timeLeftMs(expiresAt, T))).toBe('10:00');
    expect(formatCountdown(timeLeftMs(expiresAt, T + 4 * MIN + 30_500))).toBe('05:30');
    expect(formatCountdown(timeLeftMs(expiresAt, T + 10 * MIN - 1))).toBe('00:01');
    expect(timeLeftMs(expiresAt, T + 10 * MIN)).toBe(0);
    expect(timeLeftMs(expiresAt, T + 11 * MIN)).toBe(0);
  });

  it('prefers expiration_date over notAfter, accepts a numeric string, falls back to notAfter', () => {
    expect(tempPassExpiry(temporary({ expiration_date: { value: T + 5 * MIN, state: 'plain' } }))).toBe(
      T + 5 * MIN,
    );
    expect(
      tempPassExpiry(temporary({ expiration_date: { value: String(T + 7 * MIN), state: 'plain' } })),
    ).toBe(T + 7 * MIN);
    expect(tempPassExpiry(temporary({}))).toBe(T + 10 * MIN);
    expect(tempPassExpiry(temporary({ expiration_date: { value: 'soon', state: 'plain' } }))).toBe(
      T + 10 * MIN,
    );
    expect(tempPassExpiry(temporary({ expiration_date: { value: 'QUJD', state: 'enc' } }))).toBe(
      T + 10 * MIN,
    );
  });

  it('ignores Adobe’s promotional sample quirk (expiration_date = notBefore)', () => {
    expect(tempPassExpiry(temporary({ expiration_date: { value: T, state: 'plain' } }))).toBe(T + 10 * MIN);
  });
});

describe('readTempPassProfile', () => {
  it('reads the promotional attributes', () => {
    const view = readTempPassProfile(
      temporary(
        {
          remaining_resources: { value: 1, state: 'plain' },
          used_assets: { value: ['res04', 'res02'], state: 'plain' },
          expiration_date: { value: T + 24 * 60 * MIN, state: 'plain' },
        },
        T,
        T + 24 * 60 * MIN,
      ),
    );
    expect(view).toEqual({
      notBefore: T,
      expiresAt: T + 24 * 60 * MIN,
      ttlMs: 24 * 60 * MIN,
      remainingResources: 1,
      usedAssets: ['res04', 'res02'],
    });
  });

  it('basic passes have no resources', () => {
    const view = readTempPassProfile(temporary({ expiration_date: { value: T + 10 * MIN, state: 'plain' } }));
    expect(view.remainingResources).toBeNull();
    expect(view.usedAssets).toEqual([]);
    expect(view.ttlMs).toBe(10 * MIN);
  });
});

describe('hasTrialStarted', () => {
  const fresh = readTempPassProfile(temporary({ expiration_date: { value: T + 10 * MIN, state: 'plain' } }));

  it('a profile made up at request time has not started', () => {
    expect(hasTrialStarted(fresh, T + 1_000, false)).toBe(false);
  });

  it('has started when this app saw a permit, titles were used, or the start is in the past', () => {
    expect(hasTrialStarted(fresh, T + 1_000, true)).toBe(true);
    expect(hasTrialStarted({ ...fresh, usedAssets: ['a'] }, T, false)).toBe(true);
    expect(hasTrialStarted(fresh, T + 2 * MIN, false)).toBe(true);
  });
});

describe('tempPassLimitOf', () => {
  it('maps Adobe’s exact codes, nothing else', () => {
    expect(tempPassLimitOf('temporary_access_duration_limit_exceeded')).toBe('duration');
    expect(tempPassLimitOf('temporary_access_resources_limit_exceeded')).toBe('resources');
    expect(tempPassLimitOf('temppass_expired')).toBeNull();
    expect(tempPassLimitOf('invalid_header_identity_for_temporary_access')).toBeNull();
    expect(tempPassLimitOf(undefined)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('says minutes or hours', () => {
    expect(formatDuration(10 * MIN)).toBe('10 minutes');
    expect(formatDuration(MIN)).toBe('1 minute');
    expect(formatDuration(60 * MIN)).toBe('1 hour');
    expect(formatDuration(24 * 60 * MIN)).toBe('24 hours');
    expect(formatDuration(90 * MIN)).toBe('90 minutes');
  });
});
