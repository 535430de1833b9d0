import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { EmulatorContext } from '../context.ts';
import { PassError } from '../domain/errors.ts';
import {
  listScenarios,
  type Scenario,
  type ScenarioEndpoint,
  type ScenarioScope,
} from '../domain/scenarios.ts';
import { findSession } from '../store/sessions.ts';
import type { EmulatorEnv } from './env.ts';
import { requestDeviceId, sendThrottled } from './middleware.ts';
import { sendError, sendHtmlError, sendJson } from './respond.ts';
import { negotiateFormat, sendV1 } from './v1-format.ts';
import { nodeRequest } from './node-request.ts';
import { el } from './v1-xml.ts';

/**
 * `latency` and `fault` scenarios (README "Scenarios"): added delay and injected failures on the
 * API, by endpoint family, scoped by device (decoded AP-Device-Identifier; for requests that carry
 * an authentication code instead, the device that created the session; v1: the `deviceId`
 * parameter) and by MVPD (the `{mvpd}` of the path, the session's MVPD, or `mso_id`). Never applied
 * to the control plane, the SPA files, `/app-config.json`, the emulated MVPD's own pages
 * (`/emulated-mvpd/*`: see login-delay / login-failure) or the stream origin.
 *
 * - Latency: the delays of every matching scenario add up; the request waits on a real-time timer
 *   (the emulator clock does not move) without holding up other requests.
 * - Fault: each matching scenario draws `context.faultRandom.float()` in creation order and fires
 *   when the draw is below its probability; the first that fires answers. Draws happen when the
 *   request arrives (before any latency), so with `EMULATOR_SEED` the same request sequence meets
 *   the same faults. `server-error`: status (default 500) with code `internal_server_error` in
 *   Adobe's enhanced error shape (HTML page on authenticate, plain v1 error on v1,
 *   `{"status":"INTERNAL_ERROR"}` on media-token-verify); `too-many-requests`: the throttle's HTML 429;
 *   `drop`: the connection is destroyed without an answer.
 */

/** The endpoint family of a request, or undefined when no scenario may touch it. */
export function endpointFamily(method: string, path: string): ScenarioEndpoint | undefined {
  if (method === 'OPTIONS') return undefined;
  if (path === '/o/client/register') return method === 'POST' ? 'register' : undefined;
  if (path === '/o/client/token') return method === 'POST' ? 'token' : undefined;
  if (path === '/media-token/verify') return method === 'POST' ? 'media-token-verify' : undefined;
  if (path.startsWith('/reset-tempass/')) return 'reset-temppass';
  if (path.startsWith('/api/v1/') || path.startsWith('/reggie/')) return 'v1';
  if (path.startsWith('/api/v2/authenticate/') || path.startsWith('/adobe-services/authenticate/'))
    return 'authenticate';
  if (!path.startsWith('/api/v2/')) return undefined;
  const [, , , , area, kind] = path.split('/');
  switch (area) {
    case 'configuration':
      return 'configuration';
    case 'sessions':
      return 'sessions';
    case 'profiles':
      return 'profiles';
    case 'logout':
      return 'logout';
    case 'decisions':
      return kind === 'preauthorize' || kind === 'authorize' ? kind : undefined;
    default:
      return undefined;
  }
}

function safeDecode(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The authentication code a request carries, if any (sessions/{code}, profiles/code/{code}, authenticate). */
function codeOf(c: Context, family: ScenarioEndpoint, segments: string[]): string | undefined {
  if (family === 'sessions') return safeDecode(segments[5]);
  if (family === 'profiles' && segments[5] === 'code') return safeDecode(segments[6]);
  if (family === 'authenticate')
    return segments[2] === 'v2' ? safeDecode(segments[5]) : (c.req.query('code') ?? undefined);
  return undefined;
}

/** Device and MVPD of a request, as far as it names them (module comment). */
export function requestScope(context: EmulatorContext, c: Context, family: ScenarioEndpoint): ScenarioScope {
  const segments = c.req.path.split('/');
  const scope: ScenarioScope = {};
  const deviceId = family === 'v1' ? c.req.query('deviceId') : requestDeviceId(c);
  if (deviceId) scope.deviceId = deviceId;
  if (family === 'profiles' && segments[5] !== 'code') scope.mvpd = safeDecode(segments[5]);
  if (family === 'preauthorize' || family === 'authorize') scope.mvpd = safeDecode(segments[6]);
  if (family === 'logout') scope.mvpd = safeDecode(segments[5]);
  if (family === 'authenticate' && segments[1] === 'adobe-services') scope.mvpd = c.req.query('mso_id');
  const code = codeOf(c, family, segments);
  if (code && /^[A-Za-z0-9]{1,32}$/.test(code)) {
    const session = findSession(context.db, code.toUpperCase());
    if (session) {
      scope.deviceId ??= session.deviceId;
      if (session.mvpd !== null) scope.mvpd ??= session.mvpd;
    }
  }
  if (scope.mvpd === undefined) delete scope.mvpd;
  return scope;
}

function matches(scenario: Scenario, family: ScenarioEndpoint, scope: () => ScenarioScope): boolean {
  if (scenario.type !== 'latency' && scenario.type !== 'fault') return false;
  if (scenario.endpoint !== undefined && scenario.endpoint !== family) return false;
  if (scenario.deviceId === undefined && scenario.mvpd === undefined) return true;
  const request = scope();
  return (
    (scenario.deviceId === undefined || scenario.deviceId === request.deviceId) &&
    (scenario.mvpd === undefined || scenario.mvpd === request.mvpd)
  );
}

/** Thrown in-process (no socket to destroy): `app.request` rejects, as `fetch` does on a dropped connection. */
export class DroppedConnection extends Error {
  constructor() {
    super('connection dropped by a fault scenario');
  }
}

function drop(c: Context<EmulatorEnv>): Response {
  const incoming = nodeRequest(c.env);
  if (!incoming) throw new DroppedConnection();
  incoming.socket.destroy();
  // Tells @hono/node-server that the answer was dealt with: nothing is written.
  return new Response(null, { headers: RESPONSE_ALREADY_SENT.headers });
}

function serverError(c: Context<EmulatorEnv>, family: ScenarioEndpoint, scenario: Scenario): Response {
  const status = (scenario.type === 'fault' && scenario.status) || 500;
  const details = `Injected by the emulator's fault scenario ${scenario.id}.`;
  switch (family) {
    case 'authenticate':
      return sendHtmlError(c, status as ContentfulStatusCode, 'Service unavailable', details);
    case 'v1': {
      const message = 'Internal Server Error';
      return sendV1(
        c,
        negotiateFormat(c),
        {
          json: { status, message, details },
          xml: el('error', [el('status', status), el('message', message), el('details', details)]),
        },
        status as ContentfulStatusCode,
      );
    }
    case 'media-token-verify':
      return sendJson(c, { status: 'INTERNAL_ERROR', message: details }, status as ContentfulStatusCode);
    default:
      return sendError(c, new PassError('internal_server_error', details, { status }));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function faultInjection(context: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const all = listScenarios(context);
    if (all.length === 0) return next();
    const family = endpointFamily(c.req.method, c.req.path);
    if (!family) return next();
    let scope: ScenarioScope | undefined;
    const lazyScope = () => (scope ??= requestScope(context, c, family));
    let delayMs = 0;
    let fault: Scenario | undefined;
    for (const scenario of all) {
      if (!matches(scenario, family, lazyScope)) continue;
      if (scenario.type === 'latency') delayMs += scenario.delayMs;
      else if (scenario.type === 'fault' && context.faultRandom.float() < scenario.probability)
        fault ??= scenario;
    }
    if (delayMs > 0) await sleep(delayMs);
    if (!fault || fault.type !== 'fault') return next();
    if (fault.fault === 'too-many-requests') return sendThrottled(c);
    if (fault.fault === 'drop') return drop(c);
    return serverError(c, family, fault);
  };
}
