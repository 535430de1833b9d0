// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { PassExchange } from '../pass/transport';

function exchange(n: number): PassExchange {
  return {
    method: 'GET',
    url: `/api/v2/REF30/profiles?n=${n}`,
    status: 200,
    durationMs: 7,
    attempt: 1,
    requestHeaders: {},
    requestBody: undefined,
    responseHeaders: {},
    responseBody: '{}',
  };
}

describe('trace tap (the recording hook in the initial JS)', () => {
  it('holds the calls made before the recorder loads, then the recorder gets all of them in order', async () => {
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(10_000);
      const { recordExchange } = await import('./trace-tap');
      recordExchange(exchange(1));
      vi.setSystemTime(11_000);
      recordExchange(exchange(2));
      vi.setSystemTime(50_000);
      // The drawer opens: the recorder module attaches to the tap.
      const { traceRecorder } = await import('./trace-recorder');
      recordExchange(exchange(3));
      const entries = traceRecorder.getSnapshot();
      expect(entries.map((entry) => entry.url)).toEqual(
        [1, 2, 3].map((n) => `/api/v2/REF30/profiles?n=${n}`),
      );
      // Start times are when each call happened, not when the recorder loaded.
      expect(entries.map((entry) => entry.startedAt)).toEqual([10_000 - 7, 11_000 - 7, 50_000 - 7]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps only the last 200 calls while no recorder is attached', async () => {
    vi.resetModules();
    const { recordExchange, attachTraceSink, TRACE_LIMIT } = await import('./trace-tap');
    for (let n = 0; n < 250; n += 1) recordExchange(exchange(n));
    const seen: string[] = [];
    attachTraceSink((call) => seen.push(call.url));
    expect(TRACE_LIMIT).toBe(200);
    expect(seen).toHaveLength(200);
    expect(seen[0]).toContain('n=50');
    recordExchange(exchange(250));
    expect(seen).toHaveLength(201);
  });
});
