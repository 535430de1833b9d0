import type { Scenario, ScenarioInput } from './scenario-model';

/** Display names for ids (catalog titles, channels, MVPDs); an id without a name is shown as is. */
export interface ScenarioNames {
  title?: (id: string) => string | undefined;
  channel?: (id: string) => string | undefined;
  mvpd?: (id: string) => string | undefined;
}

/** A probability (0..1) as a percentage with at most two decimals, e.g. 0.125 → "12.5 %". */
export function percent(probability: number): string {
  return `${Math.round(probability * 10_000) / 100} %`;
}

/** One line saying what a scenario does, e.g. "Deny “The Morning Brief”" or "HTTP 503 on profiles, 30 %". */
export function describeScenario(scenario: Scenario | ScenarioInput, names: ScenarioNames = {}): string {
  const mvpd = (id: string | undefined) => (id === undefined ? 'the MVPD' : (names.mvpd?.(id) ?? id));
  switch (scenario.type) {
    case 'deny-resource': {
      const text = `Deny “${names.title?.(scenario.resource) ?? scenario.resource}”`;
      return scenario.details ? `${text}: ${scenario.details}` : text;
    }
    case 'deny-channel': {
      const text = `Deny channel ${names.channel?.(scenario.channel) ?? scenario.channel}`;
      return scenario.details ? `${text}: ${scenario.details}` : text;
    }
    case 'degradation':
      return `Degrade ${mvpd(scenario.mvpd)}: ${scenario.rule}`;
    case 'login-delay':
      return `Slow ${mvpd(scenario.mvpd)} login: ${scenario.delayMs} ms`;
    case 'login-failure':
      return `Failing ${mvpd(scenario.mvpd)} login: ${percent(scenario.probability)}`;
    case 'latency':
      return `+${scenario.delayMs} ms on ${scenario.endpoint ?? 'every API request'}`;
    case 'fault': {
      const what =
        scenario.fault === 'server-error'
          ? `HTTP ${scenario.status ?? 500}`
          : scenario.fault === 'too-many-requests'
            ? 'HTTP 429'
            : 'Dropped connection';
      return `${what} on ${scenario.endpoint}, ${percent(scenario.probability)}`;
    }
    case 'throttle':
      return scenario.throttled ? 'Throttle the device' : 'Never throttle the device';
  }
}

/** Who a scenario applies to, from the point of view of one device. */
export function describeScope(
  scenario: Pick<Scenario, 'deviceId' | 'mvpd' | 'type'>,
  thisDevice: string,
  names: ScenarioNames = {},
): string {
  const who =
    scenario.deviceId === undefined
      ? 'all devices'
      : scenario.deviceId === thisDevice
        ? 'this device'
        : `device ${scenario.deviceId}`;
  // The MVPD of degradation and login scenarios is already in their description.
  const namesMvpd = scenario.type === 'degradation' || scenario.type.startsWith('login-');
  if (scenario.mvpd === undefined || namesMvpd) return who;
  return `${who}, ${names.mvpd?.(scenario.mvpd) ?? scenario.mvpd} only`;
}
