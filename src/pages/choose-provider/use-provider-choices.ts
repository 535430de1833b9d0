import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChosenMvpd } from '../../app/use-start-sign-in';
import { configurationQuery } from '../../queries/configuration';
import { pickProfile, useProfiles } from '../../queries/profiles';
import { usePassScope } from '../../queries/use-pass-scope';
import { accessActions } from '../../state/access-store';
import { useChosenMvpd, useDeviceActions, useKnownMvpds } from '../../state/device-store';
import { needsChoice, providerChoices, type ProviderChoice } from './provider-choices';

/**
 * The providers this device is signed in with, which one the app uses, and whether it must ask.
 * Reads the profiles query every signed-in page already holds (no extra request), except when it
 * lacks a provider this device signed in with: after a sign-in in a fresh page load the cache holds
 * only the profile found by code, so the full list is asked for once. Names come from what this
 * device remembers about MVPDs it picked, and only when one is missing from the configuration
 * (fetched then, as a picker would).
 */
export function useProviderChoices() {
  const { client } = usePassScope();
  const profiles = useProfiles();
  const known = useKnownMvpds();
  const chosen = useChosenMvpd();
  const { mvpdChosen, mvpdsForgotten } = useDeviceActions();
  // Validity by the device clock as of this page's first render.
  const [now] = useState(() => Date.now());
  const valid = profiles.data ? Object.keys(profiles.data.profiles) : [];
  const missingNames = valid.some((id) => !known[id]);
  const incomplete = !!profiles.data && Object.keys(known).some((id) => !valid.includes(id));
  const [completed, setCompleted] = useState(false);
  const { refetch } = profiles;
  useEffect(() => {
    if (!incomplete || completed) return;
    const complete = async () => {
      const answered = (await refetch()).data?.profiles;
      // Asked in full: what is still missing is not signed in any more.
      if (answered) mvpdsForgotten(Object.keys(known).filter((id) => !(id in answered)));
      setCompleted(true);
    };
    void complete();
  }, [incomplete, completed, refetch, known, mvpdsForgotten]);
  const configuration = useQuery({ ...configurationQuery(client), enabled: missingNames });
  const names = (id: string) => {
    const mvpd = known[id] ?? configuration.data?.requestor.mvpds.find((entry) => entry.id === id);
    return mvpd ? { displayName: mvpd.displayName, logoUrl: mvpd.logoUrl } : undefined;
  };
  const choices = profiles.data ? providerChoices(profiles.data.profiles, names, now) : [];
  const inUse = profiles.data ? (pickProfile(profiles.data.profiles, chosen?.id, now)?.mvpd ?? null) : null;

  /** The viewer picked the provider to watch with on this device: remembered, and made active. */
  const choose = (choice: ProviderChoice | ChosenMvpd) => {
    mvpdChosen({ id: choice.id, displayName: choice.displayName, logoUrl: choice.logoUrl });
    accessActions.providerChosen();
  };

  return {
    isPending: profiles.isPending || (incomplete && !completed) || (missingNames && configuration.isPending),
    error: profiles.error,
    refetch: profiles.refetch,
    choices,
    /** The provider the app acts on now (the chosen one, else the one lasting longest). */
    inUse,
    needsChoice: needsChoice(choices, chosen?.id),
    /** Display name of a signed-in MVPD (its id when unknown). */
    nameOf: (id: string) => names(id)?.displayName ?? id,
    choose,
  };
}
