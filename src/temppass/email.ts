import { sha256Hex, type DigestCrypto } from './sha256';

/**
 * The promotional TempPass identity is a hash of the viewer's email (Adobe stores no PII). The same
 * address must always give the same hash, on every device: trim it and lower-case it first.
 */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** RFC 5321's limit on a forward path; nobody types more. */
export const EMAIL_MAX_LENGTH = 254;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * What is wrong with a typed address, as a sentence that says what to do; `null` when it is usable.
 * Deliberately loose (no mail provider would agree with a strict RFC 5322 parser anyway).
 */
export function emailProblem(raw: string): string | null {
  const email = normalizeEmail(raw);
  if (email === '') return 'Enter your email address.';
  if (email.length > EMAIL_MAX_LENGTH) return 'That email address is too long. Check it and try again.';
  if (!EMAIL_SHAPE.test(email)) return 'Enter an email address like name@example.com.';
  return null;
}

/** SHA-256 hex of the normalised address: the value sent under `email` in `AP-TempPass-Identity`. */
export function hashEmail(
  raw: string,
  cryptoImpl: DigestCrypto | null = globalThis.crypto ?? null,
): Promise<string> {
  return sha256Hex(normalizeEmail(raw), cryptoImpl);
}
