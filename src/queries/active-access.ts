import type { FreePass, TempPassIdentity } from '../temppass/free-passes';
import {
  trialKey,
  useAccessMode,
  useFreePass,
  useTempPassIdentity,
  type AccessMode,
} from '../state/access-store';
import { useCurrentProfile } from './profiles';

export interface FreeAccess {
  kind: 'free';
  mvpd: string;
  pass: FreePass;
  /** The promotional identity, when this tab has one for this pass; always `null` for a basic pass. */
  identity: TempPassIdentity | null;
  /** A promotional pass without an identity in memory (e.g. after a reload): ask for the email again. */
  needsIdentity: boolean;
  /** See `trialKey`; `null` while a promotional identity is missing. */
  trialKey: string | null;
}

export interface ProviderAccess {
  kind: 'provider';
  mvpd: string;
}

/** The access the catalog preauthorizes and the playback gate authorizes against. */
export type ActiveAccess = { kind: 'none' } | ProviderAccess | FreeAccess;

export interface AccessView {
  active: ActiveAccess;
  provider: ProviderAccess | null;
  free: FreeAccess | null;
  /** Both a regular profile and a free pass: show the "Watching with" switch. */
  switchable: boolean;
}

export interface AccessInputs {
  mode: AccessMode;
  freePass: FreePass | null;
  identity: TempPassIdentity | null;
  /** MVPD of the regular profile (`useCurrentProfile`), `null` when signed out. */
  providerMvpd: string | null;
}

/**
 * Pure: the viewer's preference picks the access when both exist; otherwise whichever exists (a
 * cancelled provider sign-in falls back to the free pass kept from before).
 */
export function resolveAccess({ mode, freePass, identity, providerMvpd }: AccessInputs): AccessView {
  const provider: ProviderAccess | null = providerMvpd ? { kind: 'provider', mvpd: providerMvpd } : null;
  let free: FreeAccess | null = null;
  if (freePass) {
    const promo = freePass.kind === 'promotional';
    const own = promo && identity?.mvpd === freePass.mvpd ? identity : null;
    free = {
      kind: 'free',
      mvpd: freePass.mvpd,
      pass: freePass,
      identity: own,
      needsIdentity: promo && own === null,
      trialKey: promo && own === null ? null : trialKey(freePass.mvpd, own?.key ?? null),
    };
  }
  const active = (mode === 'free' ? (free ?? provider) : (provider ?? free)) ?? { kind: 'none' as const };
  return { active, provider, free, switchable: provider !== null && free !== null };
}

/** The active access, with the regular profile's query state behind it. */
export function useActiveAccess() {
  const mode = useAccessMode();
  const freePass = useFreePass();
  const identity = useTempPassIdentity();
  const current = useCurrentProfile();
  const view = resolveAccess({ mode, freePass, identity, providerMvpd: current.data?.mvpd ?? null });
  // A chosen free pass needs no profile answer; the regular profile does.
  const waitsForProfile = !(mode === 'free' && view.free);
  return {
    ...view,
    isPending: waitsForProfile && current.isPending,
    error: waitsForProfile && current.isError ? current.error : null,
    refetch: current.refetch,
  };
}
