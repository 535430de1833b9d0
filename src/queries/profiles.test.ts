import { describe, expect, it } from 'vitest';
import type { MvpdProfile } from '../pass';
import { pickProfile } from './profiles';

const profile = (notAfter: number): MvpdProfile => ({
  notBefore: 0,
  notAfter,
  issuer: 'X',
  type: 'regular',
  attributes: {},
});

describe('pickProfile', () => {
  it('prefers the remembered MVPD, else the longest-lasting valid profile', () => {
    const profiles = { AcmeCable: profile(2_000), MetroFiber: profile(5_000) };
    expect(pickProfile(profiles, 'AcmeCable', 1_000)?.mvpd).toBe('AcmeCable');
    expect(pickProfile(profiles, undefined, 1_000)?.mvpd).toBe('MetroFiber');
    expect(pickProfile(profiles, 'Other', 1_000)?.mvpd).toBe('MetroFiber');
  });

  it('ignores expired profiles and answers null when none is left', () => {
    const profiles = { AcmeCable: profile(2_000), MetroFiber: profile(5_000) };
    expect(pickProfile(profiles, 'AcmeCable', 3_000)?.mvpd).toBe('MetroFiber');
    expect(pickProfile(profiles, 'AcmeCable', 6_000)).toBeNull();
    expect(pickProfile({}, undefined, 0)).toBeNull();
  });
});
