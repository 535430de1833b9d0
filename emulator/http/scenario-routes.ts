import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import {
  addScenario,
  clearScenarios,
  DEGRADATION_RULES,
  DEVICE_SCOPED_TYPES,
  FAULT_KINDS,
  listScenarios,
  MVPD_SCOPED_TYPES,
  removeScenario,
  SCENARIO_ENDPOINTS,
  type ScenarioEndpoint,
  type ScenarioScope,
  type ScenarioSpec,
} from '../domain/scenarios.ts';
import { findMvpd, findResource } from '../domain/seed.ts';
import type { EmulatorEnv } from './env.ts';
import { readJsonBody } from './json-body.ts';
import { sendJson } from './respond.ts';

/**
 * The scenario part of the control plane (README "Scenarios"): `GET`/`POST`/`DELETE
 * /__emulator/scenarios`, `DELETE /__emulator/scenarios/{id}`. These paths sit under
 * `/__emulator/*`, which the control plane's admin gate (control-routes.ts, mounted before this
 * router) covers. Every body is validated; errors are `{"error":"invalid_request","message":…}` 400,
 * an unknown id `{"error":"not_found",…}` 404.
 */
const MAX_BODY_BYTES = 16 * 1024;
const MAX_DELAY_MS = 60_000;

/** The decoded AP-Device-Identifier value (what `deviceId` scopes match). */
const deviceIdField = z
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

const ScenarioBody = z.discriminatedUnion('type', [
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

type ScenarioInput = z.infer<typeof ScenarioBody>;

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
function withAliases(body: unknown): unknown {
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
function seedProblem(context: EmulatorContext, input: ScenarioInput): string | undefined {
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

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid scenario.';
  if (issue.code === 'invalid_union' && issue.path.join('.') === 'type')
    return `"type" must be one of ${ScenarioBody.options.map((option) => option.shape.type.value).join(', ')}.`;
  if (issue.code === 'invalid_type' && issue.path.length === 0)
    return 'The body must be one scenario object.';
  if (issue.code === 'unrecognized_keys') return `Unknown field(s): ${issue.keys.join(', ')}.`;
  const path = issue.path.map(String).join('.');
  return path ? `"${path}": ${issue.message}` : issue.message;
}

function invalid(c: Context<EmulatorEnv>, message: string): Response {
  return sendJson(c, { error: 'invalid_request', message }, 400);
}

/** Drops optional keys that are absent so the stored scenario has exactly the fields sent. */
function toSpec(input: ScenarioInput): ScenarioSpec & ScenarioScope {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as ScenarioSpec & ScenarioScope;
}

export function scenarioRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const path = '/__emulator/scenarios';

  router.get(path, (c) => sendJson(c, { scenarios: listScenarios(context) }));

  router.post(path, async (c) => {
    const body = await readJsonBody(c, MAX_BODY_BYTES);
    if (!body.ok) {
      return invalid(
        c,
        body.reason === 'too_large' ? 'The body is too large.' : 'The body must be one scenario as JSON.',
      );
    }
    const parsed = ScenarioBody.safeParse(withAliases(body.value));
    if (!parsed.success) return invalid(c, describeIssue(parsed.error));
    const problem = seedProblem(context, parsed.data);
    if (problem) return invalid(c, problem);
    return sendJson(c, addScenario(context, toSpec(parsed.data)), 201);
  });

  router.delete(path, (c) => {
    const deviceIds = c.req.queries('deviceId');
    if (deviceIds !== undefined) {
      const parsed = deviceIdField.safeParse(deviceIds.length === 1 ? deviceIds[0] : undefined);
      if (!parsed.success) return invalid(c, 'deviceId must be given once, as the decoded device id.');
      return sendJson(c, { removed: clearScenarios(context, parsed.data) });
    }
    return sendJson(c, { removed: clearScenarios(context) });
  });

  router.delete(`${path}/:id`, (c) => {
    const id = c.req.param('id');
    if (!removeScenario(context, id))
      return sendJson(c, { error: 'not_found', message: `There is no scenario "${id.slice(0, 64)}".` }, 404);
    return sendJson(c, { removed: 1 });
  });

  const notAllowed = (allow: string) => (c: Context<EmulatorEnv>) => {
    c.header('Allow', allow);
    return sendJson(c, { error: 'method_not_allowed', message: `Use ${allow}.` }, 405);
  };
  router.all(path, notAllowed('GET, POST, DELETE'));
  router.all(`${path}/:id`, notAllowed('DELETE'));

  return router;
}
