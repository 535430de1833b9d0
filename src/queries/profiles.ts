import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MvpdProfile, PassClient, ProfilesResponse } from '../pass';
import { accessActions } from '../state/access-store';
import { useChosenMvpd } from '../state/device-store';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** GET /api/v2/{sp}/profiles — the profiles of this device (cookbook phase B, step 2). */
export function profilesQuery(client: PassClient, deviceId: string) {
  return queryOptions({
    queryKey: passKeys.profiles(client.config.serviceProvider, deviceId),
    queryFn: ({ signal }) => client.getProfiles({ signal }),
    staleTime: 5 * 60_000,
  });
}

export function useProfiles() {
  const { client, deviceId } = usePassScope();
  return useQuery(profilesQuery(client, deviceId));
}

export interface CurrentProfile {
  mvpd: string;
  profile: MvpdProfile;
}

/**
 * The profile the app acts on: the remembered MVPD's when it has one, else the one that lasts the
 * longest. Expired profiles (by the device clock) are ignored.
 */
export function pickProfile(
  profiles: ProfilesResponse['profiles'],
  preferredMvpd: string | undefined,
  now: number,
): CurrentProfile | null {
  const valid = Object.entries(profiles).filter(([, profile]) => profile.notAfter > now);
  const preferred = valid.find(([mvpd]) => mvpd === preferredMvpd);
  const [mvpd, profile] = preferred ?? valid.sort(([, a], [, b]) => b.notAfter - a.notAfter)[0] ?? [];
  return mvpd && profile ? { mvpd, profile } : null;
}

/** Signed-in state derived from the profiles query: `data` is `null` when signed out. */
export function useCurrentProfile() {
  const { client, deviceId } = usePassScope();
  const chosenId = useChosenMvpd()?.id;
  return useQuery({
    ...profilesQuery(client, deviceId),
    select: (data) => pickProfile(data.profiles, chosenId, Date.now()),
  });
}

/**
 * After a login completes, the profile found by code is this device's profile too: merge it into
 * the profiles cache instead of asking Adobe again. The viewer just signed in with a TV provider,
 * so that becomes the active access (a free pass is kept for the "Watching with" switch).
 */
export function useRememberProfiles() {
  const { client, deviceId } = usePassScope();
  const queryClient = useQueryClient();
  return useCallback(
    (found: ProfilesResponse) => {
      if (Object.keys(found.profiles).length > 0) accessActions.providerChosen();
      queryClient.setQueryData(profilesQuery(client, deviceId).queryKey, (previous) => ({
        ...previous,
        profiles: { ...previous?.profiles, ...found.profiles },
      }));
    },
    [queryClient, client, deviceId],
  );
}
