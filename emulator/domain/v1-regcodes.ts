import type { DeviceInfo } from './device.ts';
import { newAuthenticationCode } from './random.ts';
import { recordRegcodeCreated } from './events.ts';
import { findMvpd } from './seed.ts';
import { CODE_PATTERN } from './sessions.ts';
import { invalidParameter, notFound, V1Error } from './v1-errors.ts';
import type { EmulatorContext } from '../context.ts';
import { codeExists, type SessionRecord } from '../store/sessions.ts';
import {
  deleteRegcode,
  deleteRegcodesExpiredBefore,
  findRegcode,
  insertRegcode,
  type RegcodeRecord,
} from '../store/v1-regcodes.ts';

/**
 * Registration codes (spec clientless-v1.md #1–3). A regcode is a v2 authentication session under
 * the hood ("regcodes map to v2 sessions"): same code alphabet and namespace, the creating
 * application and device, `notAfter = expires`. The browser login (`/api/v1/authenticate`) fills in
 * the session's MVPD, domain and redirect URL and then runs the shared MVPD login, whose success
 * creates the v2 regular profile of (application, deviceId, requestor, MVPD) — the v1 authN token.
 *
 * Choices (inferred): `ttl` must be a whole number of seconds in 1..36000; an `mvpd` given here
 * must be a seeded MVPD; GET of an expired or unknown code is 404; DELETE of an unknown code is 404
 * (204 otherwise).
 */
export const DEFAULT_REGCODE_TTL_SECONDS = 1800;
export const MAX_REGCODE_TTL_SECONDS = 36_000;
const HOUSEKEEPING_GRACE_MS = 24 * 3_600_000;

export interface RegcodeInput {
  requestor: string;
  deviceId: string;
  deviceInfo: DeviceInfo | undefined;
  /** Base64 of the normalised device JSON, or the value as sent. */
  deviceInfoEncoded: string;
  mvpd: string | undefined;
  ttl: string | undefined;
  userAgent: string | null;
  ipAddress: string | null;
  deviceType: string | undefined;
  deviceUser: string | undefined;
  appIdParam: string | undefined;
  client: { clientId: string; appId: string };
}

export function parseTtlSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_REGCODE_TTL_SECONDS;
  if (!/^\d{1,9}$/.test(raw)) invalidTtl();
  const seconds = Number(raw);
  if (seconds < 1 || seconds > MAX_REGCODE_TTL_SECONDS) invalidTtl();
  return seconds;
}

function invalidTtl(): never {
  throw invalidParameter('ttl', `ttl is a number of seconds from 1 to ${MAX_REGCODE_TTL_SECONDS}.`);
}

function newUnusedCode(context: EmulatorContext): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const code = newAuthenticationCode(context.random);
    if (!codeExists(context.db, code) && !findRegcode(context.db, code)) return code;
  }
  throw new V1Error(500, 'Internal Server Error', 'No free registration code could be drawn.');
}

/** `POST /reggie/v1/{requestor}/regcode`. */
export function createRegcode(context: EmulatorContext, input: RegcodeInput): RegcodeRecord {
  const ttlSeconds = parseTtlSeconds(input.ttl);
  let mvpd: string | null = null;
  if (input.mvpd !== undefined && input.mvpd !== '') {
    const found = input.mvpd.length <= 128 ? findMvpd(context.seed, input.mvpd) : undefined;
    if (!found) throw invalidParameter('mvpd', 'The MVPD is not integrated with this requestor.');
    mvpd = found.id;
  }
  const now = context.clock.now();
  deleteRegcodesExpiredBefore(context.db, now - HOUSEKEEPING_GRACE_MS);
  const code = newUnusedCode(context);
  const id = context.random.uuid();
  const expires = now + ttlSeconds * 1000;
  const regcode: RegcodeRecord = {
    code,
    id,
    requestor: input.requestor,
    mvpd,
    generated: now,
    expires,
    deviceId: input.deviceId,
    deviceInfo: input.deviceInfoEncoded,
    userAgent: input.userAgent,
    originalUserAgent:
      typeof input.deviceInfo?.['userAgent'] === 'string'
        ? input.deviceInfo['userAgent'].slice(0, 1024)
        : input.userAgent,
    deviceType: input.deviceType ?? null,
    deviceUser: input.deviceUser ?? null,
    appIdParam: input.appIdParam ?? null,
    clientId: input.client.clientId,
    softwareId: input.client.appId,
  };
  const session: SessionRecord = {
    code,
    sessionId: id,
    serviceProvider: input.requestor,
    appId: input.client.appId,
    clientId: input.client.clientId,
    deviceId: input.deviceId,
    deviceInfo: input.deviceInfo,
    userAgent: input.userAgent,
    ipAddress: input.ipAddress,
    mvpd,
    domainName: null,
    redirectUrl: null,
    notBefore: now,
    notAfter: expires,
    authenticatedAt: null,
  };
  insertRegcode(context.db, regcode, session);
  recordRegcodeCreated(context, regcode);
  return regcode;
}

/** A live regcode of this requestor, or undefined (codes are case-insensitive). */
export function findLiveRegcode(
  context: EmulatorContext,
  requestor: string,
  rawCode: string | undefined,
): RegcodeRecord | undefined {
  if (rawCode === undefined || !CODE_PATTERN.test(rawCode)) return undefined;
  const regcode = findRegcode(context.db, rawCode.toUpperCase());
  const now = context.clock.now();
  if (!regcode || regcode.requestor !== requestor || now >= regcode.expires || now < regcode.generated) {
    return undefined;
  }
  return regcode;
}

/** `GET /reggie/v1/{requestor}/regcode/{code}`. */
export function getRegcode(
  context: EmulatorContext,
  requestor: string,
  code: string | undefined,
): RegcodeRecord {
  const regcode = findLiveRegcode(context, requestor, code);
  if (!regcode) throw notFound();
  return regcode;
}

/** `DELETE /reggie/v1/{requestor}/regcode/{code}`: the code (and its session) are gone. */
export function removeRegcode(context: EmulatorContext, requestor: string, code: string | undefined): void {
  if (code === undefined || !CODE_PATTERN.test(code)) throw notFound();
  const regcode = findRegcode(context.db, code.toUpperCase());
  if (!regcode || regcode.requestor !== requestor) throw notFound();
  deleteRegcode(context.db, regcode.code);
}
