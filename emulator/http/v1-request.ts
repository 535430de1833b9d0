import type { Context } from 'hono';
import { readAccessToken } from '../domain/access-token.ts';
import { parseDeviceInfo, type DeviceInfo } from '../domain/device.ts';
import { statementOf } from '../domain/dcr.ts';
import type { V1Owner } from '../domain/v1-authn.ts';
import { invalidParameter, missingParameter, V1Error } from '../domain/v1-errors.ts';
import type { EmulatorContext } from '../context.ts';
import { findClient } from '../store/clients.ts';
import type { AuthenticatedClient, EmulatorEnv } from './env.ts';
import { isWellFormed } from './json-body.ts';
import { isFormContentType, readBodyText } from './request-info.ts';

/**
 * Reading a legacy v1 request (spec clientless-v1.md, Conventions): the DCR bearer token, the
 * single-valued parameters (query string, plus a form body on POST), the requestor, `deviceId` and
 * the device information (`X-Device-Info` header preferred, else `device_info`). Every problem is a
 * `V1Error` (401 for the token, 400 otherwise), never an exception of another kind.
 */
export type V1Params = Record<string, string | undefined>;

const MAX_BODY_BYTES = 64 * 1024;
const MAX_PARAM_LENGTH = 8192;
const MAX_DEVICE_ID_LENGTH = 512;

/**
 * `Authorization: Bearer` as for v2 (dcr.md §5): missing, garbled, expired, revoked → 401. Any
 * software statement that covers the requestor may call v1 (the seeded statements carry the v2
 * scope; v1-era scope names are not required — inferred).
 */
export function requireV1Client(context: EmulatorContext, c: Context<EmulatorEnv>): AuthenticatedClient {
  const match = /^Bearer\s+(\S+)$/i.exec((c.req.header('Authorization') ?? '').trim());
  const claims = match ? readAccessToken(context.keys, match[1] ?? '') : undefined;
  const client = claims ? findClient(context.db, claims.client_id) : undefined;
  if (!claims || claims.exp <= context.clock.now() / 1000 || !client || client.revoked) {
    throw new V1Error(401, 'Unauthorized', 'The access token is missing, expired or invalid.');
  }
  const statement = statementOf(context.seed, client.softwareId);
  const authenticated = { clientId: client.clientId, appId: client.softwareId, statement };
  c.set('client', authenticated);
  return authenticated;
}

/** The programmer requestor id: unknown → 400; not covered by the client's statement → 401. */
export function requireRequestor(
  context: EmulatorContext,
  client: AuthenticatedClient,
  value: string | undefined,
  name = 'requestor',
): string {
  if (value === undefined || value === '') throw missingParameter(name);
  if (value !== context.seed.serviceProvider) {
    throw new V1Error(400, `Invalid '${name}'`, 'Unknown requestor.', 'invalid_requestor');
  }
  if (!client.statement.serviceProviders.includes(value)) {
    throw new V1Error(401, 'Unauthorized', 'The access token is not valid for this requestor.');
  }
  return value;
}

/** The named parameters, each sent at most once, from the query and (POST) a form body. */
export async function readV1Params(c: Context, names: readonly string[]): Promise<V1Params> {
  const query = new URL(c.req.url).searchParams;
  let body = new URLSearchParams();
  if (c.req.method === 'POST' && isFormContentType(c)) {
    const text = await readBodyText(c, MAX_BODY_BYTES);
    if (text === undefined) throw new V1Error(400, 'Bad Request', 'The request body is too large.');
    body = new URLSearchParams(text);
  }
  const params: V1Params = {};
  for (const name of names) {
    const values = [...query.getAll(name), ...body.getAll(name)];
    if (values.length > 1) throw invalidParameter(name, `${name} was sent more than once.`);
    const value = values[0];
    if (value !== undefined && (value.length > MAX_PARAM_LENGTH || !isWellFormed(value))) {
      throw invalidParameter(name);
    }
    params[name] = value;
  }
  return params;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** `deviceId` as sent (the same string a v2 client Base64-encodes into AP-Device-Identifier). */
export function requireDeviceId(params: V1Params): string {
  const value = params['deviceId'];
  if (value === undefined || value === '') throw missingParameter('deviceId');
  if (value.length > MAX_DEVICE_ID_LENGTH || hasControlCharacter(value)) {
    throw new V1Error(400, "Invalid 'deviceId'", undefined, 'invalid_device_id');
  }
  return value;
}

export interface V1DeviceInfo {
  info: DeviceInfo | undefined;
  /** Base64 of the normalised JSON, or the value as sent when it is not a JSON object. */
  encoded: string;
}

/** Device information is required on every device call (spec: `device_info` or `X-Device-Info`). */
export function requireDeviceInfo(c: Context, params: V1Params): V1DeviceInfo {
  // A `+` of Base64 left unencoded in a query string arrives as a space; Base64 has no spaces.
  const raw = c.req.header('X-Device-Info') || params['device_info']?.replace(/ /g, '+');
  if (raw === undefined || raw.trim() === '') throw missingParameter('device_info');
  let info: DeviceInfo | undefined;
  try {
    info = parseDeviceInfo(raw);
  } catch {
    throw new V1Error(
      400,
      "Invalid 'device_info'",
      'Device information is Base64 of a JSON object.',
      'invalid_device_info',
    );
  }
  const encoded = info ? Buffer.from(JSON.stringify(info), 'utf8').toString('base64') : raw.trim();
  return { info, encoded };
}

/** A required, non-blank value (resource ids, MVPD ids…). */
export function requireText(params: V1Params, name: string): string {
  const value = params[name];
  if (value === undefined || value.trim() === '') throw missingParameter(name);
  return value;
}

export interface DeviceCall {
  client: AuthenticatedClient;
  owner: V1Owner;
  params: V1Params;
  device: V1DeviceInfo;
}

/** The common head of a device call: token, requestor, deviceId, device info (in that order). */
export async function readDeviceCall(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  names: readonly string[],
  requestorName = 'requestor',
): Promise<DeviceCall> {
  const client = requireV1Client(context, c);
  const params = await readV1Params(c, [
    requestorName,
    'deviceId',
    'device_info',
    'deviceType',
    'deviceUser',
    'appId',
    ...names,
  ]);
  const serviceProvider = requireRequestor(context, client, params[requestorName], requestorName);
  const deviceId = requireDeviceId(params);
  const device = requireDeviceInfo(c, params);
  return { client, owner: { appId: client.appId, deviceId, serviceProvider }, params, device };
}
