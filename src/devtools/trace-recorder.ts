import type { PassExchange } from '../pass/transport';
import { attachTraceSink, TRACE_LIMIT } from './trace-tap';

export { TRACE_LIMIT };

/**
 * The API-trace recorder: a ring buffer of the Pass client's HTTP attempts. It loads with the drawer
 * (the page's initial JS has only `trace-tap.ts`, which holds the attempts until this attaches); no
 * React, no masking (the drawer masks when it renders). Bodies are truncated; the buffer keeps the
 * last `limit` calls.
 *
 * Everything here lives in memory only, like the client's own secrets (never in browser storage).
 */

/** One recorded attempt, as the client saw it (secrets NOT masked). */
export interface TraceEntry extends PassExchange {
  /** Increasing id, unique for this page load. */
  id: number;
  /** Epoch ms when the attempt started. */
  startedAt: number;
  /** Original length (characters) of a body that was cut at `maxBodyChars`; absent when whole. */
  requestBodyLength?: number;
  responseBodyLength?: number;
}

export interface TraceRecorder {
  /** One attempt; `endedAt` (epoch ms) defaults to now. */
  record(exchange: PassExchange, endedAt?: number): void;
  /** Recorded calls, oldest first; the same array until something changes. */
  getSnapshot(): readonly TraceEntry[];
  /** Listen for changes (`useSyncExternalStore`); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  clear(): void;
  readonly limit: number;
  readonly maxBodyChars: number;
}

export interface TraceRecorderOptions {
  /** Calls kept (oldest dropped first). */
  limit?: number;
  /** Bodies longer than this are truncated. */
  maxBodyChars?: number;
  now?: () => number;
}

export const TRACE_MAX_BODY_CHARS = 64 * 1024;

export function createTraceRecorder(options: TraceRecorderOptions = {}): TraceRecorder {
  const limit = Math.max(1, options.limit ?? TRACE_LIMIT);
  const maxBody = options.maxBodyChars ?? TRACE_MAX_BODY_CHARS;
  const now = options.now ?? Date.now;
  const ring: (TraceEntry | undefined)[] = new Array<TraceEntry | undefined>(limit);
  let next = 0;
  let count = 0;
  let nextId = 1;
  let snapshot: readonly TraceEntry[] | null = [];
  const listeners = new Set<() => void>();

  const changed = () => {
    snapshot = null;
    for (const listener of listeners) listener();
  };

  return {
    limit,
    maxBodyChars: maxBody,
    record(exchange, endedAt = now()) {
      const entry: TraceEntry = { ...exchange, id: nextId++, startedAt: endedAt - exchange.durationMs };
      const request = exchange.requestBody;
      if (request !== undefined && request.length > maxBody) {
        entry.requestBody = request.slice(0, maxBody);
        entry.requestBodyLength = request.length;
      }
      const response = exchange.responseBody;
      if (response !== undefined && response.length > maxBody) {
        entry.responseBody = response.slice(0, maxBody);
        entry.responseBodyLength = response.length;
      }
      ring[next] = entry;
      next = (next + 1) % limit;
      count = Math.min(count + 1, limit);
      changed();
    },
    getSnapshot() {
      if (snapshot) return snapshot;
      const list: TraceEntry[] = [];
      for (let i = 0; i < count; i += 1) {
        const entry = ring[(next - count + i + limit) % limit];
        if (entry) list.push(entry);
      }
      snapshot = list;
      return list;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      ring.fill(undefined);
      next = 0;
      count = 0;
      changed();
    },
  };
}

/** The page's one recorder: it takes over from the tap (`recordExchange`, the client's `onExchange`). */
export const traceRecorder: TraceRecorder = createTraceRecorder();
attachTraceSink((exchange, endedAt) => traceRecorder.record(exchange, endedAt));
