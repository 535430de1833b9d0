import { PassError } from './errors.ts';

/**
 * Device headers (spec headers.md §3, §4).
 * `AP-Device-Identifier: fingerprint <standard base64>`; the decoded string is the device key.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parseDeviceIdentifier(header: string | undefined): string {
  if (!header) throw new PassError('invalid_header_device_identifier');
  const match = /^(\S+) (\S+)$/.exec(header.trim());
  if (!match || match[1] !== 'fingerprint' || !BASE64.test(match[2] ?? '')) {
    throw new PassError('invalid_header_device_identifier');
  }
  const decoded = Buffer.from(match[2] ?? '', 'base64').toString('utf8');
  if (
    decoded.length === 0 ||
    decoded.length > 512 ||
    decoded.includes('\uFFFD') ||
    hasControlCharacter(decoded)
  ) {
    throw new PassError('invalid_header_device_identifier');
  }
  return decoded;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

export type DeviceInfo = Record<string, unknown>;

/**
 * Base64 in any of its usual spellings: standard or URL-safe alphabet, padded or not (a length of
 * 4n + 1 is never Base64).
 */
const LENIENT_BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function isLenientBase64(value: string): boolean {
  return LENIENT_BASE64.test(value) && value.replace(/=+$/, '').length % 4 !== 1;
}

/**
 * `X-Device-Info: <base64 JSON>`. Absent is allowed (browsers may omit it). Only a value that is not
 * Base64 at all is rejected (unpadded and URL-safe forms are accepted); Base64 that does not decode
 * to a JSON object is tolerated and ignored, as Adobe's own sample header holds invalid JSON (spec
 * headers.md §4, inferred).
 */
export function parseDeviceInfo(header: string | undefined): DeviceInfo | undefined {
  if (header === undefined || header === '') return undefined;
  const value = header.trim();
  if (value.length > 8192 || !isLenientBase64(value)) throw new PassError('invalid_header_device_info');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as DeviceInfo)
      : undefined;
  } catch {
    return undefined;
  }
}
