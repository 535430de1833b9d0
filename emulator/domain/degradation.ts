import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import type { ProfileKey, ProfileRecord } from '../store/profiles.ts';
import type { DecisionDraft, DecisionRequest } from './decisions.ts';
import { enhancedError } from './errors.ts';
import { permitToken } from './permit-token.ts';
import { degradationRuleFor, type DegradationRule } from './scenarios.ts';
import type { SeedMvpd } from './seed.ts';

/**
 * Degraded access (spec decisions.md, sessions.md, profiles.md, logout.md; Adobe's "Degraded access
 * flows"). A degradation rule on the integration of the service provider and an MVPD bypasses the
 * MVPD: `AuthNAll` lets everyone in without a login (a degraded profile, decisions permitted),
 * `AuthZAll` permits every authorization of a signed-in user, `AuthZNone` denies them all. The rule
 * in force comes from a `degradation` scenario or the MVPD's seeded standing rule
 * (`degradationRuleFor`, newest scenario first). TempPass MVPDs are never degraded.
 *
 * Choices where Adobe's documents are silent (README "Choices"):
 * - The degraded profile is not stored: it exists while AuthNAll is in force for (MVPD, device) and
 *   the device has no valid regular profile for that MVPD, and it is issued afresh on each request
 *   (`notBefore` = now, `notAfter` = now + the MVPD's authN TTL). When the rule is lifted it is gone.
 * - Its `userID` is the prefix `95cf93bcd183214a` + 24 hex characters of SHA-256 over application,
 *   device, service provider and MVPD: stable for one device, different between devices.
 * - Under AuthNAll a device that does hold a valid regular profile keeps it (sessions answer
 *   `authenticated`, `/profiles/{mvpd}` shows it); decisions are permitted by the rule all the same.
 * - AuthZAll and AuthZNone need a valid profile like any decision (403 `authenticated_profile_*`).
 * - Preauthorize follows authorize without a media token: AuthNAll/AuthZAll permit with
 *   `source: "degradation"`, AuthZNone denies with `authorization_denied_by_degradation_rule`
 *   (the only degradation code), no decision times on any preauthorize item.
 */
export const DEGRADED_USER_ID_PREFIX = '95cf93bcd183214a';

/** The rule in force for this (MVPD, device); TempPass pseudo-MVPDs have none. */
export function activeDegradation(
  context: EmulatorContext,
  mvpd: SeedMvpd,
  deviceId: string | undefined,
): DegradationRule | undefined {
  if (mvpd.flags?.isTempPass) return undefined;
  return degradationRuleFor(context, mvpd.id, deviceId);
}

export function degradedUserId(key: ProfileKey): string {
  const digest = createHash('sha256')
    .update([key.appId, key.deviceId, key.serviceProvider, key.mvpd].join('\u0000'))
    .digest('hex');
  return `${DEGRADED_USER_ID_PREFIX}${digest.slice(0, 24)}`;
}

/** The degraded profile AuthNAll grants (`type: "degraded"`, `issuer: "Adobe"`), never stored. */
export function degradedProfile(context: EmulatorContext, key: ProfileKey, mvpd: SeedMvpd): ProfileRecord {
  const now = context.clock.now();
  return {
    ...key,
    type: 'degraded',
    issuer: 'Adobe',
    username: '',
    notBefore: now,
    notAfter: now + mvpd.authnTtlMs,
    attributes: { userID: { value: degradedUserId(key), state: 'plain' } },
    sessionCode: null,
  };
}

/** The degraded profile when AuthNAll is in force for this (MVPD, device), else undefined. */
export function degradedProfileFor(
  context: EmulatorContext,
  key: ProfileKey,
  mvpd: SeedMvpd,
): ProfileRecord | undefined {
  return activeDegradation(context, mvpd, key.deviceId) === 'AuthNAll'
    ? degradedProfile(context, key, mvpd)
    : undefined;
}

function ruleDetails(rule: DegradationRule, request: DecisionRequest): string {
  return `The ${rule} degradation rule is applied to the integration of ${request.serviceProvider} and ${request.mvpd.id}.`;
}

/**
 * One decision per resource under a degradation rule, in request order, `source: "degradation"`.
 * `userId` is the subject of the media tokens (the regular profile's user, or the degraded one).
 */
export function decideDegraded(
  context: EmulatorContext,
  request: DecisionRequest,
  rule: DegradationRule,
  userId: string,
): DecisionDraft[] {
  const mvpd = request.mvpd;
  const now = context.clock.now();
  const authorize = request.kind === 'authorize';
  // Decision times only on AuthNAll authorize items (spec decisions.md).
  const window = authorize && rule === 'AuthNAll' ? { notBefore: now, notAfter: now + mvpd.authzTtlMs } : {};
  return request.resources.map((resource): DecisionDraft => {
    const base = {
      resource,
      serviceProvider: request.serviceProvider,
      mvpd: mvpd.id,
      source: 'degradation' as const,
    };
    if (rule === 'AuthZNone') {
      return {
        ...base,
        authorized: false,
        error: enhancedError(
          'authorization_denied_by_degradation_rule',
          request.trace,
          ruleDetails(rule, request),
        ),
      };
    }
    if (!authorize) return { ...base, authorized: true };
    return { ...base, authorized: true, token: permitToken(request, resource, userId, now), ...window };
  });
}
