import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BASIC_FREE_PASS, PROMO_FREE_PASS, promoIdentity } from '../temppass/free-passes';
import {
  accessActions,
  resetAccessStoresForTests,
  trialKey,
  useAccessMode,
  useFreePass,
  useTempPassIdentity,
  useTrialStartedHere,
} from './access-store';

const HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';
const stored = () =>
  JSON.parse(localStorage.getItem('passref.access') ?? 'null') as { state: unknown } | null;

function useAll(key: string | null = null) {
  return {
    mode: useAccessMode(),
    freePass: useFreePass(),
    identity: useTempPassIdentity(),
    startedHere: useTrialStartedHere(key),
  };
}

beforeEach(() => {
  resetAccessStoresForTests();
  localStorage.clear();
});

describe('access store', () => {
  it('starts on the TV provider with no free pass, and writes nothing to storage', () => {
    const { result } = renderHook(() => useAll());
    expect(result.current).toEqual({ mode: 'provider', freePass: null, identity: null, startedHere: false });
    act(() => accessActions.providerChosen());
    expect(localStorage.length).toBe(0);
  });

  it('choosing a basic free pass persists the choice (no identity)', () => {
    const { result } = renderHook(() => useAll());
    act(() => accessActions.freePassChosen(BASIC_FREE_PASS));
    expect(result.current.mode).toBe('free');
    expect(result.current.freePass).toEqual(BASIC_FREE_PASS);
    expect(stored()?.state).toEqual({ mode: 'free', freePass: BASIC_FREE_PASS });
  });

  it('keeps the promotional identity in memory only — never in storage', () => {
    const identity = promoIdentity('TempPassPromo', HASH);
    const { result } = renderHook(() => useAll());
    act(() => accessActions.promoIdentityEntered(identity));
    expect(result.current.identity).toEqual(identity);
    expect(result.current.mode).toBe('free');
    expect(result.current.freePass).toEqual(PROMO_FREE_PASS);
    expect(stored()?.state).toEqual({ mode: 'free', freePass: PROMO_FREE_PASS });
    const everything = Object.keys(localStorage)
      .map((key) => localStorage.getItem(key))
      .join('\n');
    expect(everything).not.toContain(HASH);
    expect(everything).not.toContain(identity.header);

    act(() => accessActions.promoIdentityForgotten());
    expect(result.current.identity).toBeNull();
  });

  it('switches between the provider and the free pass without forgetting either', () => {
    const { result } = renderHook(() => useAll());
    act(() => accessActions.freePassChosen(BASIC_FREE_PASS));
    act(() => accessActions.providerChosen());
    expect(result.current).toMatchObject({ mode: 'provider', freePass: BASIC_FREE_PASS });
    act(() => accessActions.freeChosen());
    expect(result.current).toMatchObject({ mode: 'free', freePass: BASIC_FREE_PASS });
  });

  it('"free" cannot be chosen before a pass exists', () => {
    const { result } = renderHook(() => useAll());
    act(() => accessActions.freeChosen());
    expect(result.current.mode).toBe('provider');
  });

  it('choosing another pass drops an identity that belongs to a different MVPD', () => {
    const { result } = renderHook(() => useAll());
    act(() => accessActions.promoIdentityEntered(promoIdentity('TempPassPromo', HASH)));
    act(() => accessActions.freePassChosen(PROMO_FREE_PASS));
    expect(result.current.identity?.key).toBe(HASH);
    act(() => accessActions.freePassChosen(BASIC_FREE_PASS));
    expect(result.current.identity).toBeNull();
  });

  it('remembers started trials in memory and forgets them when that MVPD is reset', () => {
    const key = trialKey('TempPass', null);
    const { result } = renderHook(() => useAll(key));
    act(() => accessActions.freeTrialStarted(key));
    act(() => accessActions.freeTrialStarted(trialKey('TempPassPromo', HASH)));
    expect(result.current.startedHere).toBe(true);
    act(() => accessActions.freeTrialsReset('TempPassPromo'));
    expect(result.current.startedHere).toBe(true);
    act(() => accessActions.freeTrialsReset('TempPass'));
    expect(result.current.startedHere).toBe(false);
    expect(localStorage.length).toBe(0);
  });
});
