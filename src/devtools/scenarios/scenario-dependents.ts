import type { QueryClient } from '@tanstack/react-query';
import { passKeys } from '../../queries/pass-keys';

/**
 * After a scenario, a device reset or a clock move, what the app shows may be stale: this device's
 * profiles, preauthorize decisions and TempPass state, and the configuration. Active queries refetch
 * at once. A play attempt (`authorize`) is left alone: it runs again on the next play, and
 * refetching it would restart a running stream.
 */
export function invalidateScenarioDependents(
  queryClient: QueryClient,
  serviceProvider: string,
  deviceId: string,
): Promise<void> {
  const device = passKeys.device(serviceProvider, deviceId);
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: device,
      predicate: (query) => query.queryKey[device.length] !== 'authorize',
    }),
    queryClient.invalidateQueries({ queryKey: passKeys.configuration(serviceProvider) }),
  ]).then(() => undefined);
}
