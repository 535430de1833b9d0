import type { MvpdProfile } from '../pass';

/** Why a free pass no longer opens titles; Adobe's exact codes (temppass.md, "Error codes"). */
export type TempPassLimit = 'duration' | 'resources';

export const TEMPPASS_LIMIT_CODES: Readonly<Record<TempPassLimit, string>> = {
  duration: 'temporary_access_duration_limit_exceeded',
  resources: 'temporary_access_resources_limit_exceeded',
};

/** The limit an error code reports, from a profile's top-level 403 or a decision item's error. */
export function tempPassLimitOf(code: string | undefined): TempPassLimit | null {
  if (code === TEMPPASS_LIMIT_CODES.duration) return 'duration';
  if (code === TEMPPASS_LIMIT_CODES.resources) return 'resources';
  return null;
}

/** What the app reads from a temporary profile. */
export interface TempPassProfileView {
  notBefore: number;
  /** When the pass ends (epoch ms): `expiration_date`, else `notAfter`. */
  expiresAt: number;
  /** The pass's length as the profile states it (`expiresAt - notBefore`). */
  ttlMs: number;
  /** Promotional only: titles that can still be started. */
  remainingResources: number | null;
  /** Promotional only: resource ids already watched (they can be watched again). */
  usedAssets: string[];
}

function plainValue(profile: MvpdProfile, key: string): unknown {
  const attribute = profile.attributes[key];
  return attribute && attribute.state === 'plain' ? attribute.value : undefined;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/**
 * End of the pass: the `expiration_date` attribute (epoch ms) when readable, else the profile's
 * `notAfter` (the emulator sets both to first authorization + TTL; one Adobe sample sets
 * `expiration_date` to `notBefore`, so a date not after `notBefore` is not trusted).
 */
export function tempPassExpiry(profile: MvpdProfile): number {
  const expiration = asNumber(plainValue(profile, 'expiration_date'));
  return expiration !== null && expiration > profile.notBefore ? expiration : profile.notAfter;
}

export function readTempPassProfile(profile: MvpdProfile): TempPassProfileView {
  const expiresAt = tempPassExpiry(profile);
  const used = plainValue(profile, 'used_assets');
  return {
    notBefore: profile.notBefore,
    expiresAt,
    ttlMs: Math.max(0, expiresAt - profile.notBefore),
    remainingResources: asNumber(plainValue(profile, 'remaining_resources')),
    usedAssets: Array.isArray(used) ? used.filter((item): item is string => typeof item === 'string') : [],
  };
}

/** Time left until `expiresAt` on this device's clock; never negative. */
export function timeLeftMs(expiresAt: number, now: number): number {
  return Number.isFinite(expiresAt) ? Math.max(0, expiresAt - now) : 0;
}

/**
 * Before the first authorization Adobe answers with a profile made up at request time
 * (`notBefore` = now), without starting the clock. A profile whose `notBefore` is older than this
 * when it arrives describes a pass that has started.
 */
export const SYNTHESIZED_PROFILE_TOLERANCE_MS = 30_000;

/**
 * Whether the pass's clock is running: this app saw a permit for it, titles were used (promotional),
 * or the profile's start lies clearly in the past.
 */
export function hasTrialStarted(
  view: TempPassProfileView,
  receivedAt: number,
  startedHere: boolean,
): boolean {
  return (
    startedHere ||
    view.usedAssets.length > 0 ||
    receivedAt - view.notBefore > SYNTHESIZED_PROFILE_TOLERANCE_MS
  );
}

/** "10 minutes", "1 hour", "24 hours", "90 minutes". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
