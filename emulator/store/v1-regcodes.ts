import type { Db } from './database.ts';
import { insertSession, type SessionRecord } from './sessions.ts';

/**
 * Registration codes of the legacy v1 "reggie" service (spec clientless-v1.md #1–3). A regcode is
 * stored twice, in one transaction: as a v2 authentication session (table `sessions`, same code) so
 * the shared MVPD login machinery can run on it, and here with the v1-only fields of its record.
 */
export interface RegcodeRecord {
  code: string;
  /** The record's UUID (also the session id). */
  id: string;
  requestor: string;
  mvpd: string | null;
  /** Epoch ms. */
  generated: number;
  expires: number;
  /** The device id as sent (the record shows it Base64-encoded). */
  deviceId: string;
  /** Base64 of the normalised device-info JSON (or the value as sent when it is not JSON). */
  deviceInfo: string | null;
  userAgent: string | null;
  originalUserAgent: string | null;
  deviceType: string | null;
  deviceUser: string | null;
  /** Deprecated `appId` parameter. */
  appIdParam: string | null;
  clientId: string;
  softwareId: string;
}

interface Row {
  code: string;
  id: string;
  requestor: string;
  mvpd: string | null;
  generated: number;
  expires: number;
  device_id: string;
  device_info: string | null;
  user_agent: string | null;
  original_user_agent: string | null;
  device_type: string | null;
  device_user: string | null;
  app_id_param: string | null;
  client_id: string;
  software_id: string;
}

function fromRow(row: Row): RegcodeRecord {
  return {
    code: row.code,
    id: row.id,
    requestor: row.requestor,
    mvpd: row.mvpd,
    generated: row.generated,
    expires: row.expires,
    deviceId: row.device_id,
    deviceInfo: row.device_info,
    userAgent: row.user_agent,
    originalUserAgent: row.original_user_agent,
    deviceType: row.device_type,
    deviceUser: row.device_user,
    appIdParam: row.app_id_param,
    clientId: row.client_id,
    softwareId: row.software_id,
  };
}

export function insertRegcode(db: Db, regcode: RegcodeRecord, session: SessionRecord): void {
  db.transaction(() => {
    insertSession(db, session);
    db.prepare(
      `INSERT INTO v1_regcodes (code, id, requestor, mvpd, generated, expires, device_id, device_info, user_agent,
         original_user_agent, device_type, device_user, app_id_param, client_id, software_id)
       VALUES (@code, @id, @requestor, @mvpd, @generated, @expires, @deviceId, @deviceInfo, @userAgent,
         @originalUserAgent, @deviceType, @deviceUser, @appIdParam, @clientId, @softwareId)`,
    ).run(regcode);
  })();
}

/** The stored regcode, expired or not. */
export function findRegcode(db: Db, code: string): RegcodeRecord | undefined {
  const row = db.prepare('SELECT * FROM v1_regcodes WHERE code = ?').get(code) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

/** Removes the regcode and its session; false when there was none. */
export function deleteRegcode(db: Db, code: string): boolean {
  return db.transaction(() => {
    db.prepare('DELETE FROM sessions WHERE code = ?').run(code);
    return db.prepare('DELETE FROM v1_regcodes WHERE code = ?').run(code).changes > 0;
  })();
}

/** Housekeeping: forget regcodes (and their sessions) that expired before `before` (epoch ms). */
export function deleteRegcodesExpiredBefore(db: Db, before: number): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM sessions WHERE code IN (SELECT code FROM v1_regcodes WHERE expires < ?)').run(
      before,
    );
    return db.prepare('DELETE FROM v1_regcodes WHERE expires < ?').run(before).changes;
  })();
}
