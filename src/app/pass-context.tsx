import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  createPassClient,
  createRequestPacer,
  webStoragePacerStore,
  type PassClient,
  type RequestPacer,
} from '../pass';
import type { AppConfig } from '../config/app-config';
import { useDeviceId } from '../state/device-store';

interface PassContextValue {
  client: PassClient;
  config: AppConfig;
}

/** Stays under Adobe's throttle; the bucket lives in this tab's sessionStorage, so it survives the
 * MVPD login's full-page round trip. */
function createBrowserPacer(): RequestPacer {
  return createRequestPacer({
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    store: webStoragePacerStore(sessionStorage),
  });
}

const PassContext = createContext<PassContextValue | null>(null);

/** Creates the one REST v2 client of this page, bound to the runtime config and this device. */
export function PassProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const deviceId = useDeviceId();
  const value = useMemo(
    () => ({
      config,
      client: createPassClient({
        config: {
          apiBaseUrl: config.apiBaseUrl,
          serviceProvider: config.serviceProvider,
          softwareStatement: config.softwareStatement,
          redirectUri: config.redirectUri,
        },
        deviceId,
        pacer: createBrowserPacer(),
      }),
    }),
    [config, deviceId],
  );
  return <PassContext.Provider value={value}>{children}</PassContext.Provider>;
}

export function usePass(): PassContextValue {
  const value = useContext(PassContext);
  if (!value) throw new Error('usePass must be used inside <PassProvider>');
  return value;
}
