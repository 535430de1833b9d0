import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProfilesResponse } from '../pass';
import { useDeviceActions } from '../state/device-store';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/**
 * GET /api/v2/{sp}/logout/{mvpd} on the viewer's request only. Afterwards everything this browser
 * kept about the session is gone: cached profiles and decisions, the chosen MVPD, the pending code.
 * Resolves with the MVPD logout page URL to open, when the MVPD has one.
 */
export function useLogout() {
  const { client, serviceProvider, deviceId } = usePassScope();
  const queryClient = useQueryClient();
  const { signedOut } = useDeviceActions();
  return useMutation({
    mutationKey: ['pass', 'logout'],
    mutationFn: async ({ mvpd, redirectUrl }: { mvpd: string; redirectUrl: string }) => {
      const answer = await client.logout(mvpd, { redirectUrl });
      const entry = answer.logouts[mvpd];
      return entry?.actionType === 'interactive' && entry.url ? client.resolveUrl(entry.url) : null;
    },
    onSuccess: (_url, { mvpd }) => {
      signedOut(mvpd);
      // The profile is gone server-side: drop it from the cache without asking again (a refetch here
      // would race the MVPD logout page), and forget every decision and code of this device.
      const profilesKey = passKeys.profiles(serviceProvider, deviceId);
      queryClient.setQueryData(profilesKey, (previous: ProfilesResponse | undefined) =>
        previous ? { ...previous, profiles: omit(previous.profiles, mvpd) } : previous,
      );
      const isProfiles = (key: readonly unknown[]) =>
        JSON.stringify(key.slice(0, profilesKey.length)) === JSON.stringify(profilesKey);
      queryClient.removeQueries({
        queryKey: passKeys.device(serviceProvider, deviceId),
        predicate: (query) => !isProfiles(query.queryKey),
      });
      queryClient.removeQueries({ queryKey: passKeys.codes(serviceProvider) });
      // A degraded profile (read from /profiles/{mvpd}) goes with the sign-out too.
      queryClient.removeQueries({ queryKey: passKeys.mvpdProfile(serviceProvider, deviceId, mvpd) });
    },
  });
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
