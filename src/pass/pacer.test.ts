// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRequestPacer, type PacerState } from './pacer';

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    slept,
  };
}

describe('createRequestPacer', () => {
  it('lets a burst of 10 through, then one request per second', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer(time);
    for (let i = 0; i < 10; i += 1) await pacer.acquire();
    expect(time.slept).toEqual([]);
    await pacer.acquire();
    await pacer.acquire();
    expect(time.slept).toEqual([1000, 1000]);
    expect(time.now()).toBe(2000);
  });

  it('queues concurrent callers in order without over-spending', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ...time, capacity: 2 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(time.now()).toBe(2000);
  });

  it('empties the bucket after a 429 and keeps its state in the store across instances', async () => {
    const time = fakeTime();
    let saved: PacerState | null = null;
    const store = { load: () => saved, save: (state: PacerState) => void (saved = state) };
    const first = createRequestPacer({ ...time, store });
    await first.acquire();
    first.throttled();
    const second = createRequestPacer({ ...time, store });
    await second.acquire();
    expect(time.slept).toEqual([1000]);
  });

  it('a request given up while it waits spends no token: the next in line goes at its time', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ...time, capacity: 1 });
    await pacer.acquire();
    const given = new AbortController();
    const abandoned = pacer.acquire(given.signal);
    const next = pacer.acquire();
    given.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    await next;
    // One wait of a second for `next`, none spent on the abandoned request.
    expect(time.now()).toBe(1000);
  });

  it('an already aborted request is refused at once and leaves the bucket as it was', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ...time, capacity: 1 });
    const given = new AbortController();
    given.abort();
    await expect(pacer.acquire(given.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await pacer.acquire();
    expect(time.slept).toEqual([]);
  });
});
