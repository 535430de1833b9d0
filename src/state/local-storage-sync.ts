import type { StoreApi } from 'zustand';

/**
 * A few lines instead of zustand's `persist` middleware (about 1.3 kB gzip in every page's initial JS):
 * reads the stored value once when the store is created and writes the picked fields back whenever
 * they change. The format is persist's own, `{"state": …, "version": n}`, so what earlier builds
 * stored is still read. localStorage is synchronous, so there is no hydration phase; when it is
 * unavailable (private mode, storage disabled or full), the store simply lives in memory.
 */
export interface LocalStorageSyncOptions<S> {
  key: string;
  /** Stored values of another version are ignored. */
  version?: number;
  /** What is written: the fields worth keeping. */
  pick(state: S): unknown;
  /** The state to start from, given what was stored (`undefined` when nothing usable was). */
  restore(stored: unknown, current: S): S;
  /** Write the restored state at once (e.g. a freshly generated id), not only after a change. */
  writeAtStart?: boolean;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function syncWithLocalStorage<S>(store: StoreApi<S>, options: LocalStorageSyncOptions<S>): void {
  const version = options.version ?? 0;
  let written: string | null = null;
  let stored: unknown;
  try {
    written = storage()?.getItem(options.key) ?? null;
    const value = JSON.parse(written ?? 'null') as { state?: unknown; version?: unknown } | null;
    if (value?.version === version) stored = value.state;
  } catch {
    // Unreadable: start afresh.
  }
  store.setState(options.restore(stored, store.getState()), true);
  const write = (state: S) => {
    const text = JSON.stringify({ state: options.pick(state), version });
    if (text === written) return;
    written = text;
    try {
      storage()?.setItem(options.key, text);
    } catch {
      // Full or disabled storage: keep going in memory.
    }
  };
  store.subscribe(write);
  if (options.writeAtStart) write(store.getState());
}
