import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import {
  DEGRADATION_RULES,
  DEVICE_SCOPED_TYPES,
  FAULT_KINDS,
  MVPD_SCOPED_TYPES,
  SCENARIO_ENDPOINTS,
  type ScenarioEndpoint,
} from './scenarios.ts';
import { findMvpd, findResource } from './seed.ts';

/**
 * What a scenario may be: the shape of each type (zod) and the rules a shape cannot express (names
 * from the seed, scopes that could never match). One definition for `POST /__emulator/scenarios`
 * and for the scenarios of an imported state document (`PUT /__emulator/state`).
 */
const MAX_DELAY_MS = 60_000;

/** The decoded AP-Device-Identifier value (what `deviceId` scopes match). */
export const deviceIdField = z
  .string()
  .min(1)
  .max(512)
  .refine(
    (value) => ![...value].some((ch) => ch.charCodeAt(0) < 0x20),
    'must not contain control characters',
  );
const scope = { deviceId: deviceIdField.optional(), mvpd: z.string().min(1).max(128).optional() };
const probability = z.number().min(0).max(1);
const delayMs = z.number().int().min(0).max(MAX_DELAY_MS);
const details = z.string().min(1).max(500);
const endpoint = z.enum(SCENARIO_ENDPOINTS);

export const ScenarioBody = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('deny-resource'),
      resource: z.string().min(1).max(256),
      details: details.optional(),
      ...scope,
    })
    .strict(),
  z
    .object({
      type: z.literal('deny-channel'),
      channel: z.string().min(1).max(256),
      details: details.optional(),
      ...scope,
    })
    .strict(),
  z.object({ type: z.literal('degradation'), rule: z.enum(DEGRADATION_RULES), ...scope }).strict(),
  z.object({ type: z.literal('login-delay'), delayMs, ...scope }).strict(),
  z.object({ type: z.literal('login-failure'), probability, ...scope }).strict(),
  z.object({ type: z.literal('latency'), delayMs, endpoint: endpoint.optional(), ...scope }).strict(),
  z
    .object({
      type: z.literal('fault'),
      endpoint,
      fault: z.enum(FAULT_KINDS),
      probability,
      status: z.number().int().min(500).max(599).optional(),
      ...scope,
    })
    .strict(),
  z.object({ type: z.literal('throttle'), throttled: z.boolean(), ...scope }).strict(),
]);

export type ScenarioInput = z.infer<typeof ScenarioBody>;

/**
 * Everyday names accepted for a type (stored under the canonical one): the issue's own words
 * ("deny a title", "degrade an MVPD", "slow / failing MVPD login").
 */
export const SCENARIO_TYPE_ALIASES: Readonly<Record<string, ScenarioInput['type']>> = {
  'deny-title': 'deny-resource',
  degrade: 'degradation',
  'slow-login': 'login-delay',
  'failing-login': 'login-failure',
};

/** Applies `SCENARIO_TYPE_ALIASES`, and `title` for `resource` on a deny of one title. */
export function withAliases(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  const type =
    typeof record.type === 'string' ? (SCENARIO_TYPE_ALIASES[record.type] ?? record.type) : record.type;
  const next: Record<string, unknown> = { ...record, type };
  if (type === 'deny-resource' && next.resource === undefined && typeof next.title === 'string') {
    next.resource = next.title;
    delete next.title;
  }
  return next;
}

/** Families whose requests never name a device (no AP-Device-Identifier, no code, no deviceId). */
const DEVICELESS_ENDPOINTS: readonly ScenarioEndpoint[] = [
  'register',
  'token',
  'media-token-verify',
  'reset-temppass',
];
/** Families whose requests name an MVPD (path, or the session of a code). */
const MVPD_ENDPOINTS: readonly ScenarioEndpoint[] = [
  'sessions',
  'profiles',
  'preauthorize',
  'authorize',
  'logout',
  'authenticate',
];

/** Rules zod's shapes cannot express: the seed, and which scopes can ever match. */
export function seedProblem(context: EmulatorContext, input: ScenarioInput): string | undefined {
  const type = input.type;
  if (MVPD_SCOPED_TYPES.includes(type) && input.mvpd === undefined)
    return `A ${type} scenario needs "mvpd" (the MVPD it applies to).`;
  if (DEVICE_SCOPED_TYPES.includes(type) && input.deviceId === undefined)
    return `A ${type} scenario needs "deviceId" (the decoded AP-Device-Identifier value).`;
  if (input.mvpd !== undefined) {
    const mvpd = findMvpd(context.seed, input.mvpd);
    if (!mvpd) return `Unknown mvpd "${input.mvpd}": use a seeded MVPD id (GET /__emulator/seed).`;
    const mvpdLike = ['deny-resource', 'deny-channel', ...MVPD_SCOPED_TYPES];
    if (mvpd.flags?.isTempPass && mvpdLike.includes(type))
      return `${mvpd.id} is a TempPass MVPD: it has no MVPD login or MVPD decisions for a ${type} scenario.`;
    if (type === 'throttle') return 'A throttle scenario is per device: it takes no "mvpd".';
  }
  if (input.type === 'deny-resource' && !findResource(context.seed, input.resource))
    return `Unknown resource "${input.resource}": use a catalog title id (GET /__emulator/seed).`;
  if (input.type === 'deny-channel' && !context.seed.resources.some((r) => r.channel === input.channel))
    return `Unknown channel "${input.channel}": use a catalog channel id (GET /__emulator/seed).`;
  if (input.type === 'fault' && input.status !== undefined && input.fault !== 'server-error')
    return '"status" applies to server-error faults only.';
  if (input.type === 'latency' || input.type === 'fault') {
    const family = input.endpoint;
    if (family && input.deviceId !== undefined && DEVICELESS_ENDPOINTS.includes(family))
      return `Requests of the ${family} endpoint carry no device: drop "deviceId".`;
    if (family && input.mvpd !== undefined && !MVPD_ENDPOINTS.includes(family))
      return `Requests of the ${family} endpoint name no MVPD: drop "mvpd".`;
  }
  return undefined;
}
