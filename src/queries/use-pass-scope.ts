import { usePass } from '../app/pass-context';
import { useDeviceId } from '../state/device-store';

/** The client plus what scopes its queries: service provider and this device's id. */
export function usePassScope() {
  const { client, config } = usePass();
  const deviceId = useDeviceId();
  return { client, config, serviceProvider: config.serviceProvider, deviceId };
}
