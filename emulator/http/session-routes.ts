import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { describeDevice } from '../domain/device-description.ts';
import { PassError, type ErrorCode } from '../domain/errors.ts';
import {
  createSession,
  resumeSession,
  retrieveSession,
  SESSION_PARAMETERS,
  type SessionInput,
  type SessionOutcome,
} from '../domain/sessions.ts';
import type { EmulatorContext } from '../context.ts';
import { codeEntryLimit } from './code-entry-limit.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed, readDevice, requireClient } from './middleware.ts';
import {
  clientIp,
  DUPLICATE,
  isFormContentType,
  pickParams,
  readBodyText,
  requestOrigin,
  userAgent,
} from './request-info.ts';
import { sendJson } from './respond.ts';

/**
 * Authentication sessions (spec sessions.md §1–3). Bodies are form-encoded; a body of another
 * content type carries no parameters (they then count as missing, inferred). Invalid parameter
 * values answer their own code (mvpd → invalid_parameter_mvpd, domainName → invalid_integration,
 * see domain/sessions.ts, redirectUrl → invalid_parameter_redirect_url); a body over 64 KiB can only
 * be an oversized redirectUrl and is refused as invalid_parameter_redirect_url (inferred).
 */
const MAX_BODY_BYTES = 64 * 1024;

const PARAM_ERROR: Record<(typeof SESSION_PARAMETERS)[number], ErrorCode> = {
  mvpd: 'invalid_parameter_mvpd',
  domainName: 'invalid_integration',
  redirectUrl: 'invalid_parameter_redirect_url',
};

const sessionForm = z.object({
  mvpd: z.string().max(128).optional(),
  domainName: z.string().max(253).optional(),
  redirectUrl: z.string().max(2048).optional(),
});

async function readSessionInput(c: Context): Promise<SessionInput> {
  const text = await readBodyText(c, MAX_BODY_BYTES);
  if (text === undefined)
    throw new PassError('invalid_parameter_redirect_url', 'The request body is too large.');
  const picked = pickParams(new URLSearchParams(isFormContentType(c) ? text : ''), SESSION_PARAMETERS);
  for (const name of SESSION_PARAMETERS) {
    if (picked[name] === DUPLICATE)
      throw new PassError(PARAM_ERROR[name], `The ${name} parameter was sent more than once.`);
  }
  const parsed = sessionForm.safeParse(picked);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0] as (typeof SESSION_PARAMETERS)[number] | undefined;
    throw new PassError(field ? PARAM_ERROR[field] : 'invalid_parameter_redirect_url');
  }
  return parsed.data;
}

function sessionJson(outcome: SessionOutcome): Record<string, unknown> {
  const { session } = outcome;
  return {
    actionName: outcome.actionName,
    actionType: outcome.actionType,
    reasonType: outcome.reasonType,
    ...(outcome.missingParameters.length > 0 ? { missingParameters: outcome.missingParameters } : {}),
    url: outcome.url,
    ...(session ? { code: session.code } : {}),
    sessionId: outcome.sessionId,
    ...(outcome.mvpd ? { mvpd: outcome.mvpd } : {}),
    serviceProvider: outcome.serviceProvider,
    ...(session ? { notBefore: String(session.notBefore), notAfter: String(session.notAfter) } : {}),
  };
}

export function sessionRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const base = '/api/v2/:serviceProvider/sessions';

  router.post(base, requireClient(context), async (c) => {
    const device = readDevice(c);
    const params = await readSessionInput(c);
    const client = c.get('client');
    const outcome = createSession(context, {
      appId: client.appId,
      clientId: client.clientId,
      serviceProvider: c.req.param('serviceProvider'),
      device: { ...device, userAgent: userAgent(c), ipAddress: clientIp(c) },
      params,
      requestOrigin: requestOrigin(c),
    });
    return sendJson(c, sessionJson(outcome));
  });
  router.all(base, methodNotAllowed(['POST']));

  router.post(`${base}/:code`, requireClient(context), async (c) => {
    const params = await readSessionInput(c);
    const outcome = resumeSession(context, {
      serviceProvider: c.req.param('serviceProvider'),
      code: c.req.param('code'),
      params,
      requestOrigin: requestOrigin(c),
    });
    return sendJson(c, sessionJson(outcome));
  });

  // Failed lookups are limited per DCR client (code-entry-limit.ts).
  router.get(`${base}/:code`, requireClient(context), codeEntryLimit(context), (c) => {
    const serviceProvider = c.req.param('serviceProvider');
    const { session, missing } = retrieveSession(context, { serviceProvider, code: c.req.param('code') });
    const existing: Record<string, string> = {};
    if (session.mvpd) existing.mvpd = session.mvpd;
    if (session.domainName) existing.domainName = session.domainName;
    if (session.redirectUrl) existing.redirectUrl = session.redirectUrl;
    existing.serviceProvider = session.serviceProvider;
    return sendJson(c, {
      ...(missing.length > 0 ? { missingParameters: missing } : {}),
      existingParameters: existing,
      device: describeDevice(session.deviceInfo, session.userAgent, session.ipAddress),
      notBefore: String(session.notBefore),
      notAfter: String(session.notAfter),
    });
  });
  router.all(`${base}/:code`, methodNotAllowed(['GET', 'POST']));

  return router;
}
