import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  resetTempPassDevice,
  resetTempPassIdentity,
  type ResetDeviceTarget,
  type ResetIdentityTarget,
  type ResetTempPassContext,
} from '../pass';
import { recordExchange } from '../devtools/trace-tap';
import { accessActions } from '../state/access-store';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** One reset: by device (`device_id`, or `all`) or by identity key (`key`, or `all`). */
export type ResetTarget =
  ({ endpoint: 'device' } & ResetDeviceTarget) | ({ endpoint: 'identity' } & ResetIdentityTarget);

/**
 * The programmer's Reset TempPass call, with this app's DCR access token, on the Pass client's base
 * URL. Afterwards this browser forgets what it knew about that MVPD's trials.
 */
export function useResetTempPass() {
  const { client, serviceProvider, deviceId } = usePassScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['pass', 'reset-temppass'],
    mutationFn: (target: ResetTarget) => {
      const context: ResetTempPassContext = {
        baseUrl: client.config.apiBaseUrl,
        serviceProvider,
        getAccessToken: (rejected) => client.getAccessToken(rejected),
        onExchange: recordExchange,
      };
      return target.endpoint === 'device'
        ? resetTempPassDevice(context, { mvpd: target.mvpd, deviceId: target.deviceId })
        : resetTempPassIdentity(context, { mvpd: target.mvpd, key: target.key });
    },
    onSuccess: (_done, target) => {
      accessActions.freeTrialsReset(target.mvpd);
      void queryClient.invalidateQueries({
        queryKey: passKeys.tempPass(serviceProvider, deviceId, target.mvpd),
      });
      void queryClient.invalidateQueries({
        queryKey: passKeys.preauthorizations(serviceProvider, deviceId, target.mvpd),
      });
    },
  });
}
