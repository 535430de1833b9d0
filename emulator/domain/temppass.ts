import { resourceIdOf } from './entitlements.ts';
import { PassError, type ErrorCode } from './errors.ts';
import { recordEvent } from './events.ts';
import type { SeedMvpd } from './seed.ts';
import type { TempPassConfig } from './seed-temppass.ts';
import { parseTempPassIdentity, tempPassUserId } from './temppass-identity.ts';
import type { EmulatorContext } from '../context.ts';
import type { ProfileAttribute, ProfileRecord } from '../store/profiles.ts';
import {
  findTrialByDevice,
  findTrialByIdentity,
  insertTrial,
  linkDevice,
  linkIdentity,
  updateUsedAssets,
  type TrialRecord,
  type TrialScope,
} from '../store/temppass-trials.ts';
import { saveProfile } from '../store/profiles.ts';

/**
 * TempPass trials (spec temppass.md). Which trial a request belongs to:
 * basic → the device's trial; promotional → the trial of the identity hash H if there is one, else
 * the trial of the device D, else (on authorization only) a new trial linked to both. A request that
 * finds a trial through one key links the other key to it when that key points nowhere yet (when H
 * and D point at two different trials, H's wins and no link moves — inferred).
 *
 * The clock starts at the first authorization: `expiresAt = first authorization + TTL`. Reading a
 * profile or preauthorizing never creates a trial. Promotional trials count distinct resource ids
 * (`countDistinct`); a used title is authorized again without a slot.
 */
export interface TempPassSubject extends TrialScope {
  config: TempPassConfig;
  deviceId: string;
  /** H, promotional only. */
  identity: string | undefined;
}

export interface Owner {
  appId: string;
  deviceId: string;
  serviceProvider: string;
}

/** The TempPass limits of an MVPD, or 500 `invalid_configuration_temporary_access`. */
export function requireTempPassConfig(mvpd: SeedMvpd): TempPassConfig {
  const config = mvpd.tempPass;
  const valid =
    config !== undefined &&
    config.ttlMs > 0 &&
    (config.kind === 'basic' ||
      (typeof config.identityKey === 'string' &&
        config.identityKey !== '' &&
        config.maxResources !== undefined &&
        Number.isInteger(config.maxResources) &&
        config.maxResources >= 0));
  if (!valid) throw new PassError('invalid_configuration_temporary_access');
  return config;
}

/**
 * Reads configuration and (promotional) the identity header; throws PassError (500 / 400). With
 * `identityOptional` (preauthorize: spec headers.md lists the header there as optional, temppass.md
 * asks only whether the pass is valid) an absent header means "judge by the device alone"; a header
 * that is sent must still decode.
 */
export function tempPassSubject(
  mvpd: SeedMvpd,
  input: {
    serviceProvider: string;
    deviceId: string;
    identityHeader: string | undefined;
    identityOptional?: boolean;
  },
): TempPassSubject {
  const config = requireTempPassConfig(mvpd);
  const absent = input.identityHeader === undefined || input.identityHeader.trim() === '';
  const identity =
    config.kind === 'promotional' && !(absent && input.identityOptional)
      ? parseTempPassIdentity(input.identityHeader, config.identityKey ?? '')
      : undefined;
  return {
    serviceProvider: input.serviceProvider,
    mvpd: mvpd.id,
    config,
    deviceId: input.deviceId,
    identity,
  };
}

export function findTrial(context: EmulatorContext, subject: TempPassSubject): TrialRecord | undefined {
  const byIdentity =
    subject.identity !== undefined ? findTrialByIdentity(context.db, subject, subject.identity) : undefined;
  return byIdentity ?? findTrialByDevice(context.db, subject, subject.deviceId);
}

function maxResources(config: TempPassConfig): number {
  return config.maxResources ?? 0;
}

/** Why a trial grants nothing at all right now, or undefined while it is usable. */
export function trialBlock(trial: TrialRecord, config: TempPassConfig, now: number): ErrorCode | undefined {
  if (now >= trial.expiresAt) return 'temporary_access_duration_limit_exceeded';
  if (config.kind === 'promotional' && trial.usedAssets.length >= maxResources(config)) {
    return 'temporary_access_resources_limit_exceeded';
  }
  return undefined;
}

/** The id a resource counts as (plain id, or the channel title of an MRSS document). */
export function assetIdOf(resource: string): string {
  return resourceIdOf(resource) || resource;
}

/** Uses a slot for the resource when needed; false when the allowance is spent. Mutates `trial`. */
function admit(trial: TrialRecord, config: TempPassConfig, resource: string): boolean {
  if (config.kind !== 'promotional') return true;
  const asset = assetIdOf(resource);
  if (config.countDistinct && trial.usedAssets.includes(asset)) return true;
  if (trial.usedAssets.length >= maxResources(config)) return false;
  trial.usedAssets.push(asset);
  return true;
}

export function temporaryAttributes(
  config: TempPassConfig,
  userId: string,
  expiresAt: number,
  usedAssets: readonly string[],
): Record<string, ProfileAttribute> {
  const common = {
    expiration_date: { value: expiresAt, state: 'plain' as const },
    userID: { value: userId, state: 'plain' as const },
  };
  if (config.kind !== 'promotional') return common;
  return {
    remaining_resources: {
      value: Math.max(0, maxResources(config) - usedAssets.length),
      state: 'plain',
    },
    used_assets: { value: [...usedAssets], state: 'plain' },
    ...common,
  };
}

/** The temporary profile of a trial; `username` holds the trial id (see store/temppass-trials.ts). */
function trialProfile(owner: Owner, subject: TempPassSubject, trial: TrialRecord): ProfileRecord {
  return {
    ...owner,
    mvpd: subject.mvpd,
    type: 'temporary',
    issuer: 'Adobe',
    username: trial.id,
    notBefore: trial.firstAuthorizedAt,
    notAfter: trial.expiresAt,
    attributes: temporaryAttributes(subject.config, trial.userId, trial.expiresAt, trial.usedAssets),
    sessionCode: null,
  };
}

function startTrial(context: EmulatorContext, subject: TempPassSubject, now: number): TrialRecord {
  const trial: TrialRecord = {
    id: context.random.uuid(),
    serviceProvider: subject.serviceProvider,
    mvpd: subject.mvpd,
    userId: tempPassUserId(subject.deviceId, subject.identity),
    firstAuthorizedAt: now,
    expiresAt: now + subject.config.ttlMs,
    usedAssets: [],
  };
  insertTrial(context.db, trial);
  recordEvent(context, {
    type: 'temppass',
    action: 'trial-started',
    deviceId: subject.deviceId,
    mvpd: trial.mvpd,
    trialId: trial.id,
    expiresAt: trial.expiresAt,
  });
  return trial;
}

export type AuthorizeOutcome =
  | { blocked: ErrorCode; trial: TrialRecord }
  | { blocked?: undefined; trial: TrialRecord; admitted: boolean[]; now: number };

/**
 * One authorization: find or start the trial, link the request's keys, check expiry, use slots,
 * refresh the temporary profile — all inside one immediate SQLite transaction (no await), so
 * simultaneous requests on one trial can never grant more than the allowance.
 */
export function authorizeTempPass(
  context: EmulatorContext,
  owner: Owner,
  subject: TempPassSubject,
  resources: readonly string[],
): AuthorizeOutcome {
  const run = context.db.transaction((): AuthorizeOutcome => {
    const now = context.clock.now();
    const trial = findTrial(context, subject) ?? startTrial(context, subject, now);
    linkDevice(context.db, subject, subject.deviceId, trial.id);
    if (subject.identity !== undefined) linkIdentity(context.db, subject, subject.identity, trial.id);
    if (now >= trial.expiresAt) return { blocked: 'temporary_access_duration_limit_exceeded', trial };
    const before = trial.usedAssets.length;
    const admitted = resources.map((resource) => admit(trial, subject.config, resource));
    if (trial.usedAssets.length !== before) updateUsedAssets(context.db, trial.id, trial.usedAssets);
    if (admitted.includes(true)) saveProfile(context.db, trialProfile(owner, subject, trial));
    return { trial, admitted, now };
  });
  return run.immediate();
}

/** Preauthorization: read-only; the one error every item gets, or undefined (all authorized). */
export function preauthorizeTempPass(
  context: EmulatorContext,
  subject: TempPassSubject,
): ErrorCode | undefined {
  const trial = findTrial(context, subject);
  return trial ? trialBlock(trial, subject.config, context.clock.now()) : undefined;
}

/**
 * `GET /profiles/{tempPassMvpd}`: the trial's temporary profile; no trial yet → a synthesised one
 * (`notBefore = now`, `notAfter = now + TTL`, nothing used) that does NOT start the clock. Expired
 * → 403 duration; promotional allowance spent → 403 resources (top-level, PassError).
 */
export function tempPassProfile(
  context: EmulatorContext,
  owner: Owner,
  mvpd: SeedMvpd,
  identityHeader: string | undefined,
): ProfileRecord {
  const subject = tempPassSubject(mvpd, { ...owner, identityHeader });
  const now = context.clock.now();
  const trial = findTrial(context, subject);
  if (!trial) {
    const userId = tempPassUserId(subject.deviceId, subject.identity);
    const expiresAt = now + subject.config.ttlMs;
    return {
      ...owner,
      mvpd: mvpd.id,
      type: 'temporary',
      issuer: 'Adobe',
      username: '',
      notBefore: now,
      notAfter: expiresAt,
      attributes: temporaryAttributes(subject.config, userId, expiresAt, []),
      sessionCode: null,
    };
  }
  const block = trialBlock(trial, subject.config, now);
  if (block) throw new PassError(block);
  return trialProfile(owner, subject, trial);
}
