// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeEmulator } from '../test-support.ts';
import { EVENT_LOG_CAPACITY, insertEvents } from '../store/events.ts';
import { listEvents, recordEvent, recordEvents, type EventDetails } from './events.ts';

const logout = (deviceId: string): EventDetails => ({
  type: 'logout',
  action: 'complete',
  deviceId,
  mvpd: 'AcmeCable',
});

describe('event log', () => {
  it(`keeps the newest ${EVENT_LOG_CAPACITY} events`, () => {
    const { context } = makeEmulator();
    recordEvents(
      context,
      Array.from({ length: EVENT_LOG_CAPACITY + 50 }, (_, i) => logout(`device-${i}`)),
    );
    recordEvent(context, logout('last'));
    const stored = context.db
      .prepare('SELECT COUNT(*) AS n, MIN(id) AS low, MAX(id) AS high FROM events')
      .get() as {
      n: number;
      low: number;
      high: number;
    };
    expect(stored).toEqual({ n: EVENT_LOG_CAPACITY, low: 52, high: EVENT_LOG_CAPACITY + 51 });
    const newest = listEvents(context, { limit: 2 });
    expect(newest.map((event) => event.deviceId)).toEqual(['last', `device-${EVENT_LOG_CAPACITY + 49}`]);
  });

  it('stamps events with the emulator clock and answers their fields flat', () => {
    const { context } = makeEmulator();
    context.clock.set(Date.UTC(2031, 0, 1));
    recordEvent(context, logout('tv'));
    const [event] = listEvents(context, { limit: 10 });
    expect(event).toEqual({
      id: 1,
      at: expect.any(Number) as number,
      type: 'logout',
      action: 'complete',
      deviceId: 'tv',
      mvpd: 'AcmeCable',
    });
    expect(Math.abs((event?.at ?? 0) - Date.UTC(2031, 0, 1))).toBeLessThan(1000);
  });

  it('shows a stored row whose data is not an object by its envelope only', () => {
    const { context } = makeEmulator();
    insertEvents(context.db, [{ at: 5, type: 'logout', deviceId: null, data: '[1,2]' }]);
    insertEvents(context.db, [{ at: 6, type: 'logout', deviceId: 'x', data: '{broken' }]);
    expect(listEvents(context, { limit: 10 })).toEqual([
      { id: 2, at: 6, type: 'logout', deviceId: 'x' },
      { id: 1, at: 5, type: 'logout', deviceId: null },
    ]);
  });
});
