import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { syncWithLocalStorage } from './local-storage-sync';

interface State {
  name: string;
  count: number;
  secret: string;
}

const KEY = 'test.sync';
const initial: State = { name: 'none', count: 0, secret: 'memory only' };

function storeWith(options: { version?: number; writeAtStart?: boolean } = {}) {
  const store = createStore<State>()(() => initial);
  syncWithLocalStorage(store, {
    key: KEY,
    ...options,
    pick: ({ name, count }) => ({ name, count }),
    restore: (stored, current) => {
      const value = stored as Partial<State> | undefined;
      return {
        ...current,
        name: typeof value?.name === 'string' ? value.name : current.name,
        count: typeof value?.count === 'number' ? value.count : current.count,
      };
    },
  });
  return store;
}

const stored = () => localStorage.getItem(KEY);

beforeEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('syncWithLocalStorage (the persist stand-in)', () => {
  it("reads zustand persist's format and writes the picked fields back on change only", () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { name: 'kept', count: 2 }, version: 0 }));
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const store = storeWith();
    expect(store.getState()).toEqual({ name: 'kept', count: 2, secret: 'memory only' });
    expect(setItem).not.toHaveBeenCalled();
    store.setState({ secret: 'changed' });
    expect(setItem).not.toHaveBeenCalled();
    store.setState({ count: 3 });
    expect(JSON.parse(stored() ?? '')).toEqual({ state: { name: 'kept', count: 3 }, version: 0 });
    expect(stored()).not.toContain('memory only');
  });

  it('ignores another version and unreadable values; writeAtStart stores the initial state at once', () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { name: 'old', count: 9 }, version: 1 }));
    expect(storeWith({ version: 2 }).getState().name).toBe('none');
    expect(JSON.parse(stored() ?? '').version).toBe(1); // nothing changed, nothing written
    localStorage.setItem(KEY, '{not json');
    const store = storeWith({ writeAtStart: true });
    expect(store.getState().count).toBe(0);
    expect(JSON.parse(stored() ?? '')).toEqual({ state: { name: 'none', count: 0 }, version: 0 });
  });

  it('keeps working in memory when storage throws', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const store = storeWith({ writeAtStart: true });
    store.setState({ count: 1 });
    expect(store.getState().count).toBe(1);
  });
});
