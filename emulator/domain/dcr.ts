import { createHash, timingSafeEqual } from 'node:crypto';
import { signAccessToken } from './access-token.ts';
import { DcrError } from './errors.ts';
import type { Random } from './random.ts';
import { isRegisteredHost, parseHttpUrl } from './redirect-url.ts';
import type { Seed, SoftwareStatementInfo } from './seed.ts';
import type { EmulatorContext } from '../context.ts';
import { findClient, insertClient, type ClientRecord } from '../store/clients.ts';

/**
 * Dynamic Client Registration (spec dcr.md). A software statement is accepted when it is a compact
 * JWS whose header and payload are JSON objects; the signature is not verified (Adobe's claim set and
 * keys are not public). What a statement may do is read from the seed by its `software_id`: a seeded
 * statement whose scopes do not include `api:client:v2` is "not enabled for REST v2" →
 * `unapproved_software_statement`. A statement the seed does not list (Adobe's and RFC 7591's samples,
 * a test's own) is accepted like the seed's main one: REST v2 on the seed's service provider, Reset
 * TempPass allowed (spec dcr.md §1, inferred). Without a `software_id` claim, its id is derived from
 * the payload, so the same statement is always the same application.
 */
export const REST_V2_SCOPE = 'api:client:v2';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL_PART = /^[A-Za-z0-9_-]+={0,2}$/;

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  if (!B64URL_PART.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What a statement may do: its seed entry, or the seed main statement's rights for one not listed. */
export function statementOf(seed: Seed, softwareId: string): SoftwareStatementInfo {
  return (
    seed.softwareStatements.find((entry) => entry.softwareId === softwareId) ?? {
      softwareId,
      serviceProviders: [seed.serviceProvider],
      scopes: [REST_V2_SCOPE],
      canResetTempPass: true,
    }
  );
}

/** The rights of an approved statement; throws DcrError otherwise. */
export function readSoftwareStatement(seed: Seed, statement: string): SoftwareStatementInfo {
  const parts = statement.split('.');
  if (parts.length !== 3 || parts.some((part) => part.length === 0))
    throw new DcrError('invalid_software_statement');
  const [header, payload] = parts as [string, string, string];
  const head = decodeJsonObject(header);
  const claims = decodeJsonObject(payload);
  if (!head || !claims) throw new DcrError('invalid_software_statement');
  const claimed = claims.software_id;
  if (claimed !== undefined && (typeof claimed !== 'string' || claimed === '' || claimed.length > 256)) {
    throw new DcrError('invalid_software_statement');
  }
  const softwareId = claimed ?? `unnamed-${createHash('sha256').update(payload).digest('hex').slice(0, 24)}`;
  const info = statementOf(seed, softwareId);
  if (!info.scopes.includes(REST_V2_SCOPE)) throw new DcrError('unapproved_software_statement');
  return info;
}

/** A redirect URI is a listed one (custom schemes included) or an http(s) URL on a registered domain. */
export function isAcceptedRedirectUri(seed: Seed, uri: string): boolean {
  if (seed.redirectUris.includes(uri)) return true;
  const url = parseHttpUrl(uri);
  return url !== undefined && isRegisteredHost(seed, url.hostname);
}

export function registerClient(
  context: EmulatorContext,
  input: { softwareStatement: string; redirectUri?: string },
): ClientRecord {
  const info = readSoftwareStatement(context.seed, input.softwareStatement);
  if (input.redirectUri !== undefined && !isAcceptedRedirectUri(context.seed, input.redirectUri)) {
    throw new DcrError('invalid_redirect_uri');
  }
  const client: ClientRecord = {
    clientId: newClientId(context.random),
    clientSecret: context.random.hex(32),
    softwareId: info.softwareId,
    redirectUris: input.redirectUri !== undefined ? [input.redirectUri] : [],
    scopes: [...info.scopes],
    issuedAt: context.clock.now(),
    revoked: false,
  };
  insertClient(context.db, client);
  return client;
}

function newClientId(random: Random): string {
  return random.string(ID_ALPHABET, 24);
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface IssuedToken {
  id: string;
  accessToken: string;
  createdAt: number;
  expiresIn: number;
}

/** OAuth 2.0 grant types the server knows of but grants no DCR client (RFC 6749 §5.2). */
const KNOWN_OTHER_GRANTS = new Set([
  'authorization_code',
  'password',
  'refresh_token',
  'implicit',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
]);

/**
 * `POST /o/client/token`: clients registered with a software statement get only the
 * client-credentials grant (spec dcr.md §2). An unknown grant type is `unsupported_grant_type`; a
 * known OAuth grant that this client may not use is `unauthorized_client` (after the client
 * authenticates), as RFC 6749 §5.2 distinguishes them.
 */
export function issueAccessToken(
  context: EmulatorContext,
  input: { clientId: string; clientSecret: string; grantType: string },
): IssuedToken {
  if (input.grantType !== 'client_credentials' && !KNOWN_OTHER_GRANTS.has(input.grantType)) {
    throw new DcrError('unsupported_grant_type');
  }
  const client = findClient(context.db, input.clientId);
  if (!client || client.revoked || !sameSecret(client.clientSecret, input.clientSecret)) {
    throw new DcrError('invalid_client');
  }
  if (input.grantType !== 'client_credentials') throw new DcrError('unauthorized_client');
  const createdAt = context.clock.now();
  const issuedAt = Math.floor(createdAt / 1000);
  const expiresIn = context.seed.accessTokenTtlSeconds;
  const id = context.random.uuid();
  const accessToken = signAccessToken(context.keys, {
    sub: id,
    client_id: client.clientId,
    iss: 'auth.adobe.com',
    scopes: client.scopes.join(' ') || REST_V2_SCOPE,
    nbf: issuedAt,
    iat: issuedAt,
    exp: issuedAt + expiresIn,
  });
  return { id, accessToken, createdAt, expiresIn };
}
