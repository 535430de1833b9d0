import { clampPollInterval, POLL_DEFAULT_MS } from '../../queries/profile-by-code';

/** MVPD ids are short identifiers; anything else in `?mvpd=` is ignored (the phone picks then). */
const MVPD_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function mvpdFromParam(value: string | null): string | null {
  return value !== null && MVPD_ID.test(value) ? value : null;
}

/** `?poll=<seconds>`: polling interval in ms, clamped to 3–15 s; 5 s when absent or not a number. */
export function pollIntervalFromParam(value: string | null): number {
  if (value === null || value.trim() === '') return POLL_DEFAULT_MS;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? clampPollInterval(seconds * 1000) : POLL_DEFAULT_MS;
}

/** The second-screen URL shown (and encoded in the QR code) next to a code. */
export function activationUrl(origin: string, code: string): string {
  return `${origin}/activate?code=${encodeURIComponent(code)}`;
}

/** Where the MVPD login ends on the second screen. */
export function activationDoneUrl(origin: string): string {
  return `${origin}/activate/done`;
}

/**
 * The code's end on this device's clock: the session's validity window (`notAfter - notBefore`)
 * counted from when this device asked for it, so a skewed device clock cannot shorten or stretch
 * it. Falls back to `notAfter` as sent.
 */
export function localExpiry(
  session: { notBefore?: string; notAfter?: string },
  requestedAt: number,
): number | undefined {
  const notAfter = session.notAfter === undefined ? NaN : Number(session.notAfter);
  const notBefore = session.notBefore === undefined ? NaN : Number(session.notBefore);
  if (!Number.isFinite(notAfter)) return undefined;
  if (!Number.isFinite(notBefore) || notAfter <= notBefore || requestedAt <= 0) return notAfter;
  return requestedAt + (notAfter - notBefore);
}
