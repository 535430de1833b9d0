// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  maskedHeaders,
  resetTempPassDevice,
  resetTempPassIdentity,
  ResetTempPassError,
  type ResetTempPassContext,
} from './reset-temppass';

const DEVICE_ID = 'ba23d141-d715-561c-94f4-e9e4c966b1eb';
const KEY = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';

interface Seen {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers the given statuses in order and records what it was asked. */
function fakeFetch(...statuses: number[]) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
    });
    const status = statuses.shift() ?? 204;
    return new Response(status === 204 ? null : '', { status });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

function context(
  fetch: typeof globalThis.fetch,
  baseUrl = 'https://mgmt.auth.adobe.com',
): ResetTempPassContext & {
  getAccessToken: ReturnType<typeof vi.fn<(rejected?: string) => Promise<string>>>;
} {
  let issued = 0;
  const tokens = new Map<number, string>();
  return {
    baseUrl,
    serviceProvider: 'REF30',
    fetch,
    getAccessToken: vi.fn(async (rejected?: string) => {
      if (rejected === undefined && tokens.has(issued)) return tokens.get(issued)!;
      issued += 1;
      tokens.set(issued, `token-${issued}`);
      return `token-${issued}`;
    }),
  };
}

describe('resetTempPassDevice', () => {
  it('sends exactly DELETE /reset-tempass/v3/reset?requestor_id&mvpd_id&device_id with the bearer token', async () => {
    const { fetch, seen } = fakeFetch(204);
    const done = await resetTempPassDevice(context(fetch), { mvpd: 'TempPass', deviceId: DEVICE_ID });
    const url = `https://mgmt.auth.adobe.com/reset-tempass/v3/reset?requestor_id=REF30&mvpd_id=TempPass&device_id=${DEVICE_ID}`;
    expect(seen).toEqual([
      { url, method: 'DELETE', headers: { Authorization: 'Bearer token-1' }, body: undefined },
    ]);
    expect(done).toEqual({
      status: 204,
      request: { method: 'DELETE', url, headers: { Authorization: 'Bearer token-1' } },
    });
  });

  it('resets every device with device_id=all, on the page’s origin when baseUrl is empty', async () => {
    const { fetch, seen } = fakeFetch(204);
    await resetTempPassDevice(context(fetch, ''), { mvpd: 'TempPassPromo', deviceId: 'all' });
    expect(seen[0]?.url).toBe(
      '/reset-tempass/v3/reset?requestor_id=REF30&mvpd_id=TempPassPromo&device_id=all',
    );
  });

  it('URL-encodes the values and drops a trailing slash of the base URL', async () => {
    const { fetch, seen } = fakeFetch(204);
    await resetTempPassDevice(context(fetch, 'http://127.0.0.1:8080/'), {
      mvpd: 'Temp Pass',
      deviceId: 'a/b&c=d',
    });
    expect(seen[0]?.url).toBe(
      'http://127.0.0.1:8080/reset-tempass/v3/reset?requestor_id=REF30&mvpd_id=Temp+Pass&device_id=a%2Fb%26c%3Dd',
    );
  });

  it('refuses empty parameters before calling anything', async () => {
    const { fetch, seen } = fakeFetch(204);
    await expect(resetTempPassDevice(context(fetch), { mvpd: 'TempPass', deviceId: ' ' })).rejects.toThrow(
      /device_id must not be empty/,
    );
    expect(seen).toHaveLength(0);
  });
});

describe('resetTempPassIdentity', () => {
  it('sends exactly DELETE /reset-tempass/v3/reset/generic?requestor_id&mvpd_id&key', async () => {
    const { fetch, seen } = fakeFetch(204);
    const done = await resetTempPassIdentity(context(fetch), { mvpd: 'TempPassPromo', key: KEY });
    expect(seen).toEqual([
      {
        url: `https://mgmt.auth.adobe.com/reset-tempass/v3/reset/generic?requestor_id=REF30&mvpd_id=TempPassPromo&key=${KEY}`,
        method: 'DELETE',
        headers: { Authorization: 'Bearer token-1' },
        body: undefined,
      },
    ]);
    expect(done.status).toBe(204);
  });

  it('resets every identity key with key=all', async () => {
    const { fetch, seen } = fakeFetch(204);
    await resetTempPassIdentity(context(fetch), { mvpd: 'TempPassPromo', key: 'all' });
    expect(new URL(seen[0]!.url).searchParams.get('key')).toBe('all');
  });
});

describe('status mapping', () => {
  it.each([
    [400, 'bad-request'],
    [403, 'forbidden'],
    [404, 'unexpected-status'],
    [500, 'unexpected-status'],
  ] as const)('HTTP %i → %s, without a retry', async (status, kind) => {
    const { fetch, seen } = fakeFetch(status);
    const error = await resetTempPassIdentity(context(fetch), { mvpd: 'TempPassPromo', key: KEY }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResetTempPassError);
    expect(error).toMatchObject({ kind, status, request: { method: 'DELETE', url: seen[0]!.url } });
    expect(seen).toHaveLength(1);
  });

  it('401: fetches a fresh token once and retries', async () => {
    const { fetch, seen } = fakeFetch(401, 204);
    const ctx = context(fetch);
    const done = await resetTempPassDevice(ctx, { mvpd: 'TempPass', deviceId: DEVICE_ID });
    expect(done.status).toBe(204);
    expect(seen.map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(ctx.getAccessToken).toHaveBeenLastCalledWith('token-1');
  });

  it('401 twice → unauthorized', async () => {
    const { fetch, seen } = fakeFetch(401, 401);
    const error = await resetTempPassDevice(context(fetch), { mvpd: 'TempPass', deviceId: DEVICE_ID }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(seen).toHaveLength(2);
  });

  it('no answer → network, with the request it tried', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const error = await resetTempPassDevice(context(fetch), { mvpd: 'TempPass', deviceId: 'all' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect((error as ResetTempPassError).request.url).toContain('device_id=all');
  });
});

describe('maskedHeaders', () => {
  it('hides the bearer token, keeps the scheme and other headers', () => {
    const masked = maskedHeaders({ Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig', Accept: '*/*' });
    expect(masked.Authorization).toMatch(/^Bearer •+ \(32 characters, masked\)$/);
    expect(JSON.stringify(masked)).not.toContain('eyJ');
    expect(masked.Accept).toBe('*/*');
  });
});
