import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Runtime state of the emulator. The seed (MVPDs, accounts, catalog) is code; everything a client
 * creates lives here and survives a restart. WAL + synchronous=FULL: an acknowledged write is on disk.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
  client_id TEXT PRIMARY KEY,
  client_secret TEXT NOT NULL,
  software_id TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
  code TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  service_provider TEXT NOT NULL,
  app_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_info TEXT,
  user_agent TEXT,
  ip_address TEXT,
  mvpd TEXT,
  domain_name TEXT,
  redirect_url TEXT,
  not_before INTEGER NOT NULL,
  not_after INTEGER NOT NULL,
  authenticated_at INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_device ON sessions (device_id);
CREATE TABLE IF NOT EXISTS profiles (
  app_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  type TEXT NOT NULL,
  issuer TEXT NOT NULL,
  username TEXT NOT NULL,
  not_before INTEGER NOT NULL,
  not_after INTEGER NOT NULL,
  attributes TEXT NOT NULL,
  session_code TEXT,
  PRIMARY KEY (app_id, device_id, service_provider, mvpd)
);
CREATE INDEX IF NOT EXISTS profiles_code ON profiles (session_code);
CREATE TABLE IF NOT EXISTS login_flows (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  csrf TEXT NOT NULL,
  step TEXT NOT NULL,
  username TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS playbacks (
  token_hash TEXT PRIMARY KEY,
  resource TEXT NOT NULL,
  holder TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS temppass_trials (
  trial_id TEXT PRIMARY KEY,
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  user_id TEXT NOT NULL,
  first_authorized_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_assets TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS temppass_device_links (
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  device_id TEXT NOT NULL,
  trial_id TEXT NOT NULL,
  PRIMARY KEY (service_provider, mvpd, device_id)
);
CREATE TABLE IF NOT EXISTS temppass_identity_links (
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  identity_key TEXT NOT NULL,
  trial_id TEXT NOT NULL,
  PRIMARY KEY (service_provider, mvpd, identity_key)
);
CREATE INDEX IF NOT EXISTS temppass_device_links_trial ON temppass_device_links (trial_id);
CREATE INDEX IF NOT EXISTS temppass_identity_links_trial ON temppass_identity_links (trial_id);
CREATE TABLE IF NOT EXISTS v1_regcodes (
  code TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  requestor TEXT NOT NULL,
  mvpd TEXT,
  generated INTEGER NOT NULL,
  expires INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  device_info TEXT,
  user_agent TEXT,
  original_user_agent TEXT,
  device_type TEXT,
  device_user TEXT,
  app_id_param TEXT,
  client_id TEXT NOT NULL,
  software_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS v1_authorizations (
  app_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  resource TEXT NOT NULL,
  not_before INTEGER NOT NULL,
  not_after INTEGER NOT NULL,
  proxy_mvpd TEXT,
  PRIMARY KEY (app_id, device_id, service_provider, mvpd, resource)
);
CREATE TABLE IF NOT EXISTS v1_freepreviews (
  app_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  service_provider TEXT NOT NULL,
  mvpd TEXT NOT NULL,
  identity_header TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, device_id, service_provider, mvpd)
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  device_id TEXT,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_device ON events (device_id);
`;

/** Tables that hold what clients created; a reset empties them (meta keeps the signing key). */
export const RUNTIME_TABLES = [
  'clients',
  'sessions',
  'profiles',
  'login_flows',
  'playbacks',
  'temppass_trials',
  'temppass_device_links',
  'temppass_identity_links',
  'v1_regcodes',
  'v1_authorizations',
  'v1_freepreviews',
  'events',
] as const;
export type RuntimeTable = (typeof RUNTIME_TABLES)[number];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  cachePreparedStatements(db);
  return db;
}

/**
 * Every `db.prepare(sql)` of the same SQL returns one compiled statement: the stores prepare their
 * SQL where they use it, and compiling it again on every request cost about a tenth of the
 * emulator's time under load (scripts/bench). Statements are never iterated, so sharing is safe.
 */
function cachePreparedStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as typeof db.prepare;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function clearRuntimeState(db: Db): void {
  db.transaction(() => {
    for (const table of RUNTIME_TABLES) db.exec(`DELETE FROM ${table}`);
    db.prepare("DELETE FROM meta WHERE key <> 'signing_key'").run();
  })();
}

/** What a device reset removed, by table. */
export type DeviceStateRemoved = Record<
  | 'sessions'
  | 'loginFlows'
  | 'profiles'
  | 'playbacks'
  | 'tempPassDeviceLinks'
  | 'tempPassTrials'
  | 'v1Regcodes'
  | 'v1Authorizations'
  | 'v1Freepreviews'
  | 'events',
  number
>;

/**
 * Removes one device's runtime state (the decoded AP-Device-Identifier / v1 `deviceId`), in one
 * transaction: its sessions and regcodes with their login flows, its profiles, v1 authorizations
 * and free-preview choices, its TempPass device links (a trial goes only when no other device and no
 * identity points at it any more), the playbacks opened with media tokens issued to it (as far as
 * the event log still remembers them) and its events. Clients and other devices stay.
 */
export function clearDeviceState(db: Db, deviceId: string): DeviceStateRemoved {
  return db.transaction((): DeviceStateRemoved => {
    const run = (sql: string) => db.prepare(sql).run(deviceId).changes;
    const loginFlows = run(
      'DELETE FROM login_flows WHERE code IN (SELECT code FROM sessions WHERE device_id = ?)',
    );
    const playbacks = run(
      `DELETE FROM playbacks WHERE token_hash IN (SELECT json_extract(data, '$.tokenId') FROM events
         WHERE type = 'media-token' AND device_id = ?)`,
    );
    const removed: DeviceStateRemoved = {
      sessions: run('DELETE FROM sessions WHERE device_id = ?'),
      loginFlows,
      profiles: run('DELETE FROM profiles WHERE device_id = ?'),
      playbacks,
      tempPassDeviceLinks: run('DELETE FROM temppass_device_links WHERE device_id = ?'),
      tempPassTrials: db
        .prepare(
          `DELETE FROM temppass_trials
           WHERE NOT EXISTS (SELECT 1 FROM temppass_device_links d WHERE d.trial_id = temppass_trials.trial_id)
             AND NOT EXISTS (SELECT 1 FROM temppass_identity_links i WHERE i.trial_id = temppass_trials.trial_id)`,
        )
        .run().changes,
      v1Regcodes: run('DELETE FROM v1_regcodes WHERE device_id = ?'),
      v1Authorizations: run('DELETE FROM v1_authorizations WHERE device_id = ?'),
      v1Freepreviews: run('DELETE FROM v1_freepreviews WHERE device_id = ?'),
      events: run('DELETE FROM events WHERE device_id = ?'),
    };
    return removed;
  })();
}
