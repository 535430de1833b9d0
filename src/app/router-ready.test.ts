import { describe, expect, it } from 'vitest';
import { whenRouterReady, type InitializingRouter } from './router-ready';

function fakeRouter(initialized: boolean) {
  const listeners = new Set<(state: { initialized: boolean }) => void>();
  const router: InitializingRouter & { set(value: boolean): void; listeners: number } = {
    state: { initialized },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value) {
      router.state = { initialized: value };
      for (const listener of [...listeners]) listener(router.state);
    },
    get listeners() {
      return listeners.size;
    },
  };
  return router;
}

describe('whenRouterReady', () => {
  it('resolves at once for an initialized router', async () => {
    const router = fakeRouter(true);
    await expect(whenRouterReady(router)).resolves.toBeUndefined();
    expect(router.listeners).toBe(0);
  });

  it('waits for initialization, then stops listening', async () => {
    const router = fakeRouter(false);
    let done = false;
    const ready = whenRouterReady(router).then(() => {
      done = true;
    });
    router.set(false);
    await Promise.resolve();
    expect(done).toBe(false);
    router.set(true);
    await ready;
    expect(done).toBe(true);
    expect(router.listeners).toBe(0);
  });
});
