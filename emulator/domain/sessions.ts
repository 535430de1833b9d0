import type { DeviceInfo } from './device.ts';
import { activeDegradation } from './degradation.ts';
import { PassError } from './errors.ts';
import { recordCodeLookup, recordSessionOutcome } from './events.ts';
import { findValidProfile, requireMvpd } from './profiles-service.ts';
import { newAuthenticationCode } from './random.ts';
import { isAllowedRedirectUrl, isRegisteredDomainName } from './redirect-url.ts';
import type { EmulatorContext } from '../context.ts';
import type { ProfileType } from '../store/profiles.ts';
import {
  codeExists,
  deleteSessionsExpiredBefore,
  findSession,
  insertSession,
  updateSessionParams,
  type SessionParams,
  type SessionRecord,
} from '../store/sessions.ts';
import { deleteLoginFlowsCreatedBefore } from '../store/login-flows.ts';

/**
 * Authentication sessions (spec sessions.md §1–3): create, resume, retrieve, and the
 * actionName/actionType/reasonType matrix.
 *
 * Choices where the spec is silent (inferred):
 * - The profile/TempPass check runs as soon as `mvpd` is known, even if `domainName`/`redirectUrl`
 *   are still missing: authorizing needs only the MVPD, the other two serve the interactive login.
 * - An unregistered `domainName` answers 400 `invalid_integration`: the registered domains are part of
 *   the SP's integration set-up in the TVE Dashboard, so a request from an unknown domain has no active
 *   integration. (The v2 list has no domain-specific code; the legacy `invalid_domain` must not be
 *   emitted from v2.) The `details` field names the domain problem.
 * - A parameter sent twice (`mvpd=a&mvpd=b`) is invalid (its own `invalid_parameter_*` code).
 * - Resume may replace parameters that were already known (each is validated again).
 * - Any client of the same SP may resume/retrieve a code (second-screen apps register on their own);
 *   profile checks use the application and device that created the session.
 */
export const SESSION_PARAMETERS = ['mvpd', 'domainName', 'redirectUrl'] as const;
export type SessionParameter = (typeof SESSION_PARAMETERS)[number];
export type SessionInput = Partial<Record<SessionParameter, string>>;

export const CODE_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const HOUSEKEEPING_GRACE_MS = 24 * 3_600_000;

export interface CreatingDevice {
  deviceId: string;
  deviceInfo: DeviceInfo | undefined;
  userAgent: string | null;
  ipAddress: string | null;
}

export interface SessionOutcome {
  actionName: 'authenticate' | 'resume' | 'retry' | 'authorize';
  actionType: 'interactive' | 'direct';
  reasonType: 'none' | 'authenticated' | 'authenticatedSSO' | 'temporary' | 'degraded';
  url: string;
  missingParameters: SessionParameter[];
  sessionId: string;
  serviceProvider: string;
  mvpd: string | null;
  /** Present when the answer carries a code (and its validity window). */
  session: SessionRecord | undefined;
}

/** Authentication codes are case-insensitive; malformed → `invalid_parameter_code`. */
export function normaliseCode(raw: string | undefined): string {
  if (raw === undefined || !CODE_PATTERN.test(raw)) throw new PassError('invalid_parameter_code');
  return raw.toUpperCase();
}

/** A live session of this SP for the code, or `invalid_authentication_session`. */
export function loadLiveSession(
  context: EmulatorContext,
  serviceProvider: string,
  rawCode: string | undefined,
): SessionRecord {
  const code = normaliseCode(rawCode);
  const session = findSession(context.db, code);
  const now = context.clock.now();
  if (
    !session ||
    session.serviceProvider !== serviceProvider ||
    now >= session.notAfter ||
    now < session.notBefore
  ) {
    throw new PassError('invalid_authentication_session');
  }
  return session;
}

/** Validates the parameters that were sent; absent/empty ones stay absent. */
export function validateSessionInput(
  context: EmulatorContext,
  input: SessionInput,
  requestOrigin: string,
): SessionInput {
  const out: SessionInput = {};
  if (input.mvpd) out.mvpd = requireMvpd(context.seed, input.mvpd).id;
  if (input.domainName) {
    if (!isRegisteredDomainName(context.seed, input.domainName)) {
      throw new PassError(
        'invalid_integration',
        `The domain "${input.domainName.slice(0, 253)}" is not registered for this service provider.`,
      );
    }
    out.domainName = input.domainName.toLowerCase();
  }
  if (input.redirectUrl) {
    if (!isAllowedRedirectUrl(context.seed, input.redirectUrl, requestOrigin)) {
      throw new PassError('invalid_parameter_redirect_url');
    }
    out.redirectUrl = input.redirectUrl;
  }
  return out;
}

export function missingParameters(params: SessionParams): SessionParameter[] {
  return SESSION_PARAMETERS.filter((name) => !params[name]);
}

const REASON_BY_PROFILE_TYPE: Record<ProfileType, SessionOutcome['reasonType']> = {
  regular: 'authenticated',
  appleSSO: 'authenticatedSSO',
  platformSSO: 'authenticatedSSO',
  serviceTokenSSO: 'authenticatedSSO',
  temporary: 'temporary',
  degraded: 'degraded',
};

/** `authorize` reason when the device needs no login for this MVPD, else undefined. */
function authorizeReason(
  context: EmulatorContext,
  owner: { appId: string; deviceId: string; serviceProvider: string },
  mvpdId: string | null,
): SessionOutcome['reasonType'] | undefined {
  if (!mvpdId) return undefined;
  const mvpd = requireMvpd(context.seed, mvpdId);
  if (mvpd.flags?.isTempPass) return 'temporary';
  const profile = findValidProfile(context, { ...owner, mvpd: mvpd.id });
  if (profile) return REASON_BY_PROFILE_TYPE[profile.type];
  // AuthNAll: no login needed while the rule holds (spec sessions.md, domain/degradation.ts).
  return activeDegradation(context, mvpd, owner.deviceId) === 'AuthNAll' ? 'degraded' : undefined;
}

function decide(
  context: EmulatorContext,
  owner: { appId: string; deviceId: string; serviceProvider: string },
  params: SessionParams,
  mode: 'create' | 'resume',
  session: SessionRecord | undefined,
  sessionId: string,
): SessionOutcome {
  const sp = encodeURIComponent(owner.serviceProvider);
  const base = { sessionId, serviceProvider: owner.serviceProvider, mvpd: params.mvpd, session };
  const reason = authorizeReason(context, owner, params.mvpd);
  if (reason && params.mvpd) {
    return {
      ...base,
      actionName: 'authorize',
      actionType: 'direct',
      reasonType: reason,
      url: `/api/v2/${sp}/decisions/authorize/${encodeURIComponent(params.mvpd)}`,
      missingParameters: [],
    };
  }
  const missing = missingParameters(params);
  const code = encodeURIComponent(session?.code ?? '');
  if (missing.length > 0) {
    return {
      ...base,
      actionName: mode === 'create' ? 'resume' : 'retry',
      actionType: 'direct',
      reasonType: 'none',
      url: `/api/v2/${sp}/sessions/${code}`,
      missingParameters: missing,
    };
  }
  return {
    ...base,
    actionName: 'authenticate',
    actionType: 'interactive',
    reasonType: 'none',
    url: `/api/v2/authenticate/${sp}/${code}`,
    missingParameters: [],
  };
}

function newUnusedCode(context: EmulatorContext): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const code = newAuthenticationCode(context.random);
    if (!codeExists(context.db, code)) return code;
  }
  throw new PassError('internal_server_error', 'No free authentication code could be drawn.');
}

function housekeeping(context: EmulatorContext, now: number): void {
  deleteSessionsExpiredBefore(context.db, now - HOUSEKEEPING_GRACE_MS);
  deleteLoginFlowsCreatedBefore(context.db, now - context.seed.sessionTtlMs - HOUSEKEEPING_GRACE_MS);
}

/** `POST /{sp}/sessions`. A session (and code) is stored unless the answer is `authorize`. */
export function createSession(
  context: EmulatorContext,
  input: {
    appId: string;
    clientId: string;
    serviceProvider: string;
    device: CreatingDevice;
    params: SessionInput;
    requestOrigin: string;
  },
): SessionOutcome {
  const valid = validateSessionInput(context, input.params, input.requestOrigin);
  const params: SessionParams = {
    mvpd: valid.mvpd ?? null,
    domainName: valid.domainName ?? null,
    redirectUrl: valid.redirectUrl ?? null,
  };
  const owner = {
    appId: input.appId,
    deviceId: input.device.deviceId,
    serviceProvider: input.serviceProvider,
  };
  const sessionId = context.random.uuid();
  if (authorizeReason(context, owner, params.mvpd))
    return recordSessionOutcome(
      context,
      'created',
      owner.deviceId,
      decide(context, owner, params, 'create', undefined, sessionId),
    );

  const now = context.clock.now();
  housekeeping(context, now);
  const session: SessionRecord = {
    code: newUnusedCode(context),
    sessionId,
    serviceProvider: input.serviceProvider,
    appId: input.appId,
    clientId: input.clientId,
    ...input.device,
    ...params,
    notBefore: now,
    notAfter: now + context.seed.sessionTtlMs,
    authenticatedAt: null,
  };
  insertSession(context.db, session);
  return recordSessionOutcome(
    context,
    'created',
    owner.deviceId,
    decide(context, owner, params, 'create', session, sessionId),
  );
}

/** `POST /{sp}/sessions/{code}`: supply (or replace) parameters; still incomplete → `retry`. */
export function resumeSession(
  context: EmulatorContext,
  input: { serviceProvider: string; code: string | undefined; params: SessionInput; requestOrigin: string },
): SessionOutcome {
  const session = loadLiveSession(context, input.serviceProvider, input.code);
  const valid = validateSessionInput(context, input.params, input.requestOrigin);
  const params: SessionParams = {
    mvpd: valid.mvpd ?? session.mvpd,
    domainName: valid.domainName ?? session.domainName,
    redirectUrl: valid.redirectUrl ?? session.redirectUrl,
  };
  updateSessionParams(context.db, session.code, params);
  const updated: SessionRecord = { ...session, ...params };
  const owner = {
    appId: session.appId,
    deviceId: session.deviceId,
    serviceProvider: session.serviceProvider,
  };
  return recordSessionOutcome(
    context,
    'resumed',
    owner.deviceId,
    decide(context, owner, params, 'resume', updated, session.sessionId),
  );
}

/** `GET /{sp}/sessions/{code}`: what is known and what is missing. */
export function retrieveSession(
  context: EmulatorContext,
  input: { serviceProvider: string; code: string | undefined },
): { session: SessionRecord; missing: SessionParameter[] } {
  recordCodeLookup(context, input.serviceProvider, input.code);
  const session = loadLiveSession(context, input.serviceProvider, input.code);
  return { session, missing: missingParameters(session) };
}
