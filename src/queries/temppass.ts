import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { PassClient } from '../pass';
import { isPassApiError, type PassApiError } from '../pass/errors';
import type { FreePass, TempPassIdentity } from '../temppass/free-passes';
import {
  hasTrialStarted,
  readTempPassProfile,
  tempPassLimitOf,
  type TempPassLimit,
  type TempPassProfileView,
} from '../temppass/status';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/**
 * The state of one free pass, from GET /profiles/{tempPassMvpd}:
 * - `open`: the pass still opens titles. `view` is the temporary profile (`null` if Adobe sent none);
 *   `startedByProfile` says whether the profile shows a running clock (see `hasTrialStarted`).
 * - `over`: Adobe answered 403 `temporary_access_duration_limit_exceeded` (`limit: 'duration'`) or
 *   `temporary_access_resources_limit_exceeded` (`'resources'`). These are states, not failures.
 */
export type TempPassStatus =
  | { state: 'open'; view: TempPassProfileView | null; startedByProfile: boolean }
  | { state: 'over'; limit: TempPassLimit; error: PassApiError };

export function tempPassStatusQuery(
  client: PassClient,
  deviceId: string,
  mvpd: string,
  identity: TempPassIdentity | null,
) {
  return queryOptions({
    queryKey: passKeys.tempPassProfile(client.config.serviceProvider, deviceId, mvpd, identity?.key ?? null),
    queryFn: async ({ signal }): Promise<TempPassStatus> => {
      try {
        const { profiles } = await client.getProfile(mvpd, {
          signal,
          ...(identity ? { tempPassIdentity: identity.header } : {}),
        });
        const profile = profiles[mvpd];
        const view = profile ? readTempPassProfile(profile) : null;
        return {
          state: 'open',
          view,
          startedByProfile: view ? hasTrialStarted(view, Date.now(), false) : false,
        };
      } catch (error) {
        const limit = isPassApiError(error) ? tempPassLimitOf(error.code) : null;
        if (isPassApiError(error) && limit) return { state: 'over', limit, error };
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

/** Status of a free pass; a promotional pass waits for its identity. */
export function useTempPassStatus(pass: FreePass | null, identity: TempPassIdentity | null) {
  const { client, deviceId } = usePassScope();
  const ownIdentity = pass && identity?.mvpd === pass.mvpd ? identity : null;
  const enabled = pass !== null && (pass.kind === 'basic' || ownIdentity !== null);
  return useQuery({
    ...tempPassStatusQuery(
      client,
      deviceId,
      pass?.mvpd ?? '',
      pass?.kind === 'promotional' ? ownIdentity : null,
    ),
    enabled,
  });
}

/**
 * After a TempPass permit or deny, or a reset: read the pass's status again. `decisions: true` also
 * drops the catalog's preauthorize answers for that MVPD (they changed from permit to deny).
 */
export function useRefreshTempPass() {
  const { serviceProvider, deviceId } = usePassScope();
  const queryClient = useQueryClient();
  return useCallback(
    (mvpd: string, options: { decisions?: boolean } = {}) => {
      void queryClient.invalidateQueries({ queryKey: passKeys.tempPass(serviceProvider, deviceId, mvpd) });
      if (options.decisions) {
        void queryClient.invalidateQueries({
          queryKey: passKeys.preauthorizations(serviceProvider, deviceId, mvpd),
        });
      }
    },
    [queryClient, serviceProvider, deviceId],
  );
}
