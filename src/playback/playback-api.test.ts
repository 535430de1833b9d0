// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyCall } from '../devtools/api-trace-phase';
import { viewCall } from '../devtools/api-trace-mask';
import { createTraceRecorder } from '../devtools/trace-recorder';
import type { PassExchange } from '../pass/transport';
import { verifyMediaToken } from './playback-api';

const TOKEN = 'PHNpZ25hdHVyZUluZm8+secret-media-token';

afterEach(() => vi.restoreAllMocks());

function clock(...times: number[]) {
  return () => times.shift() ?? 0;
}

describe('verifyMediaToken records its call in the API trace', () => {
  it('one exchange: POST, URL, headers, body, status and answer; classified D2, token masked', async () => {
    const seen: PassExchange[] = [];
    const fetch = vi.fn(
      async () =>
        new Response('{"status":"VALID_TOKEN"}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const status = await verifyMediaToken('https://play.example', TOKEN, 'harbor-city-desk', {
      fetch: fetch as unknown as typeof globalThis.fetch,
      onExchange: (exchange) => seen.push(exchange),
      now: clock(100, 142),
    });
    expect(status).toBe('VALID_TOKEN');
    expect(seen).toEqual([
      {
        method: 'POST',
        url: 'https://play.example/media-token/verify',
        durationMs: 42,
        attempt: 1,
        requestHeaders: { 'Content-Type': 'application/json', Accept: 'application/json' },
        requestBody: JSON.stringify({ token: TOKEN, resource: 'harbor-city-desk' }),
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: '{"status":"VALID_TOKEN"}',
      },
    ]);
    const [exchange] = seen;
    expect(classifyCall(exchange!)).toEqual({
      phase: 'authorization',
      step: 'D2 Verify the media token (programmer backend)',
    });
    const masked = viewCall(exchange!, false);
    expect(masked.requestBody).toBe('{"token":"[MASKED]","resource":"harbor-city-desk"}');
    expect(JSON.stringify(masked)).not.toContain(TOKEN);
  });

  it('an error status and a failed fetch are recorded too (then thrown as before)', async () => {
    const seen: PassExchange[] = [];
    const onExchange = (exchange: PassExchange) => seen.push(exchange);
    const refusing = vi.fn(async () => new Response('{"status":"INTERNAL_ERROR"}', { status: 500 }));
    await expect(
      verifyMediaToken('', TOKEN, 'r', { fetch: refusing as unknown as typeof fetch, onExchange }),
    ).rejects.toThrow('The media token verifier answered HTTP 500.');
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(
      verifyMediaToken('', TOKEN, 'r', { fetch: failing as unknown as typeof fetch, onExchange }),
    ).rejects.toThrow('Failed to fetch');
    expect(seen.map((e) => [e.url, e.status, e.error])).toEqual([
      ['/media-token/verify', 500, undefined],
      ['/media-token/verify', null, 'Failed to fetch'],
    ]);
  });

  it('a throwing observer never breaks the call', async () => {
    const fetch = vi.fn(async () => new Response('{"status":"TOKEN_EXPIRED"}', { status: 200 }));
    const status = await verifyMediaToken('', TOKEN, 'r', {
      fetch: fetch as unknown as typeof globalThis.fetch,
      onExchange: () => {
        throw new Error('observer bug');
      },
    });
    expect(status).toBe('TOKEN_EXPIRED');
  });

  it('by default it goes to the page’s trace (the tap the recorder takes over)', async () => {
    const recorder = createTraceRecorder();
    const { attachTraceSink } = await import('../devtools/trace-tap');
    attachTraceSink((exchange, endedAt) => recorder.record(exchange, endedAt));
    const fetch = vi.fn(async () => new Response('{"status":"VALID_TOKEN"}', { status: 200 }));
    await verifyMediaToken('', TOKEN, 'r', { fetch: fetch as unknown as typeof globalThis.fetch });
    expect(recorder.getSnapshot().map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual([
      'POST /media-token/verify 200',
    ]);
  });
});
