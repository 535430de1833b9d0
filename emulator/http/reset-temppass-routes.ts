import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { PassError } from '../domain/errors.ts';
import { TEMPPASS_RESET_API_KEY } from '../domain/seed-temppass.ts';
import {
  assertMayReset,
  requireResetScope,
  resetTempPass,
  type ResetTarget,
} from '../domain/temppass-reset.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed, requireClient } from './middleware.ts';
import { DUPLICATE, single } from './request-info.ts';
import { sendError } from './respond.ts';

/**
 * Reset TempPass management API (spec reset-temppass.md), on the emulator's one origin:
 * - v3 and v2.1 (`Authorization: Bearer` from DCR): `DELETE /reset-tempass/{v3|v2.1}/reset`
 *   (`device_id` = one device or `all`; absent = all) and `.../reset/generic` (`key` = identity
 *   hash or `all`; absent = all), both with `requestor_id` and `mvpd_id`;
 * - v2 (`ApiKey: 1232293681726481`): `DELETE /reset-tempass/v2/reset`.
 * 204 with an empty body on success. Errors use the enhanced-error JSON (Adobe documents only the
 * statuses — choice): 401 `invalid_access_token_client_application` (no/bad token, or no ApiKey);
 * 403 the same code with status 403 (statement without `canResetTempPass`, a revoked client, or a
 * wrong ApiKey);
 * 400 `invalid_parameter_service_provider` / `invalid_parameter_mvpd` (missing, unknown,
 * non-TempPass) and `bad_request` (an empty, duplicated, oversized or control-character
 * `device_id`/`key`). Check order: credentials → may-reset → parameters. Other methods → 405.
 * Not throttled (spec throttling.md).
 */
const MAX_VALUE_LENGTH = 1024;

const value = z
  .string()
  .min(1)
  .max(MAX_VALUE_LENGTH)
  .refine((text) => ![...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f));

/** One optional query parameter; duplicates and malformed values → 400. */
function optionalParam(c: Context, name: string): string | undefined {
  const raw = single(c.req.queries(name));
  if (raw === undefined) return undefined;
  const parsed = raw === DUPLICATE ? undefined : value.safeParse(raw);
  if (!parsed?.success) throw new PassError('bad_request', `The ${name} parameter is malformed.`);
  return parsed.data;
}

/** `requestor_id`/`mvpd_id`: a duplicate counts as missing (400 from the scope check). */
function idParam(c: Context, name: string): string | undefined {
  const raw = single(c.req.queries(name));
  return typeof raw === 'string' && raw.length <= MAX_VALUE_LENGTH ? raw : undefined;
}

function targetOf(c: Context, kind: ResetTarget['kind']): ResetTarget {
  if (kind === 'device') return { kind, deviceId: optionalParam(c, 'device_id') ?? 'all' };
  return { kind, key: optionalParam(c, 'key') ?? 'all' };
}

function resetHandler(context: EmulatorContext, kind: ResetTarget['kind'], bearer: boolean) {
  return (c: Context<EmulatorEnv>) => {
    const statement = bearer ? c.get('client').statement : undefined;
    if (statement) assertMayReset(statement);
    const scope = requireResetScope(context, idParam(c, 'requestor_id'), idParam(c, 'mvpd_id'));
    if (statement) assertMayReset(statement, scope.serviceProvider);
    resetTempPass(context, scope, targetOf(c, kind));
    return c.body(null, 204);
  };
}

/** v2: the fixed, publicly documented `ApiKey` header. Missing → 401, wrong → 403. */
function requireApiKey(): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const key = c.req.header('ApiKey');
    if (key === undefined || key === '') {
      return sendError(
        c,
        new PassError('invalid_access_token_client_application', undefined, {
          message: 'The ApiKey header is missing.',
        }),
      );
    }
    if (key !== TEMPPASS_RESET_API_KEY) {
      return sendError(
        c,
        new PassError('invalid_access_token_client_application', undefined, {
          status: 403,
          message: 'The ApiKey header is invalid.',
        }),
      );
    }
    await next();
  };
}

export function resetTempPassRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  for (const version of ['v3', 'v2.1']) {
    const reset = `/reset-tempass/${version}/reset`;
    router.delete(
      reset,
      requireClient(context, { revokedStatus: 403 }),
      resetHandler(context, 'device', true),
    );
    router.all(reset, methodNotAllowed(['DELETE']));
    router.delete(
      `${reset}/generic`,
      requireClient(context, { revokedStatus: 403 }),
      resetHandler(context, 'identity', true),
    );
    router.all(`${reset}/generic`, methodNotAllowed(['DELETE']));
  }
  router.delete('/reset-tempass/v2/reset', requireApiKey(), resetHandler(context, 'device', false));
  router.all('/reset-tempass/v2/reset', methodNotAllowed(['DELETE']));
  return router;
}
