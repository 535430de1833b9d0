import type { Db } from './database.ts';

/**
 * The control plane's event log (`GET /__emulator/events`): a bounded table, newest rows kept. Each
 * row is one thing that happened to a device (a session, a code lookup, a decision, …); `data`
 * holds the event's own fields as JSON. Row ids grow by one per event, so a client can ask for what
 * came after the last id it saw.
 */
export const EVENT_LOG_CAPACITY = 2_000;

export interface EventRow {
  id: number;
  at: number;
  type: string;
  device_id: string | null;
  data: string;
}

export interface NewEventRow {
  at: number;
  type: string;
  deviceId: string | null;
  data: string;
}

/** Appends events in one transaction and drops the oldest beyond the capacity. */
export function insertEvents(db: Db, events: readonly NewEventRow[], capacity = EVENT_LOG_CAPACITY): void {
  if (events.length === 0) return;
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO events (at, type, device_id, data) VALUES (?, ?, ?, ?)');
    let lastId = 0;
    for (const event of events) {
      lastId = Number(insert.run(event.at, event.type, event.deviceId, event.data).lastInsertRowid);
    }
    db.prepare('DELETE FROM events WHERE id <= ?').run(lastId - capacity);
  })();
}

export interface EventQuery {
  deviceId?: string;
  types?: readonly string[];
  /** Only events with a larger id. */
  afterId?: number;
  limit: number;
}

/** Matching events, newest first. */
export function queryEvents(db: Db, query: EventQuery): EventRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.deviceId !== undefined) {
    where.push('device_id = ?');
    params.push(query.deviceId);
  }
  if (query.types && query.types.length > 0) {
    where.push(`type IN (${query.types.map(() => '?').join(', ')})`);
    params.push(...query.types);
  }
  if (query.afterId !== undefined) {
    where.push('id > ?');
    params.push(query.afterId);
  }
  const sql = `SELECT id, at, type, device_id, data FROM events${
    where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
  } ORDER BY id DESC LIMIT ?`;
  return db.prepare(sql).all(...params, query.limit) as EventRow[];
}
