import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { createEmulatorControl } from '../emulator-control/control-client';
import type { PassClient } from '../pass';
import { catalogQuery } from '../queries/catalog';
import { configurationQuery } from '../queries/configuration';
import { mvpdProfileQuery, pickProfile, profilesQuery, withMvpdProfile } from '../queries/profiles';
import { invalidateScenarioDependents } from '../devtools/scenarios/scenario-dependents';
import { useDeviceActions, useDeviceId, type KnownMvpd } from '../state/device-store';
import type { AppConfig } from '../config/app-config';
import { applyDeepLink, type DeepLinkOutcome } from './deep-link-apply';
import { usePass } from './pass-context';
import { router } from './router';
import './deep-link-notice.css';

interface Inputs {
  client: PassClient;
  config: AppConfig;
  deviceId: string;
  queryClient: QueryClient;
  chooseProvider: (mvpd: KnownMvpd) => void;
}

/** One application per page load, whatever React does with effects (StrictMode runs them twice). */
let once: Promise<DeepLinkOutcome> | null = null;

function applyOnce({
  client,
  config,
  deviceId,
  queryClient,
  chooseProvider,
}: Inputs): Promise<DeepLinkOutcome> {
  once ??= applyDeepLink({
    search: location.search,
    backend: config.backend,
    deviceId,
    control: createEmulatorControl({ baseUrl: config.apiBaseUrl }),
    loadProviders: async () =>
      (await queryClient.fetchQuery(configurationQuery(client))).requestor.mvpds
        .filter((mvpd) => !mvpd.isTempPass && !/test|_dev\b/i.test(mvpd.id))
        .map((mvpd) => ({ id: mvpd.id, displayName: mvpd.displayName, logoUrl: mvpd.logoUrl })),
    loadTitles: async () => (await queryClient.fetchQuery(catalogQuery())).titles,
    isSignedIn: async (mvpd) => {
      const list = await queryClient.fetchQuery(profilesQuery(client, deviceId));
      if (pickProfile(list.profiles, mvpd, Date.now()) !== null) return true;
      // A degraded profile (AuthNAll) is only in /profiles/{mvpd}, as on the catalog (queries/profiles.ts).
      if (list.profiles[mvpd]) return false;
      const degraded = await queryClient.fetchQuery(mvpdProfileQuery(client, deviceId, mvpd));
      return pickProfile(withMvpdProfile(list, mvpd, degraded).profiles, mvpd, Date.now()) !== null;
    },
    chooseProvider,
    scenariosChanged: () => invalidateScenarioDependents(queryClient, config.serviceProvider, deviceId),
    navigate: (to) => void router.navigate(to, { replace: true }),
  });
  return once;
}

/**
 * Applies the deep link the page was opened with (see `deep-link.ts`) and says what it did and what
 * it left out, in a notice the viewer can dismiss.
 */
export default function DeepLinkHandler() {
  const { client, config } = usePass();
  const deviceId = useDeviceId();
  const queryClient = useQueryClient();
  const { mvpdChosen } = useDeviceActions();
  const [outcome, setOutcome] = useState<DeepLinkOutcome | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const inputs = useRef<Inputs>({ client, config, deviceId, queryClient, chooseProvider: mvpdChosen });
  const ids = useId();

  useEffect(() => {
    let live = true;
    void applyOnce(inputs.current).then((result) => {
      if (live) setOutcome(result);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!outcome || dismissed || (outcome.applied.length === 0 && outcome.ignored.length === 0)) return null;
  const titleId = `${ids}-title`;
  return (
    <aside className="deep-link-notice" aria-labelledby={titleId} data-testid="deep-link-notice">
      <h2 id={titleId}>From the shared link</h2>
      <div role="status">
        {outcome.applied.length > 0 && (
          <ul data-testid="deep-link-applied">
            {outcome.applied.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
        {outcome.ignored.length > 0 && (
          <>
            <p className="deep-link-ignored-title">Left out:</p>
            <ul data-testid="deep-link-ignored">
              {outcome.ignored.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="button small" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </aside>
  );
}
