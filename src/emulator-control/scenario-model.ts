import { z } from '../pass/schemas/zod';

/**
 * The emulator's scenario model as the browser sees it over `/__emulator/scenarios` (README
 * "Scenarios"; the server side is `emulator/domain/scenarios.ts`, which the browser cannot import:
 * it pulls in SQLite). `scenario-model.test.ts` checks that these lists equal the emulator's.
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

/** Families whose requests carry no device: a scenario on them cannot be limited to one device. */
export const DEVICELESS_ENDPOINTS: readonly ScenarioEndpoint[] = [
  'register',
  'token',
  'media-token-verify',
  'reset-temppass',
];

export const FAULT_KINDS = ['server-error', 'too-many-requests', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The emulator's limits (README "Scenarios"): delays 0–60000 ms, probabilities 0–1, status 500–599. */
export const MAX_DELAY_MS = 60_000;

const probability = z.number().check(z.minimum(0), z.maximum(1));
const delayMs = z.int().check(z.minimum(0), z.maximum(MAX_DELAY_MS));
const scopeAndId = {
  deviceId: z.optional(z.string()),
  mvpd: z.optional(z.string()),
  id: z.string().check(z.minLength(1)),
  createdAt: z.number(),
};

/** One stored scenario, as `GET`/`POST /__emulator/scenarios` answer it. */
export const scenarioSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('deny-resource'),
    resource: z.string(),
    details: z.optional(z.string()),
    ...scopeAndId,
  }),
  z.object({
    type: z.literal('deny-channel'),
    channel: z.string(),
    details: z.optional(z.string()),
    ...scopeAndId,
  }),
  z.object({ type: z.literal('degradation'), rule: z.enum(DEGRADATION_RULES), ...scopeAndId }),
  z.object({ type: z.literal('login-delay'), delayMs, ...scopeAndId }),
  z.object({ type: z.literal('login-failure'), probability, ...scopeAndId }),
  z.object({
    type: z.literal('latency'),
    delayMs,
    endpoint: z.optional(z.enum(SCENARIO_ENDPOINTS)),
    ...scopeAndId,
  }),
  z.object({
    type: z.literal('fault'),
    endpoint: z.enum(SCENARIO_ENDPOINTS),
    fault: z.enum(FAULT_KINDS),
    probability,
    status: z.optional(z.int().check(z.minimum(500), z.maximum(599))),
    ...scopeAndId,
  }),
  z.object({ type: z.literal('throttle'), throttled: z.boolean(), ...scopeAndId }),
]);

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioType = Scenario['type'];

type WithoutStored<T> = T extends unknown ? Omit<T, 'id' | 'createdAt'> : never;
/** What `POST /__emulator/scenarios` takes: one scenario with its optional `deviceId` / `mvpd` scope. */
export type ScenarioInput = WithoutStored<Scenario>;

export const scenarioListSchema = z.object({ scenarios: z.array(scenarioSchema) });

/** Scenario types whose scope needs an `mvpd`, and the one that needs a `deviceId`. */
export const MVPD_SCOPED_TYPES: readonly ScenarioType[] = ['degradation', 'login-delay', 'login-failure'];
export const DEVICE_SCOPED_TYPES: readonly ScenarioType[] = ['throttle'];

/** The part of `GET /__emulator/seed` the scenario controls use (other fields are ignored). */
export const seedViewSchema = z.object({
  serviceProvider: z.string(),
  mvpds: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      isTempPass: z.optional(z.boolean()),
    }),
  ),
  resources: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      channel: z.string(),
      channelName: z.string(),
    }),
  ),
});
export type SeedView = z.infer<typeof seedViewSchema>;

/** The two scenarios are the same rule with the same scope (ids and creation times aside). */
export function sameScenario(a: ScenarioInput | Scenario, b: ScenarioInput | Scenario): boolean {
  const strip = (value: ScenarioInput | Scenario) =>
    Object.entries(value)
      .filter(([key, field]) => key !== 'id' && key !== 'createdAt' && field !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
