import { describe, expect, it } from 'vitest';
import type { MvpdProfile } from '../pass';
import { needsMvpdLookup, pickProfile, withMvpdProfile } from './profiles';

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

describe('degraded access: the picked provider missing from /profiles', () => {
  const degraded: MvpdProfile = { ...profile(9_000), issuer: 'Adobe', type: 'degraded' };
  const list = { profiles: { AcmeCable: profile(5_000) } };

  it('merges the profile from /profiles/{mvpd} only when /profiles lacks that provider', () => {
    expect(withMvpdProfile(list, 'RiverValley', degraded).profiles).toEqual({
      AcmeCable: profile(5_000),
      RiverValley: degraded,
    });
    expect(withMvpdProfile(list, 'AcmeCable', degraded)).toBe(list);
    expect(withMvpdProfile(list, 'RiverValley', null)).toBe(list);
    expect(withMvpdProfile(list, undefined, degraded)).toBe(list);
  });

  it('looks up only when no sign-in with that provider is under way in this page', () => {
    const authorize = { status: 'success', actionName: 'authorize' };
    expect(needsMvpdLookup(list, 'RiverValley', undefined)).toBe(true);
    expect(needsMvpdLookup(list, 'RiverValley', authorize)).toBe(true);
    expect(needsMvpdLookup(list, 'RiverValley', { status: 'pending', actionName: undefined })).toBe(false);
    expect(needsMvpdLookup(list, 'RiverValley', { status: 'success', actionName: 'authenticate' })).toBe(
      false,
    );
    expect(needsMvpdLookup(list, 'RiverValley', { status: 'error', actionName: undefined })).toBe(false);
    expect(needsMvpdLookup(list, 'AcmeCable', undefined)).toBe(false);
    expect(needsMvpdLookup(list, undefined, undefined)).toBe(false);
    expect(needsMvpdLookup(undefined, 'RiverValley', authorize)).toBe(false);
  });
});
