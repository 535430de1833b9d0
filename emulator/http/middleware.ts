import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { readAccessToken, type AccessTokenClaims } from '../domain/access-token.ts';
import { statementOf } from '../domain/dcr.ts';
import { parseDeviceIdentifier, parseDeviceInfo, type DeviceInfo } from '../domain/device.ts';
import { PassError } from '../domain/errors.ts';
import { listScenarios, scenariosFor } from '../domain/scenarios.ts';
import { isThrottledPath, Throttle } from '../domain/throttle.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { sendError } from './respond.ts';

interface ClientRow {
  client_id: string;
  software_id: string;
  revoked: number;
}

/** Socket address of the caller; undefined when the app is driven without a socket (unit tests). */
export function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** A per-request trace id, echoed in every enhanced error. */
export function traceMiddleware(context: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    c.set('trace', context.random.uuid());
    await next();
  };
}

/**
 * Adobe's throttle answer: plain HTML 429, no Retry-After (spec throttling.md); `retryAfterSeconds`
 * adds one, for the emulator's opt-in flag only.
 */
export function sendThrottled(c: Context, retryAfterSeconds?: number): Response {
  if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
  return c.html(
    '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>pass-emulator</center></body></html>',
    429,
  );
}

/** The decoded AP-Device-Identifier of a request, or undefined when absent or malformed. */
export function requestDeviceId(c: Context): string | undefined {
  const header = c.req.header('AP-Device-Identifier');
  if (!header) return undefined;
  try {
    return parseDeviceIdentifier(header);
  } catch {
    return undefined;
  }
}

/**
 * Buckets of devices a `throttle` scenario forces into throttling, one Throttle per scenario object:
 * a new scenario (or the list re-read after a reset) starts with a full bucket.
 */
const forcedBuckets = new WeakMap<object, Throttle>();

/**
 * Adobe's throttle (spec throttling.md), with the per-device `throttle` scenario on top: for a
 * request whose AP-Device-Identifier names a device with such a scenario (the newest wins),
 * `throttled: false` skips throttling and `throttled: true` counts it in a bucket of its own keyed by
 * that device (same size and refill as Adobe's), whatever the mode — `off` included.
 */
export function throttleMiddleware(context: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || !isThrottledPath(c.req.path)) return next();
    const forced = listScenarios(context).length > 0 ? forcedThrottle(context, c) : undefined;
    if (forced?.throttled === false) return next();
    const allowed = forced
      ? forced.bucket.take({ deviceIdentifier: forced.deviceId })
      : context.throttle.take({
          forwardedFor: c.req.header('X-Forwarded-For'),
          remoteAddress: remoteAddress(c),
          deviceIdentifier: c.req.header('AP-Device-Identifier'),
        });
    if (allowed) return next();
    const { retryAfter } = context.throttle.settings;
    return sendThrottled(c, retryAfter ? context.throttle.retryAfterSeconds : undefined);
  };
}

function forcedThrottle(
  context: EmulatorContext,
  c: Context,
): { throttled: boolean; deviceId: string; bucket: Throttle } | undefined {
  const deviceId = requestDeviceId(c);
  if (deviceId === undefined) return undefined;
  const scenario = scenariosFor(context, 'throttle', { deviceId }).at(-1);
  if (!scenario || scenario.deviceId === undefined) return undefined;
  let bucket = forcedBuckets.get(scenario);
  if (!bucket) forcedBuckets.set(scenario, (bucket = new Throttle('per-device')));
  return { throttled: scenario.throttled, deviceId, bucket };
}

/** Verified access tokens by their text: an RSA verification per request is the costliest step. */
const verifiedTokens = new WeakMap<EmulatorContext, Map<string, AccessTokenClaims>>();
const VERIFIED_TOKEN_CACHE = 1_000;

function verifiedClaims(context: EmulatorContext, token: string): AccessTokenClaims | undefined {
  let cache = verifiedTokens.get(context);
  if (!cache) verifiedTokens.set(context, (cache = new Map()));
  const cached = cache.get(token);
  if (cached) return cached;
  const claims = readAccessToken(context.keys, token);
  if (claims) {
    if (cache.size >= VERIFIED_TOKEN_CACHE) cache.delete(cache.keys().next().value ?? '');
    cache.set(token, claims);
  }
  return claims;
}

/**
 * `Authorization: Bearer <token>` for every protected API. Missing, garbled, expired or revoked →
 * 401 `invalid_access_token_client_application`. When the route has a `serviceProvider` path
 * parameter, an unknown one is 400 and one the client's statement does not cover is 401
 * `invalid_access_token_service_provider`. The management API answers a revoked client with 403
 * instead (`revokedStatus`, spec dcr.md §3.5 and §5, reset-temppass.md §5): its token is valid, its
 * credentials no longer are, and the client should register again.
 */
export function requireClient(
  context: EmulatorContext,
  options: { revokedStatus?: 401 | 403 } = {},
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const claims = match ? verifiedClaims(context, match[1] ?? '') : undefined;
    const nowSeconds = context.clock.now() / 1000;
    const row = claims
      ? (context.db
          .prepare('SELECT client_id, software_id, revoked FROM clients WHERE client_id = ?')
          .get(claims.client_id) as ClientRow | undefined)
      : undefined;
    if (!claims || claims.exp <= nowSeconds || !row) {
      return sendError(c, new PassError('invalid_access_token_client_application'));
    }
    if (row.revoked) {
      const status = options.revokedStatus ?? 401;
      return sendError(
        c,
        new PassError('invalid_access_token_client_application', undefined, {
          status,
          ...(status === 403 ? { message: 'The client application has been revoked; register again.' } : {}),
        }),
      );
    }
    const statement = statementOf(context.seed, row.software_id);
    const serviceProvider = c.req.param('serviceProvider');
    if (serviceProvider !== undefined) {
      if (serviceProvider !== context.seed.serviceProvider) {
        return sendError(c, new PassError('invalid_parameter_service_provider'));
      }
      if (!statement.serviceProviders.includes(serviceProvider)) {
        return sendError(c, new PassError('invalid_access_token_service_provider'));
      }
    }
    c.set('client', { clientId: row.client_id, appId: row.software_id, statement });
    await next();
  };
}

export interface RequestDevice {
  deviceId: string;
  deviceInfo: DeviceInfo | undefined;
}

/** The device headers of endpoints that require them (spec headers.md §1). Throws PassError. */
export function readDevice(c: Context): RequestDevice {
  return {
    deviceId: parseDeviceIdentifier(c.req.header('AP-Device-Identifier')),
    deviceInfo: parseDeviceInfo(c.req.header('X-Device-Info')),
  };
}

/** Answers 405 with an `Allow` header for a known path asked with another method. */
export function methodNotAllowed(allowed: string[]): MiddlewareHandler<EmulatorEnv> {
  return async (c) => {
    c.header('Allow', allowed.join(', '));
    return sendError(c, new PassError('invalid_http_method'));
  };
}
