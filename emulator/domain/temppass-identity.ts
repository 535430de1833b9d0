import { createHash } from 'node:crypto';
import { PassError } from './errors.ts';

/**
 * `AP-TempPass-Identity: <base64(JSON object)>` (spec headers.md §6), needed by promotional
 * TempPass. The value under the configured key (e.g. `email`) is the user's identity hash H. It is
 * an opaque key: the app sends a SHA-256 hex, but any non-empty string up to
 * `MAX_IDENTITY_LENGTH` characters without control characters is accepted.
 */
export const MAX_IDENTITY_HEADER_LENGTH = 4096;
export const MAX_IDENTITY_LENGTH = 256;

/** Standard or URL-safe Base64, padding optional (Node decodes both alphabets). */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function decodeJsonObject(header: string): Record<string, unknown> | undefined {
  if (header.length > MAX_IDENTITY_HEADER_LENGTH || !BASE64.test(header) || header.length % 4 === 1) {
    return undefined;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(header, 'base64'));
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The identity hash of a request. Missing header, not Base64, not a JSON object, or the key absent,
 * not a string, empty, too long or with control characters → `invalid_header_identity_for_temporary_access`.
 */
export function parseTempPassIdentity(header: string | undefined, identityKey: string): string {
  const object = header === undefined ? undefined : decodeJsonObject(header.trim());
  const value = object && Object.hasOwn(object, identityKey) ? object[identityKey] : undefined;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_IDENTITY_LENGTH ||
    hasControlCharacter(value)
  ) {
    throw new PassError('invalid_header_identity_for_temporary_access');
  }
  return value;
}

/** `temppass_` + sha1hex(deviceId|identity) (spec temppass.md, emulator state machine). */
export function tempPassUserId(deviceId: string, identity: string | undefined): string {
  const input = identity === undefined ? deviceId : `${deviceId}|${identity}`;
  return `temppass_${createHash('sha1').update(input, 'utf8').digest('hex')}`;
}
