// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { classifyCall } from '../../devtools/api-trace-phase';
import { viewCall } from '../../devtools/api-trace-mask';
import type { PassExchange } from '../transport';
import { resetTempPassDevice, resetTempPassIdentity, type ResetTempPassContext } from './reset-temppass';

function context(statuses: number[], seen: PassExchange[], fetchError?: Error): ResetTempPassContext {
  let issued = 0;
  const times = [0, 5, 10, 17];
  return {
    baseUrl: 'https://mgmt.auth.adobe.com',
    serviceProvider: 'REF30',
    getAccessToken: async (rejected) => {
      if (rejected !== undefined || issued === 0) issued += 1;
      return `token-${issued}`;
    },
    fetch: vi.fn(async () => {
      if (fetchError) throw fetchError;
      const status = statuses.shift() ?? 204;
      return new Response(status === 204 ? null : 'nope', { status });
    }) as unknown as typeof fetch,
    onExchange: (exchange) => seen.push(exchange),
    now: () => times.shift() ?? 99,
  };
}

describe('Reset TempPass calls are recorded in the API trace', () => {
  it('each attempt (401 then the retry with a fresh token): DELETE, temporary access phase, bearer masked', async () => {
    const seen: PassExchange[] = [];
    await resetTempPassDevice(context([401, 204], seen), { mvpd: 'TempPass', deviceId: 'dev-1' });
    const url =
      'https://mgmt.auth.adobe.com/reset-tempass/v3/reset?requestor_id=REF30&mvpd_id=TempPass&device_id=dev-1';
    expect(seen).toEqual([
      {
        method: 'DELETE',
        url,
        attempt: 1,
        requestHeaders: { Authorization: 'Bearer token-1' },
        requestBody: undefined,
        status: 401,
        durationMs: 5,
        responseHeaders: { 'content-type': 'text/plain;charset=UTF-8' },
        responseBody: 'nope',
      },
      {
        method: 'DELETE',
        url,
        attempt: 2,
        requestHeaders: { Authorization: 'Bearer token-2' },
        requestBody: undefined,
        status: 204,
        durationMs: 7,
        responseHeaders: {},
        responseBody: '',
      },
    ]);
    for (const exchange of seen) {
      expect(classifyCall(exchange)).toEqual({
        phase: 'temporary-access',
        step: 'Reset TempPass (programmer, management API)',
      });
      expect(viewCall(exchange, false).requestHeaders).toEqual({ Authorization: 'Bearer [MASKED]' });
    }
  });

  it('the generic (identity) reset and a call that got no answer', async () => {
    const seen: PassExchange[] = [];
    await expect(
      resetTempPassIdentity(context([], seen, new TypeError('Failed to fetch')), {
        mvpd: 'TempPassPromo',
        key: 'k',
      }),
    ).rejects.toMatchObject({ kind: 'network' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'DELETE',
      url: 'https://mgmt.auth.adobe.com/reset-tempass/v3/reset/generic?requestor_id=REF30&mvpd_id=TempPassPromo&key=k',
      status: null,
      error: 'Failed to fetch',
    });
  });

  it('a throwing observer never breaks the reset', async () => {
    const ctx = context([204], []);
    ctx.onExchange = () => {
      throw new Error('observer bug');
    };
    await expect(resetTempPassDevice(ctx, { mvpd: 'TempPass', deviceId: 'all' })).resolves.toMatchObject({
      status: 204,
    });
  });
});
