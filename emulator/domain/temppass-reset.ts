import { PassError } from './errors.ts';
import { recordEvent } from './events.ts';
import { findMvpd, type SoftwareStatementInfo } from './seed.ts';
import type { EmulatorContext } from '../context.ts';
import {
  deleteDetachedTemporaryProfiles,
  deleteDeviceLinks,
  deleteUnlinkedTrials,
  type TrialScope,
  unlinkTrialsOfIdentity,
} from '../store/temppass-trials.ts';

/**
 * Reset TempPass management API (spec reset-temppass.md §5, seed pages).
 * - A device reset (`/reset`) removes the device's links: on a basic TempPass the device's trial goes
 *   with it; a promotional trial that its identity still reaches survives, so that identity stays
 *   spent on any device (a new identity on the device starts afresh).
 * - A generic reset (`/reset/generic`) deletes the promotional trials the identity key reaches (or
 *   every one of the MVPD for `all`), with all their links, devices' included: the next request
 *   with that identity starts a brand-new trial, on the same device too.
 * Temporary profiles that no longer derive from a device link are deleted. On a basic TempPass a
 * generic reset finds nothing to remove (nothing is keyed by identity) and succeeds (inferred).
 */
export type ResetTarget =
  { kind: 'device'; deviceId: string | 'all' } | { kind: 'identity'; key: string | 'all' };

export interface ResetResult {
  linksRemoved: number;
  trialsDeleted: number;
  profilesDeleted: number;
}

/**
 * 403 when the client's software statement may not use the management API (at all, or for this
 * requestor when one is given).
 */
export function assertMayReset(statement: SoftwareStatementInfo, requestorId?: string): void {
  if (
    !statement.canResetTempPass ||
    (requestorId !== undefined && !statement.serviceProviders.includes(requestorId))
  ) {
    throw new PassError(
      'invalid_access_token_client_application',
      'This client application is not allowed to reset TempPass.',
      { status: 403, message: 'The client is not allowed to perform this request.' },
    );
  }
}

/** `requestor_id` and `mvpd_id`: a known service provider and one of its TempPass MVPDs, else 400. */
export function requireResetScope(
  context: EmulatorContext,
  requestorId: string | undefined,
  mvpdId: string | undefined,
): TrialScope {
  if (!requestorId || requestorId !== context.seed.serviceProvider) {
    throw new PassError('invalid_parameter_service_provider', 'requestor_id is missing or unknown.');
  }
  const mvpd = mvpdId ? findMvpd(context.seed, mvpdId) : undefined;
  if (!mvpd?.flags?.isTempPass) {
    throw new PassError('invalid_parameter_mvpd', 'mvpd_id is missing, unknown or not a TempPass MVPD.');
  }
  return { serviceProvider: requestorId, mvpd: mvpd.id };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Devices a `device_id` may name: the decoded `AP-Device-Identifier` value as sent, and — when the
 * parameter is itself Base64 of a readable string — what it decodes to (the header's Base64 form).
 */
export function deviceIdCandidates(deviceId: string): string[] {
  const candidates = [deviceId];
  if (!BASE64.test(deviceId)) return candidates;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(deviceId, 'base64'));
    const readable = decoded.length > 0 && ![...decoded].some((ch) => ch.charCodeAt(0) < 0x20);
    if (readable && decoded !== deviceId) candidates.push(decoded);
  } catch {
    // not UTF-8: only the raw value can match
  }
  return candidates;
}

/** Applies one reset in a single transaction. */
export function resetTempPass(context: EmulatorContext, scope: TrialScope, target: ResetTarget): ResetResult {
  return context.db
    .transaction((): ResetResult => {
      const linksRemoved =
        target.kind === 'device'
          ? deleteDeviceLinks(
              context.db,
              scope,
              target.deviceId === 'all' ? 'all' : deviceIdCandidates(target.deviceId),
            )
          : unlinkTrialsOfIdentity(context.db, scope, target.key);
      const trialsDeleted = deleteUnlinkedTrials(context.db, scope);
      const profilesDeleted = deleteDetachedTemporaryProfiles(context.db, scope);
      recordEvent(context, {
        type: 'temppass',
        action: 'reset',
        deviceId: target.kind === 'device' && target.deviceId !== 'all' ? target.deviceId : null,
        mvpd: scope.mvpd,
        linksRemoved,
        trialsDeleted,
      });
      return { linksRemoved, trialsDeleted, profilesDeleted };
    })
    .immediate();
}
