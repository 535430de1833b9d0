import { degradedProfileFor } from './degradation.ts';
import { PassError } from './errors.ts';
import { profileEvent, recordEvent } from './events.ts';
import { findMvpd, type Seed, type SeedAccount, type SeedMvpd } from './seed.ts';
import { tempPassProfile } from './temppass.ts';
import type { EmulatorContext } from '../context.ts';
import type { SessionRecord } from '../store/sessions.ts';
import {
  findProfile,
  findProfileBySessionCode,
  listProfiles,
  saveProfile,
  type ProfileKey,
  type ProfileRecord,
  type ProfileType,
} from '../store/profiles.ts';

/**
 * Profile rules (spec profiles.md). A profile is visible while `notBefore <= now < notAfter`; the
 * three endpoints show different types (inferred from Adobe's enumerations):
 * `/profiles` regular + SSO kinds, `/profiles/{mvpd}` every type, `/profiles/code/{code}` regular,
 * temporary and degraded.
 */
export const DEVICE_LIST_TYPES: readonly ProfileType[] = [
  'regular',
  'appleSSO',
  'platformSSO',
  'serviceTokenSSO',
];
export const BY_CODE_TYPES: readonly ProfileType[] = ['regular', 'temporary', 'degraded'];

export function isProfileValid(profile: ProfileRecord, now: number): boolean {
  return profile.notBefore <= now && now < profile.notAfter;
}

/** The MVPD of a request, or `invalid_parameter_mvpd` (all seeded MVPDs are integrated with the SP). */
export function requireMvpd(seed: Seed, id: string | undefined): SeedMvpd {
  const mvpd = id !== undefined && id.length <= 128 ? findMvpd(seed, id) : undefined;
  if (!mvpd) throw new PassError('invalid_parameter_mvpd');
  return mvpd;
}

export function findValidProfile(context: EmulatorContext, key: ProfileKey): ProfileRecord | undefined {
  const profile = findProfile(context.db, key);
  return profile && isProfileValid(profile, context.clock.now()) ? profile : undefined;
}

/** `GET /{sp}/profiles`: every valid regular/SSO profile of this application on this device. */
export function listDeviceProfiles(
  context: EmulatorContext,
  owner: { appId: string; deviceId: string; serviceProvider: string },
): ProfileRecord[] {
  const now = context.clock.now();
  return listProfiles(context.db, owner.appId, owner.deviceId, owner.serviceProvider).filter(
    (profile) => DEVICE_LIST_TYPES.includes(profile.type) && isProfileValid(profile, now),
  );
}

/**
 * `GET /{sp}/profiles/{mvpd}`: the valid profile for one MVPD, if any. A TempPass MVPD answers its
 * temporary profile from the trial state (or throws its 400/403/500 PassError, temppass.ts).
 */
export function profileForMvpd(
  context: EmulatorContext,
  owner: { appId: string; deviceId: string; serviceProvider: string },
  mvpdId: string,
  tempPassIdentity?: string,
): ProfileRecord | undefined {
  const mvpd = requireMvpd(context.seed, mvpdId);
  if (mvpd.flags?.isTempPass) return tempPassProfile(context, owner, mvpd, tempPassIdentity);
  const key = { ...owner, mvpd: mvpd.id };
  // A real login wins; else the degraded profile while AuthNAll holds (domain/degradation.ts).
  return findValidProfile(context, key) ?? degradedProfileFor(context, key, mvpd);
}

/**
 * The valid profile a (live) session produced, if the login has completed. A session whose MVPD is
 * a TempPass one answers that MVPD's temporary profile for the session's application and device.
 */
export function profileForSession(
  context: EmulatorContext,
  session: SessionRecord,
  tempPassIdentity?: string,
): ProfileRecord | undefined {
  const { code, serviceProvider } = session;
  const tempPass = session.mvpd !== null ? findMvpd(context.seed, session.mvpd) : undefined;
  if (tempPass?.flags?.isTempPass) {
    const owner = { appId: session.appId, deviceId: session.deviceId, serviceProvider };
    return tempPassProfile(context, owner, tempPass, tempPassIdentity);
  }
  const profile = findProfileBySessionCode(context.db, code);
  if (
    profile &&
    profile.serviceProvider === serviceProvider &&
    BY_CODE_TYPES.includes(profile.type) &&
    isProfileValid(profile, context.clock.now())
  ) {
    return profile;
  }
  // The session's MVPD under AuthNAll: the degraded profile of the session's application and device.
  const mvpd = session.mvpd !== null ? findMvpd(context.seed, session.mvpd) : undefined;
  if (!mvpd) return undefined;
  const key = { appId: session.appId, deviceId: session.deviceId, serviceProvider, mvpd: mvpd.id };
  return findValidProfile(context, key) ? undefined : degradedProfileFor(context, key, mvpd);
}

/** The regular profile an MVPD login creates (spec profiles.md, attribute names from Adobe's list). */
export function createRegularProfile(
  context: EmulatorContext,
  key: ProfileKey,
  mvpd: SeedMvpd,
  account: SeedAccount,
  sessionCode: string,
): ProfileRecord {
  const now = context.clock.now();
  const profile: ProfileRecord = {
    ...key,
    type: 'regular',
    issuer: mvpd.id,
    username: account.username,
    notBefore: now,
    notAfter: now + mvpd.authnTtlMs,
    attributes: {
      userID: { value: account.userId, state: 'plain' },
      upstreamUserID: { value: account.userId, state: 'plain' },
      householdID: { value: account.householdId, state: 'plain' },
      zip: { value: [account.zip], state: 'plain' },
    },
    sessionCode,
  };
  saveProfile(context.db, profile);
  recordEvent(context, profileEvent('created', profile, 'login'));
  return profile;
}
