import { useMutation, useQueryClient } from '@tanstack/react-query';
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
    onSuccess: () => {
      signedOut();
      queryClient.removeQueries({ queryKey: passKeys.device(serviceProvider, deviceId) });
      queryClient.removeQueries({ queryKey: passKeys.codes(serviceProvider) });
    },
  });
}
