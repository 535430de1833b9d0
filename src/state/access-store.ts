import { create } from 'zustand';
import { syncWithLocalStorage } from './local-storage-sync';
import type { FreePass, TempPassIdentity } from '../temppass/free-passes';

/**
 * Which access the viewer watches with — client state only (server state stays in React Query):
 *
 * - `useAccessChoiceStore` (persisted in localStorage, `passref.access`): the preferred access
 *   (`provider` = the regular MVPD profile, `free` = a TempPass) and the free pass this browser
 *   chose. Nothing personal: a basic pass is per device anyway.
 * - `useFreeTrialStore` (memory only, never persisted): the promotional identity (the email's hash
 *   and the `AP-TempPass-Identity` value — never the email) and the trials this tab saw start.
 *
 * A viewer can hold a regular profile and a TempPass at once; switching is choosing which MVPD to
 * authorize against, no logout needed (temppass.md, "REST API v2 mechanics").
 */
export type AccessMode = 'provider' | 'free';

interface AccessChoiceState {
  mode: AccessMode;
  freePass: FreePass | null;
}

interface FreeTrialState {
  identity: TempPassIdentity | null;
  /** Trial keys (see `trialKey`) this tab saw a permit for. */
  started: readonly string[];
}

const INITIAL_CHOICE: AccessChoiceState = { mode: 'provider', freePass: null };

function isFreePass(value: unknown): value is FreePass {
  const pass = value as Partial<FreePass> | null;
  return (
    !!pass &&
    typeof pass.mvpd === 'string' &&
    pass.mvpd !== '' &&
    (pass.kind === 'basic' || pass.kind === 'promotional')
  );
}

const useAccessChoiceStore = create<AccessChoiceState>()(() => INITIAL_CHOICE);

syncWithLocalStorage(useAccessChoiceStore, {
  key: 'passref.access',
  version: 1,
  pick: ({ mode, freePass }) => ({ mode, freePass }),
  // Whatever is stored, only a well-formed choice is taken back.
  restore: (stored): AccessChoiceState => {
    const value = stored as Partial<AccessChoiceState> | undefined;
    return {
      mode: value?.mode === 'free' ? 'free' : 'provider',
      freePass: isFreePass(value?.freePass) ? { mvpd: value.freePass.mvpd, kind: value.freePass.kind } : null,
    };
  },
});

const useFreeTrialStore = create<FreeTrialState>()(() => ({ identity: null, started: [] }));

/** The key of one trial: the TempPass MVPD and, for a promotional pass, the identity hash. */
export function trialKey(mvpd: string, identityKey: string | null): string {
  return `${mvpd}|${identityKey ?? 'device'}`;
}

/** Sets the stored choice only when something changes. */
function setChoice(next: AccessChoiceState): void {
  const current = useAccessChoiceStore.getState();
  const samePass =
    current.freePass?.mvpd === next.freePass?.mvpd && current.freePass?.kind === next.freePass?.kind;
  if (current.mode !== next.mode || !samePass) useAccessChoiceStore.setState(next);
}

/** Events, named for what happened. */
export const accessActions = {
  /** The viewer chose to watch with a free pass. A promotional pass keeps its identity if it is the same MVPD. */
  freePassChosen(pass: FreePass): void {
    setChoice({ mode: 'free', freePass: { mvpd: pass.mvpd, kind: pass.kind } });
    const { identity } = useFreeTrialStore.getState();
    if (identity && identity.mvpd !== pass.mvpd) useFreeTrialStore.setState({ identity: null });
  },
  /** The viewer entered an email for the promotional pass; only its hash arrives here. */
  promoIdentityEntered(identity: TempPassIdentity): void {
    useFreeTrialStore.setState({ identity: { ...identity } });
    setChoice({ mode: 'free', freePass: { mvpd: identity.mvpd, kind: 'promotional' } });
  },
  /** "Use a different email". */
  promoIdentityForgotten(): void {
    useFreeTrialStore.setState({ identity: null });
  },
  /** The viewer chose the regular TV provider (a sign-in or the switch); the free pass is kept. */
  providerChosen(): void {
    setChoice({ mode: 'provider', freePass: useAccessChoiceStore.getState().freePass });
  },
  /** The viewer switched back to the free pass kept from before. */
  freeChosen(): void {
    const { freePass } = useAccessChoiceStore.getState();
    if (freePass) setChoice({ mode: 'free', freePass });
  },
  /** A permit came back for this trial: its clock is running. */
  freeTrialStarted(key: string): void {
    const { started } = useFreeTrialStore.getState();
    if (!started.includes(key)) useFreeTrialStore.setState({ started: [...started, key] });
  },
  /** The programmer reset trials of this MVPD: forget what this tab knew about them. */
  freeTrialsReset(mvpd: string): void {
    const { started } = useFreeTrialStore.getState();
    const kept = started.filter((key) => !key.startsWith(`${mvpd}|`));
    if (kept.length !== started.length) useFreeTrialStore.setState({ started: kept });
  },
};

export const useAccessMode = () => useAccessChoiceStore((state) => state.mode);
export const useFreePass = () => useAccessChoiceStore((state) => state.freePass);
export const useTempPassIdentity = () => useFreeTrialStore((state) => state.identity);
export const useTrialStartedHere = (key: string | null) =>
  useFreeTrialStore((state) => key !== null && state.started.includes(key));
export const useAccessActions = () => accessActions;

/** For tests: back to a fresh browser (memory and storage). */
export function resetAccessStoresForTests(): void {
  useAccessChoiceStore.setState(INITIAL_CHOICE);
  useFreeTrialStore.setState({ identity: null, started: [] });
  localStorage.removeItem('passref.access');
}
