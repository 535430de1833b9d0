import type { Db } from './database.ts';

/**
 * TempPass "authentications" of the legacy v1 API (`POST /api/v1/authenticate/freepreview`, spec
 * clientless-v1.md #16). The trial itself (clock, used resources) is the shared TempPass state
 * (store/temppass-trials.ts); this row only says that the v1 device chose TempPass, when, and with
 * which promotional identity (kept as an `AP-TempPass-Identity` header value).
 */
export interface FreepreviewRecord {
  appId: string;
  deviceId: string;
  serviceProvider: string;
  mvpd: string;
  identityHeader: string | null;
  createdAt: number;
}

interface Row {
  app_id: string;
  device_id: string;
  service_provider: string;
  mvpd: string;
  identity_header: string | null;
  created_at: number;
}

export function saveFreepreview(db: Db, record: FreepreviewRecord): void {
  db.prepare(
    `INSERT INTO v1_freepreviews (app_id, device_id, service_provider, mvpd, identity_header, created_at)
     VALUES (@appId, @deviceId, @serviceProvider, @mvpd, @identityHeader, @createdAt)
     ON CONFLICT (app_id, device_id, service_provider, mvpd) DO UPDATE SET
       identity_header = excluded.identity_header, created_at = excluded.created_at`,
  ).run(record);
}

export function listFreepreviews(
  db: Db,
  owner: { appId: string; deviceId: string; serviceProvider: string },
): FreepreviewRecord[] {
  const rows = db
    .prepare(
      'SELECT * FROM v1_freepreviews WHERE app_id = ? AND device_id = ? AND service_provider = ? ORDER BY mvpd',
    )
    .all(owner.appId, owner.deviceId, owner.serviceProvider) as Row[];
  return rows.map((row) => ({
    appId: row.app_id,
    deviceId: row.device_id,
    serviceProvider: row.service_provider,
    mvpd: row.mvpd,
    identityHeader: row.identity_header,
    createdAt: row.created_at,
  }));
}

export function deleteDeviceFreepreviews(
  db: Db,
  owner: { appId: string; deviceId: string; serviceProvider: string },
): number {
  return db
    .prepare('DELETE FROM v1_freepreviews WHERE app_id = ? AND device_id = ? AND service_provider = ?')
    .run(owner.appId, owner.deviceId, owner.serviceProvider).changes;
}
