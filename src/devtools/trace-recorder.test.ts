// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { PassExchange } from '../pass/transport';
import { createTraceRecorder, TRACE_LIMIT, TRACE_MAX_BODY_CHARS } from './trace-recorder';

function exchange(n: number, extra: Partial<PassExchange> = {}): PassExchange {
  return {
    method: 'GET',
    url: `/api/v2/REF30/profiles?n=${n}`,
    status: 200,
    durationMs: 5,
    attempt: 1,
    requestHeaders: {},
    requestBody: undefined,
    responseHeaders: {},
    responseBody: '{}',
    ...extra,
  };
}

describe('trace recorder (ring buffer)', () => {
  it('keeps the last `limit` calls, oldest first, with increasing ids and start times', () => {
    let clock = 1_000;
    const recorder = createTraceRecorder({ limit: 3, now: () => clock });
    for (let n = 1; n <= 5; n += 1) {
      clock += 10;
      recorder.record(exchange(n));
    }
    const list = recorder.getSnapshot();
    expect(list.map((e) => e.url)).toEqual([3, 4, 5].map((n) => `/api/v2/REF30/profiles?n=${n}`));
    expect(list.map((e) => e.id)).toEqual([3, 4, 5]);
    expect(list[0]?.startedAt).toBe(1_030 - 5);
  });

  it('defaults to 200 calls and never grows past it', () => {
    const recorder = createTraceRecorder();
    for (let n = 0; n < 1000; n += 1) recorder.record(exchange(n));
    expect(TRACE_LIMIT).toBe(200);
    expect(recorder.getSnapshot()).toHaveLength(200);
    expect(recorder.getSnapshot()[199]?.url).toContain('n=999');
    expect(recorder.getSnapshot()[0]?.url).toContain('n=800');
  });

  it('truncates bodies at 64 KB and remembers their length', () => {
    const recorder = createTraceRecorder();
    const big = 'x'.repeat(TRACE_MAX_BODY_CHARS + 10);
    recorder.record(exchange(1, { requestBody: big, responseBody: big }));
    recorder.record(exchange(2, { requestBody: 'small' }));
    const [first, second] = recorder.getSnapshot();
    expect(TRACE_MAX_BODY_CHARS).toBe(65_536);
    expect(first?.requestBody).toHaveLength(TRACE_MAX_BODY_CHARS);
    expect(first?.responseBody).toHaveLength(TRACE_MAX_BODY_CHARS);
    expect(first?.requestBodyLength).toBe(big.length);
    expect(first?.responseBodyLength).toBe(big.length);
    expect(second?.requestBody).toBe('small');
    expect(second).not.toHaveProperty('requestBodyLength');
  });

  it('gives a stable snapshot until something changes; notifies subscribers; clears', () => {
    const recorder = createTraceRecorder();
    const listener = vi.fn();
    const unsubscribe = recorder.subscribe(listener);
    recorder.record(exchange(1));
    const snapshot = recorder.getSnapshot();
    expect(recorder.getSnapshot()).toBe(snapshot);
    recorder.record(exchange(2));
    expect(recorder.getSnapshot()).not.toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(2);
    recorder.clear();
    expect(recorder.getSnapshot()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    recorder.record(exchange(3));
    expect(listener).toHaveBeenCalledTimes(3);
    expect(recorder.getSnapshot().map((e) => e.id)).toEqual([3]);
  });
});
