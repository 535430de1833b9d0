import type { EmulatorContext } from '../context.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { findMvpd } from './seed.ts';

/**
 * Scenarios: behaviour a test or a demo switches on out of band, through the control plane
 * (`/__emulator/scenarios`), never through anything the app must send. Each may be scoped to one
 * device (`deviceId`, the decoded AP-Device-Identifier value) and/or one MVPD; unscoped ones apply
 * to every request. They are stored in SQLite (they survive a restart) and a reset removes them
 * (a device reset removes that device's).
 */
export const DEGRADATION_RULES = ['AuthNAll', 'AuthZAll', 'AuthZNone'] as const;
export type DegradationRule = (typeof DEGRADATION_RULES)[number];

/** Endpoint families a latency or fault scenario can target. */
export const SCENARIO_ENDPOINTS = [
  'register',
  'token',
  'configuration',
  'sessions',
  'profiles',
  'preauthorize',
  'authorize',
  'logout',
  'authenticate',
  'media-token-verify',
  'reset-temppass',
  'v1',
] as const;
export type ScenarioEndpoint = (typeof SCENARIO_ENDPOINTS)[number];

export const FAULT_KINDS = ['server-error', 'too-many-requests', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type ScenarioSpec =
  /** Authorizations of this resource are denied by the MVPD (item-level `authorization_denied_by_mvpd`). */
  | { type: 'deny-resource'; resource: string; details?: string }
  /** Every title of this channel is denied by the MVPD. */
  | { type: 'deny-channel'; channel: string; details?: string }
  /** A degradation rule on the integration (spec decisions.md, sessions.md, profiles.md). */
  | { type: 'degradation'; rule: DegradationRule }
  /** The MVPD login page answers after this delay. */
  | { type: 'login-delay'; delayMs: number }
  /** The MVPD login fails with this probability (0..1) after the credentials are sent. */
  | { type: 'login-failure'; probability: number }
  /** Added latency on one endpoint family, or on every API request. */
  | { type: 'latency'; delayMs: number; endpoint?: ScenarioEndpoint }
  /** Injected 5xx, 429 or dropped connection on an endpoint family, with a probability (0..1). */
  | { type: 'fault'; endpoint: ScenarioEndpoint; fault: FaultKind; probability: number; status?: number }
  /** Per-device throttle switch: `true` throttles this device even when the mode is off, `false` never. */
  | { type: 'throttle'; throttled: boolean };

export type ScenarioType = ScenarioSpec['type'];

export interface ScenarioScope {
  deviceId?: string;
  mvpd?: string;
}

export type Scenario = ScenarioSpec &
  ScenarioScope & {
    id: string;
    /** Emulator clock time of creation. */
    createdAt: number;
  };

/** Scenario types that need an `mvpd` scope. */
export const MVPD_SCOPED_TYPES: readonly ScenarioType[] = ['degradation', 'login-delay', 'login-failure'];
/** Scenario types that need a `deviceId` scope. */
export const DEVICE_SCOPED_TYPES: readonly ScenarioType[] = ['throttle'];

const KEY = 'scenarios';
const COUNTER_KEY = 'scenario_counter';
const cache = new WeakMap<EmulatorContext, Scenario[]>();

export function listScenarios(context: EmulatorContext): readonly Scenario[] {
  let list = cache.get(context);
  if (!list) {
    const stored = getMeta(context.db, KEY);
    list = stored ? (JSON.parse(stored) as Scenario[]) : [];
    cache.set(context, list);
  }
  return list;
}

function save(context: EmulatorContext, list: Scenario[]): void {
  setMeta(context.db, KEY, JSON.stringify(list));
  cache.set(context, list);
}

/** Adds a scenario (already validated by the control route); ids are `s1`, `s2`, … (deterministic). */
export function addScenario(context: EmulatorContext, spec: ScenarioSpec & ScenarioScope): Scenario {
  const counter = Number(getMeta(context.db, COUNTER_KEY) ?? '0') + 1;
  const scenario = { ...spec, id: `s${counter}`, createdAt: context.clock.now() } as Scenario;
  context.db.transaction(() => {
    setMeta(context.db, COUNTER_KEY, String(counter));
    save(context, [...listScenarios(context), scenario]);
  })();
  return scenario;
}

/** Removes one scenario; false when there was none with that id. */
export function removeScenario(context: EmulatorContext, id: string): boolean {
  const list = listScenarios(context);
  const next = list.filter((scenario) => scenario.id !== id);
  if (next.length === list.length) return false;
  save(context, next);
  return true;
}

/** Removes every scenario, or only those scoped to one device. Returns how many went. */
export function clearScenarios(context: EmulatorContext, deviceId?: string): number {
  const list = listScenarios(context);
  const next = deviceId === undefined ? [] : list.filter((scenario) => scenario.deviceId !== deviceId);
  save(context, next);
  return list.length - next.length;
}

/** Forget the cached list (after the database was rewritten underneath, e.g. reset or state import). */
export function invalidateScenarioCache(context: EmulatorContext): void {
  cache.delete(context);
}

/**
 * Scenarios of one type that apply to a request: a scope that is set must match; an unset scope
 * matches everything. A request whose device or MVPD is unknown matches only unscoped ones.
 */
export function scenariosFor<T extends ScenarioType>(
  context: EmulatorContext,
  type: T,
  request: ScenarioScope,
): (Extract<ScenarioSpec, { type: T }> & ScenarioScope & { id: string; createdAt: number })[] {
  return listScenarios(context).filter(
    (scenario) =>
      scenario.type === type &&
      (scenario.deviceId === undefined || scenario.deviceId === request.deviceId) &&
      (scenario.mvpd === undefined || scenario.mvpd === request.mvpd),
  ) as (Extract<ScenarioSpec, { type: T }> & ScenarioScope & { id: string; createdAt: number })[];
}

/**
 * The degradation rule in force for (MVPD, device): the newest matching scenario, else the MVPD's
 * seeded standing rule (the `degraded` personality), else none.
 */
export function degradationRuleFor(
  context: EmulatorContext,
  mvpd: string,
  deviceId?: string,
): DegradationRule | undefined {
  const scenarios = scenariosFor(context, 'degradation', { mvpd, deviceId });
  return scenarios.at(-1)?.rule ?? findMvpd(context.seed, mvpd)?.degradation;
}

export interface LoginBehaviour {
  /** Delay before each MVPD login page answers. */
  delayMs: number;
  /** Probability that a correct sign-in fails with the MVPD's error page. */
  failureProbability: number;
}

/** The MVPD's seeded login personality, overridden by the newest matching scenarios. */
export function loginBehaviourFor(context: EmulatorContext, mvpd: string, deviceId?: string): LoginBehaviour {
  const seeded = findMvpd(context.seed, mvpd);
  const delay = scenariosFor(context, 'login-delay', { mvpd, deviceId }).at(-1);
  const failure = scenariosFor(context, 'login-failure', { mvpd, deviceId }).at(-1);
  return {
    delayMs: delay?.delayMs ?? seeded?.loginDelayMs ?? 0,
    failureProbability: failure?.probability ?? seeded?.loginFailureRate ?? 0,
  };
}
