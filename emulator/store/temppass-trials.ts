import type { Db } from './database.ts';

/**
 * TempPass trials (spec temppass.md, "Emulator state machine"). A trial belongs to one service
 * provider and one TempPass MVPD (no SSO between SPs). It is reached through two link tables:
 * device → trial and (promotional) identity hash → trial. A device reset removes device links, a
 * generic reset the trials an identity reaches (with all their links); a trial that no link reaches
 * any more is deleted.
 */
export interface TrialRecord {
  id: string;
  serviceProvider: string;
  mvpd: string;
  /** `temppass_` + 40 hex characters (profile attribute `userID`, media token user). */
  userId: string;
  firstAuthorizedAt: number;
  expiresAt: number;
  /** Resource ids in the order they were first authorized. */
  usedAssets: string[];
}

export interface TrialScope {
  serviceProvider: string;
  mvpd: string;
}

interface Row {
  trial_id: string;
  service_provider: string;
  mvpd: string;
  user_id: string;
  first_authorized_at: number;
  expires_at: number;
  used_assets: string;
}

function parseAssets(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function fromRow(row: Row): TrialRecord {
  return {
    id: row.trial_id,
    serviceProvider: row.service_provider,
    mvpd: row.mvpd,
    userId: row.user_id,
    firstAuthorizedAt: row.first_authorized_at,
    expiresAt: row.expires_at,
    usedAssets: parseAssets(row.used_assets),
  };
}

export function findTrialByDevice(db: Db, scope: TrialScope, deviceId: string): TrialRecord | undefined {
  const row = db
    .prepare(
      `SELECT t.* FROM temppass_device_links l JOIN temppass_trials t ON t.trial_id = l.trial_id
       WHERE l.service_provider = ? AND l.mvpd = ? AND l.device_id = ?`,
    )
    .get(scope.serviceProvider, scope.mvpd, deviceId) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function findTrialByIdentity(db: Db, scope: TrialScope, identity: string): TrialRecord | undefined {
  const row = db
    .prepare(
      `SELECT t.* FROM temppass_identity_links l JOIN temppass_trials t ON t.trial_id = l.trial_id
       WHERE l.service_provider = ? AND l.mvpd = ? AND l.identity_key = ?`,
    )
    .get(scope.serviceProvider, scope.mvpd, identity) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function insertTrial(db: Db, trial: TrialRecord): void {
  db.prepare(
    `INSERT INTO temppass_trials (trial_id, service_provider, mvpd, user_id, first_authorized_at, expires_at, used_assets)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    trial.id,
    trial.serviceProvider,
    trial.mvpd,
    trial.userId,
    trial.firstAuthorizedAt,
    trial.expiresAt,
    JSON.stringify(trial.usedAssets),
  );
}

export function updateUsedAssets(db: Db, trialId: string, usedAssets: string[]): void {
  db.prepare('UPDATE temppass_trials SET used_assets = ? WHERE trial_id = ?').run(
    JSON.stringify(usedAssets),
    trialId,
  );
}

/** Points a device at a trial unless it already points somewhere (first link wins). */
export function linkDevice(db: Db, scope: TrialScope, deviceId: string, trialId: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO temppass_device_links (service_provider, mvpd, device_id, trial_id) VALUES (?, ?, ?, ?)`,
  ).run(scope.serviceProvider, scope.mvpd, deviceId, trialId);
}

export function linkIdentity(db: Db, scope: TrialScope, identity: string, trialId: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO temppass_identity_links (service_provider, mvpd, identity_key, trial_id) VALUES (?, ?, ?, ?)`,
  ).run(scope.serviceProvider, scope.mvpd, identity, trialId);
}

/** Removes device links: the listed devices, or every device of the scope. Returns the count. */
export function deleteDeviceLinks(db: Db, scope: TrialScope, deviceIds: readonly string[] | 'all'): number {
  if (deviceIds === 'all') {
    return db
      .prepare('DELETE FROM temppass_device_links WHERE service_provider = ? AND mvpd = ?')
      .run(scope.serviceProvider, scope.mvpd).changes;
  }
  const statement = db.prepare(
    'DELETE FROM temppass_device_links WHERE service_provider = ? AND mvpd = ? AND device_id = ?',
  );
  return deviceIds.reduce((sum, id) => sum + statement.run(scope.serviceProvider, scope.mvpd, id).changes, 0);
}

/**
 * Removes the trials one identity key (or every key of the scope) reaches, with every link to them:
 * the identity links and the device links of those trials. Returns the links removed; the trials
 * themselves, reached by nothing any more, go with `deleteUnlinkedTrials`.
 */
export function unlinkTrialsOfIdentity(db: Db, scope: TrialScope, key: string | 'all'): number {
  const reached =
    key === 'all'
      ? db
          .prepare('SELECT trial_id FROM temppass_identity_links WHERE service_provider = ? AND mvpd = ?')
          .all(scope.serviceProvider, scope.mvpd)
      : db
          .prepare(
            'SELECT trial_id FROM temppass_identity_links WHERE service_provider = ? AND mvpd = ? AND identity_key = ?',
          )
          .all(scope.serviceProvider, scope.mvpd, key);
  const trialIds = [...new Set((reached as { trial_id: string }[]).map((row) => row.trial_id))];
  const deviceLinks = db.prepare('DELETE FROM temppass_device_links WHERE trial_id = ?');
  const identityLinks = db.prepare('DELETE FROM temppass_identity_links WHERE trial_id = ?');
  return trialIds.reduce(
    (sum, trialId) => sum + deviceLinks.run(trialId).changes + identityLinks.run(trialId).changes,
    0,
  );
}

/** Deletes the scope's trials that neither a device nor an identity reaches any more. */
export function deleteUnlinkedTrials(db: Db, scope: TrialScope): number {
  return db
    .prepare(
      `DELETE FROM temppass_trials WHERE service_provider = ? AND mvpd = ?
       AND NOT EXISTS (SELECT 1 FROM temppass_device_links d WHERE d.trial_id = temppass_trials.trial_id)
       AND NOT EXISTS (SELECT 1 FROM temppass_identity_links i WHERE i.trial_id = temppass_trials.trial_id)`,
    )
    .run(scope.serviceProvider, scope.mvpd).changes;
}

/**
 * Deletes the scope's temporary profiles that no longer derive from a live link: a temporary
 * profile stores its trial id in `username`; it stays only while its device still points at that
 * trial.
 */
export function deleteDetachedTemporaryProfiles(db: Db, scope: TrialScope): number {
  return db
    .prepare(
      `DELETE FROM profiles WHERE service_provider = ? AND mvpd = ? AND type = 'temporary'
       AND NOT EXISTS (SELECT 1 FROM temppass_device_links d
         WHERE d.service_provider = profiles.service_provider AND d.mvpd = profiles.mvpd
           AND d.device_id = profiles.device_id AND d.trial_id = profiles.username)`,
    )
    .run(scope.serviceProvider, scope.mvpd).changes;
}
