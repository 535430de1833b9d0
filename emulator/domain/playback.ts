import type { EmulatorContext } from '../context.ts';
import { claimPlayback, findPlayback, purgeExpiredPlaybacks } from '../store/playbacks.ts';
import { mediaTokenId, verifyMediaToken, type VerifierStatus } from './media-token.ts';

/**
 * The programmer's protected origin (spec media-token.md: "validate before releasing the stream";
 * single use). A valid media token opens ONE playback: the first client presenting it becomes its
 * holder (identified by a playback cookie). The holder may keep fetching (range requests) with the
 * same token even after the token's `notAfter` — expiry mid-play must not stop playback — until
 * the grace period below. Anyone else presenting the token is refused.
 */

/** How long after the token's own expiry its holder may keep streaming with it. */
export const PLAYBACK_GRACE_MS = 4 * 3_600_000;

/** Format of the playback cookie value: 128 random bits, hex. */
export const HOLDER_PATTERN = /^[0-9a-f]{32}$/;

export type PlaybackDenial = Exclude<VerifierStatus, 'VALID_TOKEN'> | 'TOKEN_ALREADY_USED';

export type PlaybackResult =
  { ok: true; holder: string; claimed: boolean } | { ok: false; status: PlaybackDenial };

export interface PlaybackRequest {
  token: string | undefined;
  /** The resource id of the requested stream. */
  resource: string;
  /** The caller's playback cookie, if any (already format-checked or not: checked here). */
  holder: string | undefined;
}

export function newHolderId(context: EmulatorContext): string {
  return context.random.hex(16);
}

export function openPlayback(context: EmulatorContext, request: PlaybackRequest): PlaybackResult {
  const token = request.token ?? '';
  const tokenHash = mediaTokenId(token);
  if (tokenHash === undefined) return { ok: false, status: 'INVALID_TOKEN_FORMAT' };
  const now = context.clock.now();
  const holder =
    request.holder !== undefined && HOLDER_PATTERN.test(request.holder) ? request.holder : undefined;
  purgeExpiredPlaybacks(context.db, now);
  const existing = findPlayback(context.db, tokenHash);

  // The holder continues its playback: no time check (the record's expiry bounds it).
  if (existing && holder !== undefined && existing.holder === holder) {
    return existing.resource === request.resource
      ? { ok: true, holder, claimed: false }
      : { ok: false, status: 'INVALID_RESOURCE_ID' };
  }

  const verdict = verifyMediaToken(context.keys, token, request.resource, now, context.seed.serviceProvider);
  if (verdict.status !== 'VALID_TOKEN') return { ok: false, status: verdict.status };
  if (existing) return { ok: false, status: 'TOKEN_ALREADY_USED' };

  const owner = holder ?? newHolderId(context);
  const claimed = claimPlayback(context.db, {
    tokenHash,
    resource: request.resource,
    holder: owner,
    claimedAt: now,
    expiresAt: verdict.issueTime + verdict.ttl + PLAYBACK_GRACE_MS,
  });
  return claimed ? { ok: true, holder: owner, claimed: true } : { ok: false, status: 'TOKEN_ALREADY_USED' };
}
