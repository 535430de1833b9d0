import {
  DEVICELESS_ENDPOINTS,
  MAX_DELAY_MS,
  type DegradationRule,
  type FaultKind,
  type ScenarioEndpoint,
  type ScenarioInput,
} from '../../emulator-control/scenario-model';

/** The presets of the drawer's "Add a scenario" form. */
export const PRESETS = [
  { id: 'deny-title', label: 'Deny a title' },
  { id: 'deny-channel', label: 'Deny a channel' },
  { id: 'degrade', label: 'Degrade an MVPD' },
  { id: 'slow-login', label: 'Slow MVPD login' },
  { id: 'failing-login', label: 'Failing MVPD login' },
  { id: 'latency', label: 'Added latency on an endpoint' },
  { id: 'fault', label: 'Injected 5xx, 429 or dropped connection' },
  { id: 'throttle', label: 'Throttle this device on or off' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

export const FAULT_LABELS: Record<FaultKind, string> = {
  'server-error': 'HTTP 5xx',
  'too-many-requests': 'HTTP 429 (throttled)',
  drop: 'Dropped connection',
};

export interface ScenarioFormState {
  preset: PresetId;
  /** `device`: this device only; `all`: every device. */
  scope: 'device' | 'all';
  resource: string;
  channel: string;
  mvpd: string;
  rule: DegradationRule;
  /** Text of the number fields, as typed. */
  delayMs: string;
  percent: string;
  status: string;
  endpoint: ScenarioEndpoint | 'all';
  fault: FaultKind;
  throttled: boolean;
}

export function initialFormState(defaults: {
  resource?: string;
  channel?: string;
  mvpd?: string;
}): ScenarioFormState {
  return {
    preset: 'deny-title',
    scope: 'device',
    resource: defaults.resource ?? '',
    channel: defaults.channel ?? '',
    mvpd: defaults.mvpd ?? '',
    rule: 'AuthZNone',
    delayMs: '3000',
    percent: '100',
    status: '500',
    endpoint: 'authorize',
    fault: 'server-error',
    throttled: true,
  };
}

/** Presets that need an MVPD, and the one that is per device only. */
export const MVPD_PRESETS: readonly PresetId[] = ['degrade', 'slow-login', 'failing-login'];
export const DEVICE_ONLY_PRESETS: readonly PresetId[] = ['throttle'];

/** The delay field of this preset, in ms (latency, slow login). */
export function usesDelay(preset: PresetId): boolean {
  return preset === 'latency' || preset === 'slow-login';
}

/** The probability field of this preset, in percent (failing login, fault). */
export function usesPercent(preset: PresetId): boolean {
  return preset === 'failing-login' || preset === 'fault';
}

export function isDeviceless(endpoint: ScenarioEndpoint | 'all'): boolean {
  return endpoint !== 'all' && DEVICELESS_ENDPOINTS.includes(endpoint);
}

function integer(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

function probability(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(?:\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= 100 ? Math.round(value * 100) / 10_000 : null;
}

export type FormResult = { input: ScenarioInput } | { error: string };

/**
 * The scenario the form describes, scoped to `deviceId` unless "all devices" is chosen, or what is
 * wrong with the form. Rules only the emulator knows (e.g. no device on DCR endpoints) are left to
 * its 400 answer, which the drawer shows.
 */
export function toScenarioInput(state: ScenarioFormState, deviceId: string): FormResult {
  const deviceScope =
    state.scope === 'device' || DEVICE_ONLY_PRESETS.includes(state.preset) ? { deviceId } : {};
  const mvpdScope = { mvpd: state.mvpd };
  if (MVPD_PRESETS.includes(state.preset) && !state.mvpd) return { error: 'Choose an MVPD.' };
  const delay = integer(state.delayMs, 0, MAX_DELAY_MS);
  const chance = probability(state.percent);
  if (usesDelay(state.preset) && delay === null) {
    return { error: `The delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.` };
  }
  if (usesPercent(state.preset) && chance === null) {
    return { error: 'The probability must be a percentage from 0 to 100.' };
  }
  switch (state.preset) {
    case 'deny-title':
      if (!state.resource) return { error: 'Choose a title.' };
      return { input: { type: 'deny-resource', resource: state.resource, ...deviceScope } };
    case 'deny-channel':
      if (!state.channel) return { error: 'Choose a channel.' };
      return { input: { type: 'deny-channel', channel: state.channel, ...deviceScope } };
    case 'degrade':
      return { input: { type: 'degradation', rule: state.rule, ...mvpdScope, ...deviceScope } };
    case 'slow-login':
      return { input: { type: 'login-delay', delayMs: delay ?? 0, ...mvpdScope, ...deviceScope } };
    case 'failing-login':
      return { input: { type: 'login-failure', probability: chance ?? 0, ...mvpdScope, ...deviceScope } };
    case 'latency':
      return {
        input: {
          type: 'latency',
          delayMs: delay ?? 0,
          ...(state.endpoint === 'all' ? {} : { endpoint: state.endpoint }),
          ...deviceScope,
        },
      };
    case 'fault': {
      if (state.endpoint === 'all') return { error: 'Choose the endpoint to fail.' };
      let status: number | null = null;
      if (state.fault === 'server-error') {
        status = integer(state.status, 500, 599);
        if (status === null) return { error: 'The status must be from 500 to 599.' };
      }
      return {
        input: {
          type: 'fault',
          endpoint: state.endpoint,
          fault: state.fault,
          probability: chance ?? 0,
          ...(status === null ? {} : { status }),
          ...deviceScope,
        },
      };
    }
    case 'throttle':
      return { input: { type: 'throttle', throttled: state.throttled, deviceId } };
  }
}
