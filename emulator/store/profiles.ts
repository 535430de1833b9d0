import type { Db } from './database.ts';

/**
 * Profiles (spec profiles.md). Key: (application, device, service provider, MVPD). The application
 * is the registered software statement's `software_id`, not one client-credential pair: a browser
 * app that keeps its DCR credentials in memory only re-registers on reload and must still find its
 * profile (choice documented in the README).
 */
export type ProfileType =
  'regular' | 'temporary' | 'degraded' | 'appleSSO' | 'platformSSO' | 'serviceTokenSSO';

export interface ProfileAttribute {
  value: unknown;
  state: 'plain' | 'enc';
}

export interface ProfileRecord {
  appId: string;
  deviceId: string;
  serviceProvider: string;
  mvpd: string;
  type: ProfileType;
  issuer: string;
  username: string;
  notBefore: number;
  notAfter: number;
  attributes: Record<string, ProfileAttribute>;
  sessionCode: string | null;
}

export interface ProfileKey {
  appId: string;
  deviceId: string;
  serviceProvider: string;
  mvpd: string;
}

interface Row {
  app_id: string;
  device_id: string;
  service_provider: string;
  mvpd: string;
  type: ProfileType;
  issuer: string;
  username: string;
  not_before: number;
  not_after: number;
  attributes: string;
  session_code: string | null;
}

function fromRow(row: Row): ProfileRecord {
  return {
    appId: row.app_id,
    deviceId: row.device_id,
    serviceProvider: row.service_provider,
    mvpd: row.mvpd,
    type: row.type,
    issuer: row.issuer,
    username: row.username,
    notBefore: row.not_before,
    notAfter: row.not_after,
    attributes: JSON.parse(row.attributes) as Record<string, ProfileAttribute>,
    sessionCode: row.session_code,
  };
}

export function saveProfile(db: Db, profile: ProfileRecord): void {
  db.prepare(
    `INSERT INTO profiles (app_id, device_id, service_provider, mvpd, type, issuer, username, not_before, not_after, attributes, session_code)
     VALUES (@appId, @deviceId, @serviceProvider, @mvpd, @type, @issuer, @username, @notBefore, @notAfter, @attributes, @sessionCode)
     ON CONFLICT (app_id, device_id, service_provider, mvpd) DO UPDATE SET
       type = excluded.type, issuer = excluded.issuer, username = excluded.username, not_before = excluded.not_before,
       not_after = excluded.not_after, attributes = excluded.attributes, session_code = excluded.session_code`,
  ).run({ ...profile, attributes: JSON.stringify(profile.attributes) });
}

/** The stored profile, expired or not; callers decide what expiry means for them. */
export function findProfile(db: Db, key: ProfileKey): ProfileRecord | undefined {
  const row = db
    .prepare(
      'SELECT * FROM profiles WHERE app_id = ? AND device_id = ? AND service_provider = ? AND mvpd = ?',
    )
    .get(key.appId, key.deviceId, key.serviceProvider, key.mvpd) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function listProfiles(
  db: Db,
  appId: string,
  deviceId: string,
  serviceProvider: string,
): ProfileRecord[] {
  const rows = db
    .prepare(
      'SELECT * FROM profiles WHERE app_id = ? AND device_id = ? AND service_provider = ? ORDER BY mvpd',
    )
    .all(appId, deviceId, serviceProvider) as Row[];
  return rows.map(fromRow);
}

export function findProfileBySessionCode(db: Db, code: string): ProfileRecord | undefined {
  const row = db.prepare('SELECT * FROM profiles WHERE session_code = ?').get(code) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function deleteProfile(db: Db, key: ProfileKey): boolean {
  return (
    db
      .prepare(
        'DELETE FROM profiles WHERE app_id = ? AND device_id = ? AND service_provider = ? AND mvpd = ?',
      )
      .run(key.appId, key.deviceId, key.serviceProvider, key.mvpd).changes > 0
  );
}
