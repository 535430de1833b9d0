import { describeScenario, type ScenarioNames } from '../emulator-control/describe-scenario';
import type { EmulatorControl } from '../emulator-control/control-client';
import { sameScenario, type Scenario, type ScenarioInput } from '../emulator-control/scenario-model';
import { needsProvider, parseDeepLink, quote, withoutDeepLinkKeys, type DeepLink } from './deep-link';
import { safeReturnPath } from './return-path';

/** An MVPD the viewer may pick (configuration, TempPass and test MVPDs left out). */
export interface LinkProvider {
  id: string;
  displayName: string;
  logoUrl: string;
}

export interface DeepLinkDeps {
  /** `location.search` at load. */
  search: string;
  backend: 'emulator' | 'adobe';
  /** This device's id (the decoded AP-Device-Identifier value). */
  deviceId: string;
  control: Pick<EmulatorControl, 'listScenarios' | 'addScenario'>;
  loadProviders(): Promise<readonly LinkProvider[]>;
  loadTitles(): Promise<readonly { id: string; title: string; channel: string }[]>;
  /**
   * Whether this device holds a valid profile now; `mvpd`: the link's provider, whose profile may be
   * one `/profiles` leaves out (a degraded one).
   */
  isSignedIn(mvpd: string): Promise<boolean>;
  /** Preselects the MVPD (the picker's "Continue with …"; the one to watch with when signed in). */
  chooseProvider(provider: LinkProvider): void;
  /** Called once when scenarios were added: refresh what depends on them. */
  scenariosChanged(): void;
  /** Replaces the current history entry (the link's keys must not survive a reload). */
  navigate(to: string): void;
}

export interface DeepLinkOutcome {
  applied: string[];
  ignored: string[];
  /** Where the app went. */
  target: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Applies a deep link once: adds the scenarios for this device through the control plane (emulator
 * backend only; those already active are not added twice), checks `provider` against the
 * configuration and `title` against the catalog, preselects the provider, then goes to the title
 * (`/watch/<id>`, which sends a signed-out viewer through sign-in and back), to the picker (a
 * provider and no sign-in yet), or stays, always replacing the URL so that a reload does not
 * apply the link again. Never throws: what cannot be applied is listed in `ignored`.
 */
export async function applyDeepLink(deps: DeepLinkDeps): Promise<DeepLinkOutcome> {
  const link = parseDeepLink(deps.search);
  // The control plane is not paced like Adobe's API: scenarios go first, while the configuration and
  // the catalog load, so that the pages' first decisions already see them. The emulator checks the
  // MVPD, title and channel ids itself.
  const [providers, titles, results] = await Promise.all([
    link.provider === null ? Promise.resolve(null) : settle(deps.loadProviders()),
    settle(deps.loadTitles()),
    addScenarios(deps, link),
  ]);

  const applied: string[] = [];
  const ignored = [...link.ignored];
  let provider: LinkProvider | null = null;
  if (link.provider !== null && providers !== null) {
    if ('error' in providers) {
      ignored.push(`provider ${quote(link.provider)} could not be checked: ${providers.error}`);
    } else {
      provider = providers.value.find((mvpd) => mvpd.id === link.provider) ?? null;
      if (!provider) ignored.push(`provider ${quote(link.provider)} is not one of this app’s TV providers.`);
    }
  }
  const catalog = 'value' in titles ? titles.value : [];
  const title = link.title !== null ? catalog.find((t) => t.id === link.title) : undefined;
  if (link.title !== null && 'error' in titles) {
    ignored.push(`title ${quote(link.title)} could not be checked: ${titles.error}`);
  } else if (link.title !== null && title === undefined) {
    ignored.push(`title ${quote(link.title)} is not in the catalog.`);
  }

  const names: ScenarioNames = {
    title: (id) => catalog.find((t) => t.id === id)?.title,
    mvpd: (id) => (provider?.id === id ? provider.displayName : undefined),
  };
  for (const result of results) {
    switch (result.kind) {
      case 'added':
        applied.push(`${describeScenario(result.input, names)} on this device`);
        break;
      case 'active':
        applied.push(`${describeScenario(result.input, names)} (already active on this device)`);
        break;
      case 'refused':
        ignored.push(result.message);
    }
  }
  if (results.some((result) => result.kind === 'added')) deps.scenariosChanged();

  if (provider) {
    deps.chooseProvider(provider);
    applied.push(`${provider.displayName} preselected`);
  }

  let target = `/${withoutDeepLinkKeys(deps.search)}`;
  if (title) {
    target = safeReturnPath(`/watch/${title.id}`);
    applied.push(`Opening “${title.title}”`);
  } else if (provider) {
    let signedIn = true;
    try {
      signedIn = await deps.isSignedIn(provider.id);
    } catch {
      // Unknown: stay on the catalog, which shows the sign-in state itself.
    }
    if (!signedIn) target = '/providers';
  }
  deps.navigate(target);
  return { applied, ignored, target };
}

type Settled<T> = { value: T } | { error: string };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: message(error) }),
  );
}

type ScenarioResult =
  { kind: 'added' | 'active'; input: ScenarioInput } | { kind: 'refused'; message: string };

/** Adds the link's scenarios for this device (emulator only), skipping those already active. */
async function addScenarios(deps: DeepLinkDeps, link: DeepLink): Promise<ScenarioResult[]> {
  if (link.scenarios.length === 0) return [];
  if (deps.backend !== 'emulator') {
    return [
      {
        kind: 'refused',
        message:
          'Scenarios are a feature of the emulator; this app talks to Adobe Pass, so none was applied.',
      },
    ];
  }
  let active: Scenario[];
  try {
    active = await deps.control.listScenarios();
  } catch (error) {
    return [{ kind: 'refused', message: `Scenarios could not be applied: ${message(error)}` }];
  }
  const results: ScenarioResult[] = [];
  for (const { text, spec } of link.scenarios) {
    const input = {
      ...spec,
      deviceId: deps.deviceId,
      ...(needsProvider(spec) && link.provider !== null ? { mvpd: link.provider } : {}),
    } as ScenarioInput;
    if (active.some((scenario) => sameScenario(scenario, input))) {
      results.push({ kind: 'active', input });
      continue;
    }
    try {
      await deps.control.addScenario(input);
      results.push({ kind: 'added', input });
    } catch (error) {
      results.push({ kind: 'refused', message: `Scenario ${quote(text)}: ${message(error)}` });
    }
  }
  return results;
}
