import type { Db } from './database.ts';

/**
 * Media tokens that opened a playback (single use, spec media-token.md verify step 6). Keyed by a
 * SHA-256 of the serialized token; `holder` is the playback cookie of the client that used it first.
 */
export interface PlaybackRecord {
  tokenHash: string;
  resource: string;
  holder: string;
  claimedAt: number;
  expiresAt: number;
}

interface Row {
  token_hash: string;
  resource: string;
  holder: string;
  claimed_at: number;
  expires_at: number;
}

export function findPlayback(db: Db, tokenHash: string): PlaybackRecord | undefined {
  const row = db.prepare('SELECT * FROM playbacks WHERE token_hash = ?').get(tokenHash) as Row | undefined;
  return row
    ? {
        tokenHash: row.token_hash,
        resource: row.resource,
        holder: row.holder,
        claimedAt: row.claimed_at,
        expiresAt: row.expires_at,
      }
    : undefined;
}

/** Records the first use; false when the token was already claimed (by anyone). */
export function claimPlayback(db: Db, record: PlaybackRecord): boolean {
  return (
    db
      .prepare(
        `INSERT INTO playbacks (token_hash, resource, holder, claimed_at, expires_at)
         VALUES (@tokenHash, @resource, @holder, @claimedAt, @expiresAt)
         ON CONFLICT (token_hash) DO NOTHING`,
      )
      .run(record).changes > 0
  );
}

/** Drops records whose token (plus grace) is over; such tokens fail verification anyway. */
export function purgeExpiredPlaybacks(db: Db, now: number): number {
  return db.prepare('DELETE FROM playbacks WHERE expires_at <= ?').run(now).changes;
}
