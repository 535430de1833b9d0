import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { reseedEmulator, resetDevice, resetEmulator, type EmulatorContext } from '../context.ts';
import { EVENT_TYPES, listEvents, type EventType } from '../domain/events.ts';
import { exportState, importState, MAX_STATE_BYTES } from '../domain/state-export.ts';
import { MAX_THROTTLE_BURST, MAX_THROTTLE_RATE, THROTTLE_MODES, type Throttle } from '../domain/throttle.ts';
import { describeSeed } from '../domain/seed-view.ts';
import { revokeClient, revokeClientsOfSoftware } from '../store/clients.ts';
import { EVENT_LOG_CAPACITY } from '../store/events.ts';
import type { EmulatorEnv } from './env.ts';
import { readJsonBody } from './json-body.ts';
import { remoteAddress } from './middleware.ts';
import { sendJson } from './respond.ts';

const clockBody = z.union([
  z
    .object({
      advanceMs: z
        .number()
        .int()
        .min(0)
        .max(10 * 365 * 86_400_000),
    })
    .strict(),
  z.object({ now: z.number().int().min(0).max(8_640_000_000_000_000) }).strict(),
]);
const throttleBody = z
  .object({
    mode: z.enum(THROTTLE_MODES as [string, ...string[]]).optional(),
    ratePerSecond: z.number().positive().max(MAX_THROTTLE_RATE).optional(),
    burst: z.number().int().min(0).max(MAX_THROTTLE_BURST).optional(),
    retryAfter: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one setting');

/** `GET`/`POST /__emulator/throttle`: the mode and the bucket's settings. */
function throttleView(throttle: Throttle) {
  return { mode: throttle.mode, ...throttle.settings };
}
const revokeBody = z.union([
  z.object({ clientId: z.string().min(1).max(256) }).strict(),
  z.object({ softwareId: z.string().min(1).max(256) }).strict(),
]);

/** The decoded AP-Device-Identifier value (v1: `deviceId`). */
const deviceIdField = z
  .string()
  .min(1)
  .max(512)
  .refine(
    (value) => ![...value].some((ch) => ch.charCodeAt(0) < 0x20),
    'must not contain control characters',
  );
const resetBody = z
  .object({
    deviceId: deviceIdField.optional(),
    seed: z
      .union([
        z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
        z.string().min(1).max(256),
      ])
      .optional(),
  })
  .strict()
  .refine(
    (body) => body.deviceId === undefined || body.seed === undefined,
    'deviceId and seed exclude each other',
  );

const EVENT_QUERY_KEYS = ['deviceId', 'type', 'limit', 'after'];
const DEFAULT_EVENT_LIMIT = 100;
const eventQuery = z
  .object({
    deviceId: deviceIdField.optional(),
    type: z
      .string()
      .transform((value) => value.split(','))
      .pipe(z.array(z.enum(EVENT_TYPES)).min(1))
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(EVENT_LOG_CAPACITY))
      .optional(),
    after: z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number)
      .optional(),
  })
  .strict();

function invalidRequest(c: Context<EmulatorEnv>, message: string): Response {
  return sendJson(c, { error: 'invalid_request', message }, 400);
}

function isLoopback(address: string | undefined): boolean {
  // No socket at all means the app is driven in-process (unit tests).
  if (address === undefined) return true;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Only loopback callers may use the control plane, unless EMULATOR_ADMIN_TOKEN is set, in which
 * case the caller must send it as X-Emulator-Admin-Token.
 */
function adminOnly(adminToken: string | undefined): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const allowed = adminToken
      ? c.req.header('X-Emulator-Admin-Token') === adminToken
      : isLoopback(remoteAddress(c));
    if (!allowed)
      return sendJson(
        c,
        {
          error: 'forbidden',
          message: 'The control plane answers on loopback or with the admin token only.',
        },
        403,
      );
    await next();
  };
}

async function readJson(c: { req: { text(): Promise<string> } }): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > 65_536) return undefined;
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The emulator's control plane for tests and demos (README: "Control plane"). */
export function controlRoutes(
  context: EmulatorContext,
  adminToken: string | undefined = process.env.EMULATOR_ADMIN_TOKEN || undefined,
): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  router.use('/__emulator/*', adminOnly(adminToken));

  router.get('/__emulator/seed', (c) => sendJson(c, describeSeed(context.seed)));

  router.post('/__emulator/reset', async (c) => {
    const parsed = resetBody.safeParse(await readJson(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const problem =
        issue?.code === 'unrecognized_keys'
          ? `Unknown key(s): ${issue.keys.join(', ').slice(0, 200)}. `
          : issue?.code === 'custom'
            ? 'deviceId and seed exclude each other. '
            : '';
      return invalidRequest(
        c,
        `${problem}Send no body or {} (everything), {"deviceId": "<decoded device id>"} (one device) or {"seed": n} (everything, random streams reseeded).`,
      );
    }
    const { deviceId, seed } = parsed.data;
    if (deviceId !== undefined) {
      const removed = resetDevice(context, deviceId);
      return sendJson(c, { reset: 'device', deviceId, removed, now: context.clock.now() });
    }
    resetEmulator(context);
    if (seed !== undefined) reseedEmulator(context, String(seed));
    return sendJson(c, { reset: 'all', seed: context.randomSeed ?? null, now: context.clock.now() });
  });

  router.get('/__emulator/state', (c) => {
    c.header('Cache-Control', 'no-store');
    return sendJson(c, exportState(context));
  });
  router.put('/__emulator/state', async (c) => {
    const body = await readJsonBody(c, MAX_STATE_BYTES);
    if (!body.ok && body.reason === 'too_large') {
      return sendJson(
        c,
        {
          error: 'payload_too_large',
          message: `The state document is larger than ${MAX_STATE_BYTES} bytes.`,
        },
        413,
      );
    }
    if (!body.ok)
      return invalidRequest(c, 'The body must be a state document (GET /__emulator/state) as JSON.');
    const result = importState(context, body.value);
    if (!result.ok) return invalidRequest(c, result.message);
    return sendJson(c, { imported: result.imported, scenarios: result.scenarios, now: result.now });
  });

  router.get('/__emulator/events', (c) => {
    const raw = c.req.queries();
    const unknown = Object.keys(raw).filter((key) => !EVENT_QUERY_KEYS.includes(key));
    if (unknown.length > 0)
      return invalidRequest(c, `Unknown parameter(s): ${unknown.join(', ').slice(0, 200)}.`);
    const repeated = Object.keys(raw).filter((key) => (raw[key]?.length ?? 0) > 1);
    if (repeated.length > 0) return invalidRequest(c, `Give ${repeated.join(', ')} once.`);
    const parsed = eventQuery.safeParse(
      Object.fromEntries(Object.entries(raw).map(([key, values]) => [key, values[0]])),
    );
    if (!parsed.success) {
      return invalidRequest(
        c,
        `deviceId: the decoded device id; type: one or more of ${EVENT_TYPES.join(', ')} (comma-separated); limit: 1-${EVENT_LOG_CAPACITY}; after: an event id.`,
      );
    }
    const { deviceId, type, limit, after } = parsed.data;
    const events = listEvents(context, {
      ...(deviceId !== undefined ? { deviceId } : {}),
      ...(type !== undefined ? { types: type as EventType[] } : {}),
      ...(after !== undefined ? { afterId: after } : {}),
      limit: limit ?? DEFAULT_EVENT_LIMIT,
    });
    c.header('Cache-Control', 'no-store');
    return sendJson(c, { events });
  });

  router.get('/__emulator/clock', (c) => sendJson(c, { now: context.clock.now() }));
  router.post('/__emulator/clock', async (c) => {
    const parsed = clockBody.safeParse(await readJson(c));
    if (!parsed.success) {
      return sendJson(c, { error: 'invalid_request', message: 'Send {"advanceMs": n} or {"now": ms}.' }, 400);
    }
    if ('advanceMs' in parsed.data) context.clock.advance(parsed.data.advanceMs);
    else context.clock.set(parsed.data.now);
    return sendJson(c, { now: context.clock.now() });
  });

  // Revoke DCR clients (spec dcr.md §5), so an app's recovery can be tested: one client by id, or
  // every client of a software statement. Revoked clients get 401 on the APIs, 403 on the Reset
  // TempPass API and `invalid_client` on /o/client/token; registering again gives working ones.
  router.post('/__emulator/clients/revoke', async (c) => {
    const parsed = revokeBody.safeParse(await readJson(c));
    if (!parsed.success) return invalidRequest(c, 'Send {"clientId": "…"} or {"softwareId": "…"}.');
    const revoked =
      'clientId' in parsed.data
        ? Number(revokeClient(context.db, parsed.data.clientId))
        : revokeClientsOfSoftware(context.db, parsed.data.softwareId);
    if (revoked === 0) {
      return sendJson(c, { error: 'not_found', message: 'No client matches.' }, 404);
    }
    return sendJson(c, { revoked });
  });

  router.get('/__emulator/throttle', (c) => sendJson(c, throttleView(context.throttle)));
  router.post('/__emulator/throttle', async (c) => {
    const parsed = throttleBody.safeParse(await readJson(c));
    if (!parsed.success) {
      return invalidRequest(
        c,
        `Send any of {"mode": ${THROTTLE_MODES.map((mode) => `"${mode}"`).join(' | ')}, "ratePerSecond": n > 0, ` +
          `"burst": integer ≥ 0, "retryAfter": boolean}.`,
      );
    }
    const { mode, ...settings } = parsed.data;
    if (mode !== undefined) context.throttle.setMode(mode as (typeof THROTTLE_MODES)[number]);
    if (Object.keys(settings).length > 0) context.throttle.configure(settings);
    return sendJson(c, throttleView(context.throttle));
  });

  return router;
}
