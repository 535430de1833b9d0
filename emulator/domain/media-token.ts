import { createHash, createVerify, sign, type KeyObject } from 'node:crypto';

/**
 * The emulator's short media token (spec media-token.md, "Emulator token format" — a self-consistent
 * stand-in for Adobe's undocumented bytes) and a TypeScript port of the Media Token Verifier contract.
 *
 *   body            = <shortAuthorizationToken>…</shortAuthorizationToken>   (fields below, in order)
 *   sig             = Base64(RSASSA-PKCS1-v1_5 / SHA-256 over UTF-8(body))
 *   serializedToken = Base64(UTF-8("<signatureInfo>" + sig + "</signatureInfo>" + body))
 */
export type VerifierStatus =
  'VALID_TOKEN' | 'INVALID_TOKEN_FORMAT' | 'INVALID_SIGNATURE' | 'TOKEN_EXPIRED' | 'INVALID_RESOURCE_ID';

export const VERIFIER_STATUSES: readonly VerifierStatus[] = [
  'VALID_TOKEN',
  'INVALID_TOKEN_FORMAT',
  'INVALID_SIGNATURE',
  'TOKEN_EXPIRED',
  'INVALID_RESOURCE_ID',
];

/** Tolerated clock difference between the issuer and the verifying server. */
export const VERIFY_SKEW_MS = 30_000;
/** Longer serialized tokens are rejected as malformed before any decoding. */
export const MAX_SERIALIZED_TOKEN_LENGTH = 65_536;

export interface MediaTokenInput {
  /** The profile's userID; only its hash goes into the token. */
  userId: string;
  requestor: string;
  /** The resource string exactly as authorized (plain id or MRSS). */
  resource: string;
  ttlMs: number;
  issuedAt: number;
  mvpd: string;
  proxyMvpd?: string;
}

export interface MediaToken {
  notBefore: number;
  notAfter: number;
  serializedToken: string;
}

export interface MediaTokenFields {
  sessionGUID: string;
  requestorID: string;
  resourceID: string;
  ttl: number;
  issueTime: number;
  mvpdId: string;
  proxyMvpdId?: string;
}

export type VerifyResult =
  ({ status: 'VALID_TOKEN' } & MediaTokenFields) | { status: Exclude<VerifierStatus, 'VALID_TOKEN'> };

/** Stable anonymised user id: the same subscriber always maps to the same GUID, never to the raw id. */
export function sessionGuid(userId: string): string {
  return createHash('sha256')
    .update(`pass-emulator:session-guid:${userId}`, 'utf8')
    .digest('hex')
    .slice(0, 40);
}

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const XML_UNESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlUnescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_UNESCAPES[name] ?? '');
}

export function tokenBody(input: MediaTokenInput): string {
  const proxy =
    input.proxyMvpd !== undefined ? `<proxyMvpdId>${xmlEscape(input.proxyMvpd)}</proxyMvpdId>` : '';
  return (
    '<shortAuthorizationToken>' +
    `<sessionGUID>${sessionGuid(input.userId)}</sessionGUID>` +
    `<requestorID>${xmlEscape(input.requestor)}</requestorID>` +
    `<resourceID>${xmlEscape(input.resource)}</resourceID>` +
    `<ttl>${input.ttlMs}</ttl>` +
    `<issueTime>${input.issuedAt}</issueTime>` +
    `<mvpdId>${xmlEscape(input.mvpd)}</mvpdId>` +
    proxy +
    '</shortAuthorizationToken>'
  );
}

/**
 * A media token whose fields are fixed and whose signature is still to come: decisions are taken
 * (and recorded) with it, and the signature is made afterwards, off the event loop.
 */
export interface UnsignedMediaToken {
  notBefore: number;
  notAfter: number;
  /** The `<shortAuthorizationToken>` body the signature covers. */
  body: string;
}

export function prepareMediaToken(input: MediaTokenInput): UnsignedMediaToken {
  return { notBefore: input.issuedAt, notAfter: input.issuedAt + input.ttlMs, body: tokenBody(input) };
}

function envelope(token: UnsignedMediaToken, signature: Buffer): MediaToken {
  const serializedToken = Buffer.from(
    `<signatureInfo>${signature.toString('base64')}</signatureInfo>${token.body}`,
    'utf8',
  ).toString('base64');
  return { notBefore: token.notBefore, notAfter: token.notAfter, serializedToken };
}

/** Signs on the calling thread. */
export function signMediaToken(privateKey: KeyObject, input: MediaTokenInput): MediaToken {
  const token = prepareMediaToken(input);
  return envelope(token, sign('sha256', Buffer.from(token.body, 'utf8'), privateKey));
}

/**
 * Signs in libuv's thread pool (`crypto.sign` with a callback): an RSA-2048 signature is the
 * costliest step of an authorization, and this way it neither blocks other requests nor keeps the
 * second core idle. Same bytes as `signMediaToken` (RSASSA-PKCS1-v1_5 is deterministic).
 */
export function signMediaTokenAsync(privateKey: KeyObject, token: UnsignedMediaToken): Promise<MediaToken> {
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(token.body, 'utf8'), privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(envelope(token, signature));
    });
  });
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ENVELOPE =
  /^<signatureInfo>([A-Za-z0-9+/=]+)<\/signatureInfo>(<shortAuthorizationToken>[\s\S]*<\/shortAuthorizationToken>)$/;
const BODY =
  /^<shortAuthorizationToken><sessionGUID>([^<]*)<\/sessionGUID><requestorID>([^<]*)<\/requestorID><resourceID>([^<]*)<\/resourceID><ttl>(\d{1,15})<\/ttl><issueTime>(\d{1,15})<\/issueTime><mvpdId>([^<]*)<\/mvpdId>(?:<proxyMvpdId>([^<]*)<\/proxyMvpdId>)?<\/shortAuthorizationToken>$/;

function parseBody(body: string): MediaTokenFields | undefined {
  const match = BODY.exec(body);
  if (!match) return undefined;
  const [, guid, requestor, resource, ttl, issueTime, mvpd, proxy] = match;
  return {
    sessionGUID: xmlUnescape(guid ?? ''),
    requestorID: xmlUnescape(requestor ?? ''),
    resourceID: xmlUnescape(resource ?? ''),
    ttl: Number(ttl),
    issueTime: Number(issueTime),
    mvpdId: xmlUnescape(mvpd ?? ''),
    ...(proxy !== undefined ? { proxyMvpdId: xmlUnescape(proxy) } : {}),
  };
}

/**
 * Adobe's `ITokenVerifier.isValid(resourceId)` (spec media-token.md, verify steps 1–5, 7): format,
 * signature, requestor, validity window (± skew), resource. `resource === undefined` checks only
 * signature and window. Read-only: single use is the caller's business (see playback.ts).
 */
export function verifyMediaToken(
  keys: { publicKey: KeyObject },
  token: string,
  resource: string | undefined,
  now: number,
  requestor: string,
): VerifyResult {
  if (
    typeof token !== 'string' ||
    token.length === 0 ||
    token.length > MAX_SERIALIZED_TOKEN_LENGTH ||
    !BASE64.test(token)
  ) {
    return { status: 'INVALID_TOKEN_FORMAT' };
  }
  const envelope = ENVELOPE.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!envelope) return { status: 'INVALID_TOKEN_FORMAT' };
  const [, signature = '', body = ''] = envelope;
  if (!BASE64.test(signature)) return { status: 'INVALID_TOKEN_FORMAT' };
  let signed: boolean;
  try {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(body, 'utf8');
    signed = verifier.verify(keys.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return { status: 'INVALID_SIGNATURE' };
  const fields = parseBody(body);
  if (!fields || fields.requestorID !== requestor) return { status: 'INVALID_TOKEN_FORMAT' };
  if (now < fields.issueTime - VERIFY_SKEW_MS || now > fields.issueTime + fields.ttl + VERIFY_SKEW_MS) {
    return { status: 'TOKEN_EXPIRED' };
  }
  if (resource !== undefined && resource !== fields.resourceID) return { status: 'INVALID_RESOURCE_ID' };
  return { status: 'VALID_TOKEN', ...fields };
}

/** The signed body of a well-formed envelope (signature not checked), or undefined. */
export function mediaTokenBody(token: string): string | undefined {
  if (
    typeof token !== 'string' ||
    token.length === 0 ||
    token.length > MAX_SERIALIZED_TOKEN_LENGTH ||
    !BASE64.test(token)
  ) {
    return undefined;
  }
  return ENVELOPE.exec(Buffer.from(token, 'base64').toString('utf8'))?.[2];
}

/**
 * Identity of a token for the single-use record: SHA-256 of its signed body. Hashing the body (not
 * the serialized string) means re-encodings of the same token (Base64 padding bits, a re-encoded
 * signature) count as the same token. The raw token never goes into the database.
 */
export function mediaTokenId(token: string): string | undefined {
  const body = mediaTokenBody(token);
  return body === undefined ? undefined : mediaTokenBodyId(body);
}

/** `mediaTokenId` of a token from its body alone (known before the signature is made). */
export function mediaTokenBodyId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
