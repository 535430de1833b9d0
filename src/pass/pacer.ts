import type { Sleep } from './transport';

/**
 * Client-side pacing so one device never exceeds Adobe's throttle (1 request/s after a one-time
 * burst; throttling.md): a token bucket that makes a request wait for a token instead of drawing a
 * 429. The server allows 11 in a burst; we keep one spare for the browser's own authenticate hop.
 */
export interface PacerState {
  tokens: number;
  updatedAt: number;
}

/** Where the bucket lives between page loads (it is not secret); in memory when omitted. */
export interface PacerStore {
  load(): PacerState | null;
  save(state: PacerState): void;
}

export interface RequestPacer {
  /**
   * Resolves when the next request may go out. With `signal`: a request given up while it waits
   * rejects with the signal's reason when its turn comes and spends no token, so the next in line
   * takes the token it was waiting for.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The server said 429: our bucket is empty too. */
  throttled(): void;
}

export interface PacerOptions {
  now: () => number;
  sleep: Sleep;
  capacity?: number;
  refillPerSecond?: number;
  store?: PacerStore;
}

export const PACER_CAPACITY = 10;

export function createRequestPacer(options: PacerOptions): RequestPacer {
  const capacity = options.capacity ?? PACER_CAPACITY;
  const perMs = (options.refillPerSecond ?? 1) / 1000;
  let memory: PacerState | null = null;
  const load = () => options.store?.load() ?? memory;
  const save = (state: PacerState) => {
    memory = state;
    options.store?.save(state);
  };
  const current = (): PacerState => {
    const now = options.now();
    const stored = load();
    if (!stored || !Number.isFinite(stored.tokens) || stored.updatedAt > now)
      return { tokens: capacity, updatedAt: now };
    return { tokens: Math.min(capacity, stored.tokens + (now - stored.updatedAt) * perMs), updatedAt: now };
  };
  // One acquisition at a time, so concurrent callers queue fairly instead of racing for tokens.
  let queue: Promise<void> = Promise.resolve();

  return {
    acquire(signal) {
      const turn = queue.then(async () => {
        for (;;) {
          // Given up (say, its query was cancelled): leave the line without spending a token.
          signal?.throwIfAborted();
          const state = current();
          if (state.tokens >= 1) {
            save({ tokens: state.tokens - 1, updatedAt: state.updatedAt });
            return;
          }
          await options.sleep(Math.ceil((1 - state.tokens) / perMs));
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    throttled() {
      save({ tokens: 0, updatedAt: options.now() });
    },
  };
}

/** A PacerStore over Web Storage (localStorage is shared by the tabs of one browser, like a device). */
export function webStoragePacerStore(storage: Storage, key = 'passref.pace'): PacerStore {
  return {
    load() {
      try {
        const value = JSON.parse(storage.getItem(key) ?? 'null') as PacerState | null;
        return value && typeof value.tokens === 'number' && typeof value.updatedAt === 'number'
          ? value
          : null;
      } catch {
        return null;
      }
    },
    save(state) {
      try {
        storage.setItem(key, JSON.stringify(state));
      } catch {
        // Storage full or disabled: pacing continues in memory.
      }
    },
  };
}
