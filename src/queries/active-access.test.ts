import { describe, expect, it } from 'vitest';
import { BASIC_FREE_PASS, PROMO_FREE_PASS, promoIdentity } from '../temppass/free-passes';
import { resolveAccess } from './active-access';

const HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';
const identity = promoIdentity('TempPassPromo', HASH);

describe('resolveAccess', () => {
  it('nothing chosen and signed out → none', () => {
    const view = resolveAccess({ mode: 'provider', freePass: null, identity: null, providerMvpd: null });
    expect(view).toEqual({ active: { kind: 'none' }, provider: null, free: null, switchable: false });
  });

  it('signed in with a TV provider only → the provider, no switch', () => {
    const view = resolveAccess({
      mode: 'provider',
      freePass: null,
      identity: null,
      providerMvpd: 'AcmeCable',
    });
    expect(view.active).toEqual({ kind: 'provider', mvpd: 'AcmeCable' });
    expect(view.switchable).toBe(false);
  });

  it('a basic free pass: its MVPD, a device trial, no identity needed', () => {
    const view = resolveAccess({
      mode: 'free',
      freePass: BASIC_FREE_PASS,
      identity: null,
      providerMvpd: null,
    });
    expect(view.active).toEqual({
      kind: 'free',
      mvpd: 'TempPass',
      pass: BASIC_FREE_PASS,
      identity: null,
      needsIdentity: false,
      trialKey: 'TempPass|device',
    });
  });

  it('a basic pass never carries a promotional identity', () => {
    const view = resolveAccess({ mode: 'free', freePass: BASIC_FREE_PASS, identity, providerMvpd: null });
    expect(view.free?.identity).toBeNull();
  });

  it('a promotional pass carries its identity (the hash) and keys the trial by it', () => {
    const view = resolveAccess({ mode: 'free', freePass: PROMO_FREE_PASS, identity, providerMvpd: null });
    expect(view.active).toMatchObject({
      kind: 'free',
      mvpd: 'TempPassPromo',
      identity,
      needsIdentity: false,
      trialKey: `TempPassPromo|${HASH}`,
    });
  });

  it('a promotional pass without its identity in memory (after a reload) needs the email again', () => {
    const view = resolveAccess({
      mode: 'free',
      freePass: PROMO_FREE_PASS,
      identity: null,
      providerMvpd: null,
    });
    expect(view.active).toMatchObject({ kind: 'free', needsIdentity: true, identity: null, trialKey: null });
    const other = promoIdentity('OtherPromo', HASH);
    expect(
      resolveAccess({ mode: 'free', freePass: PROMO_FREE_PASS, identity: other, providerMvpd: null }).free,
    ).toMatchObject({ needsIdentity: true, identity: null });
  });

  it('both held: the mode picks, and the switch shows', () => {
    const both = { freePass: BASIC_FREE_PASS, identity: null, providerMvpd: 'MetroFiber' };
    const free = resolveAccess({ ...both, mode: 'free' });
    expect(free.active.kind).toBe('free');
    expect(free.switchable).toBe(true);
    const provider = resolveAccess({ ...both, mode: 'provider' });
    expect(provider.active).toEqual({ kind: 'provider', mvpd: 'MetroFiber' });
    expect(provider.free?.mvpd).toBe('TempPass');
    expect(provider.switchable).toBe(true);
  });

  it('falls back to whichever access exists', () => {
    // Prefers the TV provider but is signed out of it (e.g. a cancelled sign-in): the free pass.
    expect(
      resolveAccess({ mode: 'provider', freePass: BASIC_FREE_PASS, identity: null, providerMvpd: null })
        .active.kind,
    ).toBe('free');
    // "free" without a pass: the TV provider.
    expect(
      resolveAccess({ mode: 'free', freePass: null, identity: null, providerMvpd: 'AcmeCable' }).active,
    ).toEqual({ kind: 'provider', mvpd: 'AcmeCable' });
  });
});
