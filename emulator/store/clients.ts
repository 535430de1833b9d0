import type { Db } from './database.ts';

/** Registered DCR clients (spec dcr.md §1). Credentials live forever unless revoked. */
export interface ClientRecord {
  clientId: string;
  clientSecret: string;
  softwareId: string;
  redirectUris: string[];
  scopes: string[];
  /** Epoch milliseconds (the API answers seconds). */
  issuedAt: number;
  revoked: boolean;
}

interface Row {
  client_id: string;
  client_secret: string;
  software_id: string;
  redirect_uris: string;
  scopes: string;
  issued_at: number;
  revoked: number;
}

function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function fromRow(row: Row): ClientRecord {
  return {
    clientId: row.client_id,
    clientSecret: row.client_secret,
    softwareId: row.software_id,
    redirectUris: parseList(row.redirect_uris),
    scopes: parseList(row.scopes),
    issuedAt: row.issued_at,
    revoked: row.revoked !== 0,
  };
}

export function insertClient(db: Db, client: ClientRecord): void {
  db.prepare(
    `INSERT INTO clients (client_id, client_secret, software_id, redirect_uris, scopes, issued_at, revoked)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    client.clientId,
    client.clientSecret,
    client.softwareId,
    JSON.stringify(client.redirectUris),
    JSON.stringify(client.scopes),
    client.issuedAt,
    client.revoked ? 1 : 0,
  );
}

export function findClient(db: Db, clientId: string): ClientRecord | undefined {
  const row = db.prepare('SELECT * FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

/**
 * Admin hook (spec dcr.md §5): a revoked client gets 401 on the APIs, 403 on the management API and
 * `invalid_client` on /token.
 */
export function revokeClient(db: Db, clientId: string): boolean {
  return db.prepare('UPDATE clients SET revoked = 1 WHERE client_id = ?').run(clientId).changes > 0;
}

/** Revokes every client registered with one software statement; returns how many there were. */
export function revokeClientsOfSoftware(db: Db, softwareId: string): number {
  return db.prepare('UPDATE clients SET revoked = 1 WHERE software_id = ?').run(softwareId).changes;
}
