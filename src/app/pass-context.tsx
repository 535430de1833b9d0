import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { PassClient } from '../pass/client';
import { createLazyPassClient } from '../pass/lazy-client';
import { createRequestPacer, webStoragePacerStore, type RequestPacer } from '../pass/pacer';
import type { AppConfig } from '../config/app-config';
import { recordExchange } from '../devtools/trace-tap';
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
      client: createLazyPassClient({
        config: {
          apiBaseUrl: config.apiBaseUrl,
          serviceProvider: config.serviceProvider,
          softwareStatement: config.softwareStatement,
          redirectUri: config.redirectUri,
        },
        deviceId,
        pacer: createBrowserPacer(),
        // Every attempt into the API-trace ring buffer (tiny module; the drawer itself loads lazily).
        onExchange: recordExchange,
      }),
    }),
    [config, deviceId],
  );
  return <PassContext.Provider value={value}>{children}</PassContext.Provider>;
}

/** The same, or `null` outside `<PassProvider>` (the developer drawer rendered on its own). */
export function usePassIfProvided(): PassContextValue | null {
  return useContext(PassContext);
}

export function usePass(): PassContextValue {
  const value = useContext(PassContext);
  if (!value) throw new Error('usePass must be used inside <PassProvider>');
  return value;
}
