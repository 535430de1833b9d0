import type { EmulatorContext } from '../context.ts';
import { findProfile, type ProfileKey, type ProfileRecord } from '../store/profiles.ts';
import { activeDegradation, decideDegraded, degradedUserId } from './degradation.ts';
import { entitlementFor, findInCatalog } from './entitlements.ts';
import { enhancedError, PassError, type EnhancedError } from './errors.ts';
import { recordDecisions } from './events.ts';
import { signMediaTokenAsync, type MediaToken, type UnsignedMediaToken } from './media-token.ts';
import { permitToken } from './permit-token.ts';
import { listScenarios, scenariosFor } from './scenarios.ts';
import { findAccount, findMvpd, type SeedMvpd } from './seed.ts';
import { decideTempPass } from './temppass-decisions.ts';

/**
 * Preauthorization and authorization (spec decisions.md). Top-level problems are thrown as
 * `PassError`; MVPD denies become item-level errors inside an HTTP 200 answer.
 */
export type DecisionKind = 'preauthorize' | 'authorize';

export type DecisionSource = 'mvpd' | 'degradation' | 'temppass' | 'dummy';

export interface Decision {
  resource: string;
  serviceProvider: string;
  mvpd: string;
  source: DecisionSource;
  authorized: boolean;
  token?: MediaToken;
  error?: EnhancedError;
  notBefore?: number;
  notAfter?: number;
}

/**
 * A decision as taken, before its media token is signed: decisions are taken and recorded in one
 * synchronous step (TempPass counts in one SQLite transaction), and the signatures come after.
 */
export type DecisionDraft = Omit<Decision, 'token'> & { token?: UnsignedMediaToken };

export interface DecisionRequest {
  kind: DecisionKind;
  serviceProvider: string;
  /** The `{mvpd}` of the path, already resolved with `requireMvpd`. */
  mvpd: SeedMvpd;
  appId: string;
  deviceId: string;
  resources: string[];
  /** Trace of the HTTP request, repeated in item-level errors. */
  trace: string;
  /** Raw `AP-TempPass-Identity` header (promotional TempPass). */
  tempPassIdentity?: string;
  /** The API that asked, for the event log (default v2). */
  api?: 'v2' | 'v1';
}

/** Unknown `{mvpd}` → 400 `invalid_parameter_mvpd`. */
export function requireMvpd(context: EmulatorContext, id: string): SeedMvpd {
  const mvpd = findMvpd(context.seed, id);
  if (!mvpd) throw new PassError('invalid_parameter_mvpd');
  return mvpd;
}

export function maxResources(mvpd: SeedMvpd, kind: DecisionKind): number {
  return kind === 'authorize' ? mvpd.authorizeMaxResources : mvpd.preauthorizeMaxResources;
}

/**
 * The device's profile for this MVPD: missing → `authenticated_profile_missing`; stored but past
 * `notAfter` → `authenticated_profile_expired` (both top-level 403, spec decisions.md, inferred).
 */
export function requireValidProfile(context: EmulatorContext, request: DecisionRequest): ProfileRecord {
  const profile = findProfile(context.db, {
    appId: request.appId,
    deviceId: request.deviceId,
    serviceProvider: request.serviceProvider,
    mvpd: request.mvpd.id,
  });
  if (!profile) throw new PassError('authenticated_profile_missing');
  if (context.clock.now() >= profile.notAfter) throw new PassError('authenticated_profile_expired');
  return profile;
}

/** The MVPD's user id of a profile (attribute `userID`), falling back to the login name. */
export function profileUserId(profile: ProfileRecord): string {
  const value = profile.attributes['userID']?.value;
  return typeof value === 'string' && value !== '' ? value : `${profile.mvpd}:${profile.username}`;
}

/**
 * The `details` of a `deny-resource` / `deny-channel` scenario that matches this resource for the
 * request's device and MVPD (newest first), else undefined. A deny-resource names a catalog title
 * and matches that title (plain id or MRSS); a deny-channel matches its titles and the channel id.
 */
export function scenarioDenial(
  context: EmulatorContext,
  request: Pick<DecisionRequest, 'mvpd' | 'deviceId'>,
  resource: string,
): string | undefined {
  const scope = { deviceId: request.deviceId, mvpd: request.mvpd.id };
  const byResource = scenariosFor(context, 'deny-resource', scope);
  const byChannel = scenariosFor(context, 'deny-channel', scope);
  if (byResource.length === 0 && byChannel.length === 0) return undefined;
  const match = findInCatalog(context.seed, resource);
  if (!match) return undefined;
  const name = request.mvpd.displayName;
  const details = new Map<string, string>();
  for (const scenario of byResource) {
    if (scenario.resource === match.id) {
      details.set(
        scenario.id,
        scenario.details ?? `${name} does not allow this title to be watched on this account.`,
      );
    }
  }
  for (const scenario of byChannel) {
    if (scenario.channel === match.channel) {
      details.set(
        scenario.id,
        scenario.details ?? `${name} does not allow this channel to be watched on this account.`,
      );
    }
  }
  if (details.size === 0) return undefined;
  // The newest matching scenario speaks (the store lists scenarios in creation order).
  const newest = [...listScenarios(context)].reverse().find((scenario) => details.has(scenario.id));
  return newest ? details.get(newest.id) : undefined;
}

/** The stored profile of this key when it is valid now (degradation keeps a real login visible). */
function findValidStored(context: EmulatorContext, key: ProfileKey): ProfileRecord | undefined {
  const profile = findProfile(context.db, key);
  const now = context.clock.now();
  return profile && profile.notBefore <= now && now < profile.notAfter ? profile : undefined;
}

/**
 * Check order (after the route's device, MVPD and body checks): resource count
 * (`too_many_resources`, action configuration), then TempPass (no profile), then a degradation rule
 * in force (AuthNAll needs no profile; AuthZAll/AuthZNone need one, domain/degradation.ts), then the
 * profile; then one decision per resource, in request order, each resource echoed unchanged. A
 * matching deny scenario turns an MVPD answer into a deny; degradation and TempPass ignore them.
 */
export async function decide(context: EmulatorContext, request: DecisionRequest): Promise<Decision[]> {
  const drafts = takeDecisions(context, request);
  return Promise.all(drafts.map((draft) => signDraft(context, draft)));
}

/**
 * The decisions of `decide`, taken and recorded, with their media tokens left unsigned (the v1
 * authorize keeps only the authorization: its tokens come from `/api/v1/tokens/media`).
 */
export function takeDecisions(context: EmulatorContext, request: DecisionRequest): DecisionDraft[] {
  return recordDecisions(context, request, () => decideUnrecorded(context, request));
}

async function signDraft(context: EmulatorContext, draft: DecisionDraft): Promise<Decision> {
  const { token, ...unsigned } = draft;
  if (!token) return unsigned;
  // Spreading the draft keeps `token` where it was, so answers list their fields in the same order.
  return { ...draft, token: await signMediaTokenAsync(context.keys.privateKey, token) };
}

function decideUnrecorded(context: EmulatorContext, request: DecisionRequest): DecisionDraft[] {
  const mvpd = request.mvpd;
  if (request.resources.length > maxResources(mvpd, request.kind)) throw new PassError('too_many_resources');
  // TempPass MVPDs need no profile and answer with `source: "temppass"` (spec temppass.md).
  if (mvpd.flags?.isTempPass) return decideTempPass(context, request);
  const rule = activeDegradation(context, mvpd, request.deviceId);
  if (rule === 'AuthNAll') {
    const key = {
      appId: request.appId,
      deviceId: request.deviceId,
      serviceProvider: request.serviceProvider,
      mvpd: mvpd.id,
    };
    const stored = findValidStored(context, key);
    return decideDegraded(context, request, rule, stored ? profileUserId(stored) : degradedUserId(key));
  }
  const profile = requireValidProfile(context, request);
  if (rule) return decideDegraded(context, request, rule, profileUserId(profile));
  const account = findAccount(context.seed, mvpd.id, profile.username);
  const userId = profileUserId(profile);
  const now = context.clock.now();
  const authorize = request.kind === 'authorize';
  const denyCode = authorize ? 'authorization_denied_by_mvpd' : 'preauthorization_denied_by_mvpd';
  // Decision validity = the authZ TTL during which Adobe would cache the MVPD answer. Decisions are
  // not persisted (spec: never persist decisions), so each call starts a fresh window.
  const window = authorize ? { notBefore: now, notAfter: now + mvpd.authzTtlMs } : {};

  return request.resources.map((resource): DecisionDraft => {
    const base = {
      resource,
      serviceProvider: request.serviceProvider,
      mvpd: mvpd.id,
      source: 'mvpd' as const,
    };
    const denied = scenarioDenial(context, request, resource);
    const answer = denied
      ? { permit: false as const, details: denied }
      : entitlementFor(context.seed, mvpd, account, resource);
    if (!answer.permit) {
      return {
        ...base,
        authorized: false,
        error: enhancedError(denyCode, request.trace, answer.details),
        ...window,
      };
    }
    if (!authorize) return { ...base, authorized: true };
    return { ...base, authorized: true, token: permitToken(request, resource, userId, now), ...window };
  });
}
