import type { DeviceInfo } from '../domain/device.ts';
import type { Db } from './database.ts';

/** Authentication sessions, keyed by their (upper-case) code (spec sessions.md §6). */
export interface SessionRecord {
  code: string;
  sessionId: string;
  serviceProvider: string;
  /** software_id of the app that created the session: profiles are bound to it. */
  appId: string;
  clientId: string;
  deviceId: string;
  deviceInfo: DeviceInfo | undefined;
  userAgent: string | null;
  ipAddress: string | null;
  mvpd: string | null;
  domainName: string | null;
  redirectUrl: string | null;
  notBefore: number;
  notAfter: number;
  authenticatedAt: number | null;
}

export interface SessionParams {
  mvpd: string | null;
  domainName: string | null;
  redirectUrl: string | null;
}

interface Row {
  code: string;
  session_id: string;
  service_provider: string;
  app_id: string;
  client_id: string;
  device_id: string;
  device_info: string | null;
  user_agent: string | null;
  ip_address: string | null;
  mvpd: string | null;
  domain_name: string | null;
  redirect_url: string | null;
  not_before: number;
  not_after: number;
  authenticated_at: number | null;
}

function parseDeviceInfo(text: string | null): DeviceInfo | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as DeviceInfo)
      : undefined;
  } catch {
    return undefined;
  }
}

function fromRow(row: Row): SessionRecord {
  return {
    code: row.code,
    sessionId: row.session_id,
    serviceProvider: row.service_provider,
    appId: row.app_id,
    clientId: row.client_id,
    deviceId: row.device_id,
    deviceInfo: parseDeviceInfo(row.device_info),
    userAgent: row.user_agent,
    ipAddress: row.ip_address,
    mvpd: row.mvpd,
    domainName: row.domain_name,
    redirectUrl: row.redirect_url,
    notBefore: row.not_before,
    notAfter: row.not_after,
    authenticatedAt: row.authenticated_at,
  };
}

export function insertSession(db: Db, session: SessionRecord): void {
  db.prepare(
    `INSERT INTO sessions (code, session_id, service_provider, app_id, client_id, device_id, device_info, user_agent,
       ip_address, mvpd, domain_name, redirect_url, not_before, not_after, authenticated_at)
     VALUES (@code, @sessionId, @serviceProvider, @appId, @clientId, @deviceId, @deviceInfo, @userAgent,
       @ipAddress, @mvpd, @domainName, @redirectUrl, @notBefore, @notAfter, @authenticatedAt)`,
  ).run({ ...session, deviceInfo: session.deviceInfo ? JSON.stringify(session.deviceInfo) : null });
}

/** The stored session, expired or not. */
export function findSession(db: Db, code: string): SessionRecord | undefined {
  const row = db.prepare('SELECT * FROM sessions WHERE code = ?').get(code) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function codeExists(db: Db, code: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE code = ?').get(code) !== undefined;
}

export function updateSessionParams(db: Db, code: string, params: SessionParams): void {
  db.prepare('UPDATE sessions SET mvpd = ?, domain_name = ?, redirect_url = ? WHERE code = ?').run(
    params.mvpd,
    params.domainName,
    params.redirectUrl,
    code,
  );
}

export function markSessionAuthenticated(db: Db, code: string, at: number): void {
  db.prepare('UPDATE sessions SET authenticated_at = ? WHERE code = ?').run(at, code);
}

/** Housekeeping: forget sessions that expired before `before` (epoch ms). */
export function deleteSessionsExpiredBefore(db: Db, before: number): number {
  return db.prepare('DELETE FROM sessions WHERE not_after < ?').run(before).changes;
}
