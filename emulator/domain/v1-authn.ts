import { profileUserId } from './decisions.ts';
import { PassError } from './errors.ts';
import { profileEvent, recordEvent } from './events.ts';
import { isProfileValid } from './profiles-service.ts';
import { findMvpd, type SeedMvpd } from './seed.ts';
import { tempPassProfile } from './temppass.ts';
import { AUTHN_EXPIRED, fromPassError, V1Error } from './v1-errors.ts';
import type { EmulatorContext } from '../context.ts';
import {
  deleteProfile,
  findProfileBySessionCode,
  listProfiles,
  type ProfileRecord,
  type ProfileType,
} from '../store/profiles.ts';
import { deleteDeviceAuthorizations } from '../store/v1-authorizations.ts';
import { deleteDeviceFreepreviews, listFreepreviews, saveFreepreview } from '../store/v1-freepreviews.ts';

/**
 * The v1 authentication (authN) token, in terms of the shared v2 state (spec clientless-v1.md,
 * emulator notes). Decision, documented in the README:
 *
 * - A v1 authN token IS the v2 profile of (application, deviceId, requestor, MVPD): the application
 *   is the DCR client's software statement, and the v1 `deviceId` parameter equals the decoded v2
 *   `AP-Device-Identifier`. So one device id sees one login over both APIs — a v1 login is visible to
 *   v2 on the same device id and application (and the reverse), never to another device or app.
 * - v1 knows one authN token per device; when a device holds several valid profiles, the newest one
 *   (latest `notBefore`, or freepreview time for TempPass) is the v1 token.
 * - TempPass over v1 is a freepreview row (store/v1-freepreviews.ts) read through the shared TempPass
 *   rules (domain/temppass.ts): valid while the trial is neither expired nor used up; a trial that
 *   has not started yet is valid (the clock starts at the first authorization, not at freepreview).
 *   v2 temporary profiles alone are not a v1 authN token (v1 needs the freepreview call).
 */
export interface V1Owner {
  appId: string;
  deviceId: string;
  serviceProvider: string;
}

export interface V1Authn {
  owner: V1Owner;
  mvpd: SeedMvpd;
  profile: ProfileRecord;
  /** The MVPD's (or TempPass) user id. */
  userId: string;
  issuedAt: number;
  expires: number;
  /** TempPass: the identity stored at freepreview, as an `AP-TempPass-Identity` value. */
  tempPassIdentity?: string;
}

export type AuthnLookup =
  { state: 'valid'; authn: V1Authn } | { state: 'expired'; message: string } | { state: 'missing' };

const V1_PROFILE_TYPES: readonly ProfileType[] = [
  'regular',
  'appleSSO',
  'platformSSO',
  'serviceTokenSSO',
  'degraded',
];

function fromProfile(owner: V1Owner, mvpd: SeedMvpd, profile: ProfileRecord): V1Authn {
  return {
    owner,
    mvpd,
    profile,
    userId: profileUserId(profile),
    issuedAt: profile.notBefore,
    expires: profile.notAfter,
  };
}

/** The device's current v1 authN token (see the module comment for the rules). */
export function currentAuthn(context: EmulatorContext, owner: V1Owner): AuthnLookup {
  const now = context.clock.now();
  const valid: V1Authn[] = [];
  let expired: { at: number; message: string } | undefined;
  const noteExpired = (at: number, message: string) => {
    if (!expired || at >= expired.at) expired = { at, message };
  };

  for (const profile of listProfiles(context.db, owner.appId, owner.deviceId, owner.serviceProvider)) {
    const mvpd = findMvpd(context.seed, profile.mvpd);
    if (!mvpd || mvpd.flags?.isTempPass || !V1_PROFILE_TYPES.includes(profile.type)) continue;
    if (isProfileValid(profile, now)) valid.push(fromProfile(owner, mvpd, profile));
    else if (now >= profile.notAfter) noteExpired(profile.notBefore, AUTHN_EXPIRED);
  }

  for (const row of listFreepreviews(context.db, owner)) {
    const mvpd = findMvpd(context.seed, row.mvpd);
    if (!mvpd?.flags?.isTempPass) continue;
    try {
      const profile = tempPassProfile(context, owner, mvpd, row.identityHeader ?? undefined);
      valid.push({
        ...fromProfile(owner, mvpd, profile),
        issuedAt: row.createdAt,
        ...(row.identityHeader !== null ? { tempPassIdentity: row.identityHeader } : {}),
      });
    } catch (error) {
      if (!(error instanceof PassError)) throw error;
      noteExpired(row.createdAt, error.message);
    }
  }

  const newest = valid.sort((a, b) => b.issuedAt - a.issuedAt)[0];
  if (newest) return { state: 'valid', authn: newest };
  return expired ? { state: 'expired', message: expired.message } : { state: 'missing' };
}

/** The valid authN token a second-screen login produced for this regcode, if any. */
export function authnForCode(context: EmulatorContext, requestor: string, code: string): V1Authn | undefined {
  const profile = findProfileBySessionCode(context.db, code.toUpperCase());
  if (!profile || profile.serviceProvider !== requestor || !V1_PROFILE_TYPES.includes(profile.type)) {
    return undefined;
  }
  const mvpd = findMvpd(context.seed, profile.mvpd);
  if (!mvpd || !isProfileValid(profile, context.clock.now())) return undefined;
  const owner = {
    appId: profile.appId,
    deviceId: profile.deviceId,
    serviceProvider: profile.serviceProvider,
  };
  return fromProfile(owner, mvpd, profile);
}

/**
 * `POST /api/v1/authenticate/freepreview`: the device chooses a TempPass MVPD. The shared TempPass
 * rules decide; the clock does not start. Adobe lists only 204 and 400 for this call (spec
 * clientless-v1.md #16), so an expired or used-up trial is a 400 here, with the TempPass message
 * (authorize and checkauthn keep their 403); a bad configuration stays 500.
 */
export function freepreview(
  context: EmulatorContext,
  input: { owner: V1Owner; mvpd: SeedMvpd; identityHeader: string | undefined },
): void {
  if (!input.mvpd.flags?.isTempPass) {
    throw new V1Error(400, "Invalid 'mso_id'", 'Free preview needs a TempPass MVPD.', 'unknown_integration');
  }
  try {
    tempPassProfile(context, input.owner, input.mvpd, input.identityHeader);
  } catch (error) {
    if (!(error instanceof PassError)) throw error;
    const v1 = fromPassError(error);
    throw v1.status === 403 ? new V1Error(400, v1.message, v1.details, v1.legacyCode) : v1;
  }
  saveFreepreview(context.db, {
    ...input.owner,
    mvpd: input.mvpd.id,
    identityHeader: input.identityHeader ?? null,
    createdAt: context.clock.now(),
  });
}

/**
 * `DELETE /api/v1/logout`: every Adobe-side authN token (all profiles of the device, any MVPD, and
 * the TempPass choice) and every v1 authZ token of the device go; no MVPD logout page. TempPass
 * trials stay (only Reset TempPass clears them).
 */
export function logoutDevice(context: EmulatorContext, owner: V1Owner): void {
  context.db.transaction(() => {
    for (const profile of listProfiles(context.db, owner.appId, owner.deviceId, owner.serviceProvider)) {
      deleteProfile(context.db, { ...owner, mvpd: profile.mvpd });
      recordEvent(context, profileEvent('deleted', profile, 'logout'));
    }
    deleteDeviceFreepreviews(context.db, owner);
    deleteDeviceAuthorizations(context.db, owner);
  })();
}
