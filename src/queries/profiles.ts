import { queryOptions, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { MvpdProfile, PassClient, ProfilesResponse, SessionParameters, SessionResponse } from '../pass';
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

/**
 * GET /api/v2/{sp}/profiles/{mvpd} for the provider the viewer picked when `/profiles` lists none
 * for it. Adobe leaves degraded profiles out of `/profiles`: under an AuthNAll degradation rule the
 * session answers `authorize` (reason `degraded`) without any login, and the profile to watch with
 * exists only here (Adobe's "Retrieve profile while degradation is applied"). `null`: none.
 */
export function mvpdProfileQuery(client: PassClient, deviceId: string, mvpd: string) {
  return queryOptions({
    queryKey: passKeys.mvpdProfile(client.config.serviceProvider, deviceId, mvpd),
    queryFn: async ({ signal }): Promise<MvpdProfile | null> => {
      const profile = (await client.getProfile(mvpd, { signal })).profiles[mvpd];
      return profile && profile.type !== 'temporary' ? profile : null;
    },
    staleTime: 5 * 60_000,
  });
}

/** `/profiles` plus, when there is one, the picked provider's profile that `/profiles` leaves out. */
export function withMvpdProfile(
  list: ProfilesResponse,
  mvpd: string | undefined,
  profile: MvpdProfile | null | undefined,
): ProfilesResponse {
  if (!mvpd || !profile || list.profiles[mvpd]) return list;
  return { ...list, profiles: { ...list.profiles, [mvpd]: profile } };
}

/**
 * Whether to ask `/profiles/{mvpd}` for the picked provider: `/profiles` has answered without it,
 * and no sign-in with it is under way in this page (a session being created, or one that sent the
 * viewer to the MVPD's login). A session that answered `authorize` (a profile exists, e.g. a
 * degraded one) or none at all in this page load (say, after a reload) lets the lookup run.
 */
export function needsMvpdLookup(
  list: ProfilesResponse | undefined,
  mvpd: string | undefined,
  lastSession: { status: string; actionName: string | undefined } | undefined,
): boolean {
  if (!list || !mvpd || list.profiles[mvpd]) return false;
  if (!lastSession) return true;
  return lastSession.status === 'success' && lastSession.actionName === 'authorize';
}

/** The latest POST /sessions of this page for `mvpd` (see `useCreateSession`). */
function useLastSessionFor(mvpd: string | undefined) {
  const sessions = useMutationState({
    filters: { mutationKey: ['pass', 'create-session'] },
    select: (mutation) => ({
      mvpd: (mutation.state.variables as SessionParameters | undefined)?.mvpd,
      status: mutation.state.status,
      actionName: (mutation.state.data as SessionResponse | undefined)?.actionName,
    }),
  });
  return mvpd ? sessions.filter((session) => session.mvpd === mvpd).at(-1) : undefined;
}

/** Asks again (`/profiles`, and the picked provider's profile when it is looked up); the merged answer. */
export type RefetchProfiles = () => Promise<{ data: ProfilesResponse | undefined }>;

/** A query-like view over the profile reads, narrowing like React Query's result does. */
export type ProfilesRead<T> =
  | { isPending: true; isError: false; data: undefined; error: null; refetch: RefetchProfiles }
  | { isPending: false; isError: true; data: undefined; error: Error; refetch: RefetchProfiles }
  | { isPending: false; isError: false; data: T; error: null; refetch: RefetchProfiles };

/** `useProfiles` with the device-clock time its answers arrived (to judge validity by). */
function useProfileReads(): { state: ProfilesRead<ProfilesResponse>; answeredAt: number } {
  const { client, deviceId } = usePassScope();
  const chosenId = useChosenMvpd()?.id;
  const list = useQuery(profilesQuery(client, deviceId));
  const lastSession = useLastSessionFor(chosenId);
  const lookup = useQuery({
    ...mvpdProfileQuery(client, deviceId, chosenId ?? ''),
    enabled: needsMvpdLookup(list.data, chosenId, lastSession),
  });
  const extra = lookup.isEnabled ? lookup.data : undefined;
  const data = useMemo(
    () => (list.data ? withMvpdProfile(list.data, chosenId, extra) : undefined),
    [list.data, chosenId, extra],
  );
  const lookupEnabled = lookup.isEnabled;
  const refetchList = list.refetch;
  const refetchLookup = lookup.refetch;
  const refetch = useCallback(async () => {
    const [answer, own] = await Promise.all([
      refetchList(),
      lookupEnabled ? refetchLookup() : Promise.resolve(undefined),
    ]);
    return { data: answer.data ? withMvpdProfile(answer.data, chosenId, own?.data) : undefined };
  }, [refetchList, refetchLookup, lookupEnabled, chosenId]);
  const answeredAt = Math.max(list.dataUpdatedAt, extra ? lookup.dataUpdatedAt : 0);
  if (list.isError)
    return {
      state: { isPending: false, isError: true, data: undefined, error: list.error, refetch },
      answeredAt,
    };
  if (!data || (lookup.isEnabled && lookup.isPending))
    return { state: { isPending: true, isError: false, data: undefined, error: null, refetch }, answeredAt };
  return { state: { isPending: false, isError: false, data, error: null, refetch }, answeredAt };
}

/**
 * The profiles of this device: `/profiles`, plus the picked provider's profile from
 * `/profiles/{mvpd}` when `/profiles` leaves it out (degraded access, see `mvpdProfileQuery`).
 * A failed lookup counts as none: `/profiles` alone decides then.
 */
export function useProfiles(): ProfilesRead<ProfilesResponse> {
  return useProfileReads().state;
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

/**
 * Signed-in state derived from the profiles (`useProfiles`): `data` is `null` when signed out.
 * Validity is judged by the device clock as of the answers.
 */
export function useCurrentProfile(): ProfilesRead<CurrentProfile | null> {
  const chosenId = useChosenMvpd()?.id;
  const { state, answeredAt } = useProfileReads();
  const profiles = state.data?.profiles;
  const current = useMemo(
    () => (profiles ? pickProfile(profiles, chosenId, answeredAt) : null),
    [profiles, chosenId, answeredAt],
  );
  if (!state.data) return state;
  return { ...state, data: current };
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
