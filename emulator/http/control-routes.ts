import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { resetEmulator, type EmulatorContext } from '../context.ts';
import { THROTTLE_MODES } from '../domain/throttle.ts';
import { describeSeed } from '../domain/seed-view.ts';
import type { EmulatorEnv } from './env.ts';
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
const throttleBody = z.object({ mode: z.enum(THROTTLE_MODES as [string, ...string[]]) }).strict();

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

  router.post('/__emulator/reset', (c) => {
    resetEmulator(context);
    return sendJson(c, { reset: true, now: context.clock.now() });
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

  router.get('/__emulator/throttle', (c) => sendJson(c, { mode: context.throttle.mode }));
  router.post('/__emulator/throttle', async (c) => {
    const parsed = throttleBody.safeParse(await readJson(c));
    if (!parsed.success) {
      return sendJson(
        c,
        { error: 'invalid_request', message: `mode must be one of ${THROTTLE_MODES.join(', ')}.` },
        400,
      );
    }
    context.throttle.setMode(parsed.data.mode as (typeof THROTTLE_MODES)[number]);
    return sendJson(c, { mode: context.throttle.mode });
  });

  return router;
}
