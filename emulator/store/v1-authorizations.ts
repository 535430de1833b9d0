import type { Db } from './database.ts';

/**
 * AuthZ tokens of the legacy v1 API (spec clientless-v1.md #9–11): what `GET /api/v1/authorize`
 * granted, kept for its authZ TTL so `tokens/authz` can return it and `tokens/media` can issue
 * media tokens. Key: (application, device, requestor, MVPD, resource). v2 decisions are never stored.
 */
export interface AuthorizationKey {
  appId: string;
  deviceId: string;
  serviceProvider: string;
  mvpd: string;
  resource: string;
}

export interface AuthorizationRecord extends AuthorizationKey {
  notBefore: number;
  notAfter: number;
  proxyMvpd: string | null;
}

interface Row {
  app_id: string;
  device_id: string;
  service_provider: string;
  mvpd: string;
  resource: string;
  not_before: number;
  not_after: number;
  proxy_mvpd: string | null;
}

export function saveAuthorization(db: Db, record: AuthorizationRecord): void {
  db.prepare(
    `INSERT INTO v1_authorizations (app_id, device_id, service_provider, mvpd, resource, not_before, not_after, proxy_mvpd)
     VALUES (@appId, @deviceId, @serviceProvider, @mvpd, @resource, @notBefore, @notAfter, @proxyMvpd)
     ON CONFLICT (app_id, device_id, service_provider, mvpd, resource) DO UPDATE SET
       not_before = excluded.not_before, not_after = excluded.not_after, proxy_mvpd = excluded.proxy_mvpd`,
  ).run(record);
}

/** The stored authorization, expired or not. */
export function findAuthorization(db: Db, key: AuthorizationKey): AuthorizationRecord | undefined {
  const row = db
    .prepare(
      `SELECT * FROM v1_authorizations
       WHERE app_id = ? AND device_id = ? AND service_provider = ? AND mvpd = ? AND resource = ?`,
    )
    .get(key.appId, key.deviceId, key.serviceProvider, key.mvpd, key.resource) as Row | undefined;
  return row
    ? {
        appId: row.app_id,
        deviceId: row.device_id,
        serviceProvider: row.service_provider,
        mvpd: row.mvpd,
        resource: row.resource,
        notBefore: row.not_before,
        notAfter: row.not_after,
        proxyMvpd: row.proxy_mvpd,
      }
    : undefined;
}

/** Every authorization of one device (v1 logout). */
export function deleteDeviceAuthorizations(
  db: Db,
  owner: { appId: string; deviceId: string; serviceProvider: string },
): number {
  return db
    .prepare('DELETE FROM v1_authorizations WHERE app_id = ? AND device_id = ? AND service_provider = ?')
    .run(owner.appId, owner.deviceId, owner.serviceProvider).changes;
}

/** Housekeeping: forget authorizations that expired before `before` (epoch ms). */
export function deleteAuthorizationsExpiredBefore(db: Db, before: number): number {
  return db.prepare('DELETE FROM v1_authorizations WHERE not_after < ?').run(before).changes;
}
