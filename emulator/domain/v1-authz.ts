import { takeDecisions, type DecisionDraft, type DecisionKind } from './decisions.ts';
import { HELP_URL, PassError, type EnhancedError } from './errors.ts';
import { mediaTokenEvent, recordEvent } from './events.ts';
import { mediaTokenBodyId, prepareMediaToken, sessionGuid, signMediaTokenAsync } from './media-token.ts';
import type { SeedMvpd } from './seed.ts';
import { currentAuthn, type AuthnLookup, type V1Authn, type V1Owner } from './v1-authn.ts';
import {
  fromEnhanced,
  fromPassError,
  NOT_AUTHENTICATED,
  NOT_AUTHORIZED,
  notFound,
  V1Error,
} from './v1-errors.ts';
import { identityHeaderFromGenericData } from './v1-generic-data.ts';
import type { EmulatorContext } from '../context.ts';
import {
  deleteAuthorizationsExpiredBefore,
  findAuthorization,
  saveAuthorization,
  type AuthorizationRecord,
} from '../store/v1-authorizations.ts';

/**
 * Authorization over the legacy v1 API (spec clientless-v1.md #9–12). The MVPD answer comes from
 * the same rules as v2 (`decide`, including TempPass through domain/temppass*.ts); what v1 adds is
 * the stored authZ token (TTL = the MVPD's `authzTtlMs`, or the trial's expiry for TempPass) that
 * `tokens/authz` returns and `tokens/media` needs.
 *
 * Status choices: no/expired authN → 403 on authorize and tokens/media (their only documented
 * failure), 412 on tokens/authz and preauthorize. tokens/media without a stored authorization →
 * 403 `User not authorized` (legacy `authorization_not_found`).
 */
const HOUSEKEEPING_GRACE_MS = 24 * 3_600_000;

/** A proxied MVPD names its proxy in the seed (`proxyMvpd`); no seeded MVPD is proxied today. */
export function proxyMvpdOf(mvpd: SeedMvpd): string | undefined {
  const value: unknown = (mvpd as { proxyMvpd?: unknown }).proxyMvpd;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** 412 bodies carry `"details":null` as in the authZ-token samples; 403 bodies have no details. */
function requireAuthn(lookup: AuthnLookup, status: 403 | 412): V1Authn {
  if (lookup.state === 'valid') return lookup.authn;
  const details = status === 412 ? null : undefined;
  if (lookup.state === 'expired') {
    throw new V1Error(status, lookup.message, details, 'authentication_session_expired');
  }
  throw new V1Error(status, NOT_AUTHENTICATED, details, 'authentication_session_missing');
}

function tempPassIdentity(authn: V1Authn, genericData: string | undefined): string | undefined {
  if (!authn.mvpd.flags?.isTempPass) return undefined;
  return identityHeaderFromGenericData(genericData) ?? authn.tempPassIdentity;
}

function runDecide(
  context: EmulatorContext,
  authn: V1Authn,
  kind: DecisionKind,
  resources: string[],
  trace: string,
  identity: string | undefined,
): DecisionDraft[] {
  try {
    return takeDecisions(context, {
      kind,
      serviceProvider: authn.owner.serviceProvider,
      mvpd: authn.mvpd,
      appId: authn.owner.appId,
      deviceId: authn.owner.deviceId,
      resources,
      trace,
      api: 'v1',
      ...(identity !== undefined ? { tempPassIdentity: identity } : {}),
    });
  } catch (error) {
    if (error instanceof PassError) throw fromPassError(error);
    throw error;
  }
}

/** `GET /api/v1/authorize`: 200 authorization (stored) or 403 with the MVPD's reason in `details`. */
export function authorizeV1(
  context: EmulatorContext,
  input: { owner: V1Owner; resource: string; genericData: string | undefined; trace: string },
): AuthorizationRecord {
  const authn = requireAuthn(currentAuthn(context, input.owner), 403);
  const identity = tempPassIdentity(authn, input.genericData);
  const [decision] = runDecide(context, authn, 'authorize', [input.resource], input.trace, identity);
  if (!decision) throw new V1Error(403, NOT_AUTHORIZED);
  if (!decision.authorized) {
    const error = decision.error;
    if (decision.source === 'mvpd' || !error) {
      throw new V1Error(403, NOT_AUTHORIZED, error?.details, 'authorization_denied_by_mvpd');
    }
    throw fromEnhanced(error);
  }
  const now = context.clock.now();
  deleteAuthorizationsExpiredBefore(context.db, now - HOUSEKEEPING_GRACE_MS);
  const proxy = proxyMvpdOf(authn.mvpd);
  const record: AuthorizationRecord = {
    ...input.owner,
    mvpd: authn.mvpd.id,
    resource: input.resource,
    notBefore: decision.notBefore ?? now,
    notAfter: decision.notAfter ?? now + authn.mvpd.authzTtlMs,
    proxyMvpd: proxy ?? null,
  };
  saveAuthorization(context.db, record);
  return record;
}

/** `GET /api/v1/tokens/authz`: 412 no authN, 404 no authorization, 410 expired. */
export function authzToken(
  context: EmulatorContext,
  input: { owner: V1Owner; resource: string },
): AuthorizationRecord {
  const authn = requireAuthn(currentAuthn(context, input.owner), 412);
  const record = findAuthorization(context.db, {
    ...input.owner,
    mvpd: authn.mvpd.id,
    resource: input.resource,
  });
  if (!record) throw notFound(null);
  if (context.clock.now() >= record.notAfter) throw new V1Error(410, 'Gone', null, 'authorization_expired');
  return record;
}

export interface V1MediaToken {
  resource: string;
  requestor: string;
  expires: number;
  serializedToken: string;
  /** Scrambled (anonymised) user id, the media token's sessionGUID. */
  userId: string;
  mvpdId: string;
  proxyMvpdId?: string;
}

/**
 * `GET /api/v1/tokens/media` (= `/api/v1/mediatoken`): a fresh signed media token, or 403 (thrown
 * before anything is signed). Recorded when issued; signed in the thread pool as v2 tokens are.
 */
export async function mediaTokenV1(
  context: EmulatorContext,
  input: { owner: V1Owner; resource: string },
): Promise<V1MediaToken> {
  const authn = requireAuthn(currentAuthn(context, input.owner), 403);
  const record = findAuthorization(context.db, {
    ...input.owner,
    mvpd: authn.mvpd.id,
    resource: input.resource,
  });
  const now = context.clock.now();
  if (!record) {
    throw new V1Error(
      403,
      NOT_AUTHORIZED,
      'No authorization for this resource: call /api/v1/authorize first.',
      'authorization_not_found',
    );
  }
  if (now >= record.notAfter) {
    throw new V1Error(
      403,
      NOT_AUTHORIZED,
      'The authorization for this resource expired: call /api/v1/authorize again.',
      'authorization_expired',
    );
  }
  const proxy = record.proxyMvpd ?? undefined;
  const unsigned = prepareMediaToken({
    userId: authn.userId,
    requestor: input.owner.serviceProvider,
    resource: input.resource,
    ttlMs: authn.mvpd.mediaTokenTtlMs,
    issuedAt: now,
    mvpd: authn.mvpd.id,
    ...(proxy !== undefined ? { proxyMvpd: proxy } : {}),
  });
  recordEvent(
    context,
    mediaTokenEvent(
      { ...unsigned, tokenId: mediaTokenBodyId(unsigned.body) },
      {
        deviceId: input.owner.deviceId,
        mvpd: authn.mvpd.id,
        resource: input.resource,
        api: 'v1',
      },
    ),
  );
  const token = await signMediaTokenAsync(context.keys.privateKey, unsigned);
  return {
    resource: input.resource,
    requestor: input.owner.serviceProvider,
    expires: token.notAfter,
    serializedToken: token.serializedToken,
    userId: sessionGuid(authn.userId),
    mvpdId: authn.mvpd.id,
    ...(proxy !== undefined ? { proxyMvpdId: proxy } : {}),
  };
}

export interface PreauthorizeItem {
  id: string;
  authorized: boolean;
  error?: EnhancedError;
}

/** MVPD denies carry the v1 sample's item error (`authorization_denied_by_mvpd`, "User not authorized"). */
function itemOf(decision: DecisionDraft, trace: string): PreauthorizeItem {
  if (decision.authorized) return { id: decision.resource, authorized: true };
  const error: EnhancedError =
    decision.source === 'mvpd' || !decision.error
      ? {
          status: 403,
          code: 'authorization_denied_by_mvpd',
          message: NOT_AUTHORIZED,
          ...(decision.error?.details !== undefined ? { details: decision.error.details } : {}),
          helpUrl: HELP_URL,
          trace,
          action: 'none',
        }
      : decision.error;
  return { id: decision.resource, authorized: false, error };
}

/**
 * `GET /api/v1/preauthorize` (device) and `/preauthorize/{code}` (second screen, `authn` from the
 * regcode's login): one item per resource, in request order; never stores anything.
 */
export function preauthorizeV1(
  context: EmulatorContext,
  input: { lookup: AuthnLookup; resources: string[]; genericData: string | undefined; trace: string },
): PreauthorizeItem[] {
  const authn = requireAuthn(input.lookup, 412);
  const identity = tempPassIdentity(authn, input.genericData);
  return runDecide(context, authn, 'preauthorize', input.resources, input.trace, identity).map((decision) =>
    itemOf(decision, input.trace),
  );
}

export interface UserMetadata {
  /** Unix seconds. */
  updated: number;
  encrypted: string[];
  data: Record<string, unknown>;
}

/** `GET /api/v1/tokens/usermetadata`: 404 without any authN token, 412 when it expired. */
export function userMetadata(context: EmulatorContext, owner: V1Owner): UserMetadata {
  const lookup = currentAuthn(context, owner);
  if (lookup.state === 'missing') throw notFound();
  const authn = requireAuthn(lookup, 412);
  const entries = Object.entries(authn.profile.attributes);
  return {
    updated: Math.floor(authn.profile.notBefore / 1000),
    encrypted: entries.filter(([, attribute]) => attribute.state === 'enc').map(([key]) => key),
    data: Object.fromEntries(entries.map(([key, attribute]) => [key, attribute.value])),
  };
}
