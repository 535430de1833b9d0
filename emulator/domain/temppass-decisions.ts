import type { DecisionDraft, DecisionRequest } from './decisions.ts';
import { enhancedError, PassError, type ErrorCode } from './errors.ts';
import { permitToken } from './permit-token.ts';
import { authorizeTempPass, preauthorizeTempPass, tempPassSubject } from './temppass.ts';
import type { EmulatorContext } from '../context.ts';

/**
 * Decisions for TempPass MVPDs (spec temppass.md, decisions.md): no profile needed, any resource
 * (catalog or not), `source: "temppass"`. Every TempPass failure is item-level (HTTP 200,
 * `authorized: false`, no token, no decision times):
 * `invalid_header_identity_for_temporary_access` (400), `temporary_access_duration_limit_exceeded`
 * (403), `temporary_access_resources_limit_exceeded` (403), `invalid_configuration_temporary_access`
 * (500). Authorize permits carry a fresh media token and `notBefore = now`, `notAfter = expiresAt`;
 * preauthorize answers every item alike: all authorized (no token) while the pass is valid, else the
 * same error for each.
 */
export function decideTempPass(context: EmulatorContext, request: DecisionRequest): DecisionDraft[] {
  const base = (resource: string) => ({
    resource,
    serviceProvider: request.serviceProvider,
    mvpd: request.mvpd.id,
    source: 'temppass' as const,
  });
  const deny = (resource: string, code: ErrorCode): DecisionDraft => ({
    ...base(resource),
    authorized: false,
    error: enhancedError(code, request.trace),
  });
  const denyAll = (code: ErrorCode) => request.resources.map((resource) => deny(resource, code));

  let subject;
  try {
    subject = tempPassSubject(request.mvpd, {
      serviceProvider: request.serviceProvider,
      deviceId: request.deviceId,
      identityHeader: request.tempPassIdentity,
      identityOptional: request.kind === 'preauthorize',
    });
  } catch (error) {
    if (error instanceof PassError) return denyAll(error.code);
    throw error;
  }

  if (request.kind === 'preauthorize') {
    const block = preauthorizeTempPass(context, subject);
    if (block) return denyAll(block);
    return request.resources.map((resource) => ({ ...base(resource), authorized: true }));
  }

  const owner = {
    appId: request.appId,
    deviceId: request.deviceId,
    serviceProvider: request.serviceProvider,
  };
  const outcome = authorizeTempPass(context, owner, subject, request.resources);
  if (outcome.blocked) return denyAll(outcome.blocked);
  const { trial, admitted, now } = outcome;
  return request.resources.map((resource, index): DecisionDraft => {
    if (!admitted[index]) return deny(resource, 'temporary_access_resources_limit_exceeded');
    // Signed after the transaction committed.
    const token = permitToken(request, resource, trial.userId, now);
    return { ...base(resource), authorized: true, token, notBefore: now, notAfter: trial.expiresAt };
  });
}
