// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPassApiError, PassApiError, PassTransportError } from './errors';
import {
  authorizePermitSample,
  configurationSample,
  HELP_URL,
  regularProfilesSample,
  throttledHtml,
  tokenInvalidErrorSample,
} from './testing/fixtures';
import { API, apiRequests, createHarness } from './testing/harness';

/**
 * Fault injection at the client's fetch boundary, complementing transport.test.ts (which covers the
 * single-fault basics): faults on POSTs, faults stacked on each other (401 then 429 on the token
 * refresh), the real default sleep under fake timers, 5xx without retry storms, connections that
 * drop while the body streams, a failed token fetch that must not poison later calls, and a login
 * code that expires in the middle of polling.
 */
const CONFIG = 'GET /api/v2/REF30/configuration';
const AUTHORIZE = 'POST /api/v2/REF30/decisions/authorize/Cablevision';
const BY_CODE = 'GET /api/v2/REF30/profiles/code/XTC98W';
const throttled = { status: 429, text: throttledHtml, headers: { 'content-type': 'text/html' } };
const internalError = {
  status: 500,
  code: 'internal_server_error',
  action: 'none',
  message: 'Internal error.',
  helpUrl: HELP_URL,
  trace: '6b5c9a60-8c77-4d0b-9a3e-2f1f0c3e1a11',
};
const partnerTimeout = {
  status: 503,
  code: 'network_connection_timeout',
  action: 'retry',
  message: 'The connection to the partner timed out.',
};

/** A 200 whose body stream breaks after the headers: the connection dropped mid-response. */
function droppedMidBody(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"profiles":{'));
      controller.error(new TypeError('terminated: other side closed'));
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('client resilience: HTTP 401', () => {
  it('refreshes the token once on a 401 from authorize and resends the same body', async () => {
    const { client, fake } = createHarness();
    fake.once(AUTHORIZE, { status: 401, json: tokenInvalidErrorSample });
    fake.on(AUTHORIZE, { status: 200, json: authorizePermitSample });

    const result = await client.authorize('Cablevision', ['REF30']);

    expect(result.decisions[0]?.authorized).toBe(true);
    const attempts = fake.requestsTo(AUTHORIZE);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.body).toBe(attempts[0]?.body);
    expect(attempts.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(fake.tokensIssued).toBe(2);
    expect(fake.registrations).toBe(1);
  });

  it('survives a 429 on the token refresh that a 401 triggered', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.once(CONFIG, { status: 401, json: tokenInvalidErrorSample });
    fake.once('POST /o/client/token', throttled);
    fake.on(CONFIG, { status: 200, json: configurationSample });

    await expect(client.getConfiguration()).resolves.toMatchObject({ clientType: 'html5' });
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
    expect(apiRequests(fake).map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });
});

describe('client resilience: HTTP 429 with the default sleep', () => {
  it('waits a full second (real timer) before resending a throttled authorize', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { client, fake } = createHarness({ sleep: undefined });
    await client.getAccessToken();
    fake.once(AUTHORIZE, throttled);
    fake.on(AUTHORIZE, { status: 200, json: authorizePermitSample });

    const pending = client.authorize('Cablevision', ['REF30']);
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.requestsTo(AUTHORIZE)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ decisions: [{ authorized: true }] });
    expect(fake.requestsTo(AUTHORIZE)).toHaveLength(2);
  });
});

describe('client resilience: HTTP 5xx', () => {
  it('surfaces a 500 enhanced error on authorize as PassApiError, without resending', async () => {
    const { client, fake, sleep } = createHarness();
    fake.on(AUTHORIZE, { status: 500, json: internalError });

    const error = await client.authorize('Cablevision', ['REF30']).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect(error).toMatchObject({
      httpStatus: 500,
      status: 500,
      code: 'internal_server_error',
      action: 'none',
    });
    expect((error as PassApiError).trace).toBe(internalError.trace);
    expect(fake.requestsTo(AUTHORIZE)).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('leaves a 503 "retry" error to the caller: one request per call, no retry storm', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, { status: 503, json: partnerTimeout });

    const errors = await Promise.all(
      Array.from({ length: 5 }, () => client.getConfiguration().catch((caught: unknown) => caught)),
    );

    for (const error of errors) {
      expect(isPassApiError(error)).toBe(true);
      expect(error).toMatchObject({ httpStatus: 503, code: 'network_connection_timeout', action: 'retry' });
    }
    expect(apiRequests(fake)).toHaveLength(5);
    expect(fake.tokensIssued).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('reports a 502 from a proxy (HTML body) as a non-json transport error with its status', async () => {
    const { client, fake } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, { status: 502, text: '<html><h1>502 Bad Gateway</h1></html>' });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect(error).toMatchObject({ kind: 'non-json', httpStatus: 502 });
    expect(apiRequests(fake)).toHaveLength(1);
  });
});

describe('client resilience: dropped connections', () => {
  it('retries a GET whose body stream broke mid-response, then succeeds', async () => {
    let inner: typeof fetch = () => Promise.reject(new Error('fake not wired yet'));
    let dropped = 0;
    const { client, fake, sleep } = createHarness({
      fetch: (input, init) => {
        if (dropped === 0 && String(input).endsWith('/api/v2/REF30/profiles')) {
          dropped += 1;
          return Promise.resolve(droppedMidBody());
        }
        return inner(input, init);
      },
    });
    inner = fake.fetch;
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: regularProfilesSample });

    await expect(client.getProfiles()).resolves.toMatchObject({
      profiles: { Cablevision: { type: 'regular' } },
    });
    expect(dropped).toBe(1);
    expect(fake.requestsTo('GET /api/v2/REF30/profiles')).toHaveLength(1);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });

  it('gives up on a dropping GET after the capped retry with a network PassTransportError', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.on(BY_CODE, new TypeError('fetch failed'));

    const error = await client.getProfileByCode('XTC98W').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect(error).toMatchObject({
      kind: 'network',
      method: 'GET',
      url: `${API}/api/v2/REF30/profiles/code/XTC98W`,
    });
    expect((error as PassTransportError).message).toMatch(/fetch failed/);
    expect(fake.requestsTo(BY_CODE)).toHaveLength(2);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });

  it('does not poison later calls when the token request itself drops', async () => {
    const { client, fake } = createHarness();
    fake.once('POST /o/client/token', new TypeError('fetch failed'));
    fake.on(CONFIG, { status: 200, json: configurationSample });

    const first = await client.getConfiguration().catch((caught: unknown) => caught);
    expect(first).toMatchObject({ kind: 'network', method: 'POST' });
    expect(apiRequests(fake)).toHaveLength(0);

    await expect(client.getConfiguration()).resolves.toMatchObject({ clientType: 'html5' });
    expect(fake.registrations).toBe(1);
    expect(fake.tokensIssued).toBe(1);
  });
});

describe('client resilience: a login code that expires mid-poll', () => {
  it('keeps polling through a token refresh, then surfaces invalid_authentication_session', async () => {
    const { client, fake } = createHarness();
    fake.once(
      BY_CODE,
      { status: 200, json: { profiles: {} } },
      { status: 401, json: tokenInvalidErrorSample },
      { status: 200, json: { profiles: {} } },
      {
        status: 400,
        json: {
          status: 400,
          code: 'invalid_authentication_session',
          action: 'none',
          message: 'The authentication session is missing, invalid or expired.',
        },
      },
    );

    const first = await client.getProfileByCode('XTC98W');
    const second = await client.getProfileByCode('XTC98W');
    const third = await client.getProfileByCode('XTC98W').catch((caught: unknown) => caught);

    expect(first.profiles).toEqual({});
    expect(second.profiles).toEqual({});
    expect(isPassApiError(third)).toBe(true);
    expect(third).toMatchObject({ httpStatus: 400, code: 'invalid_authentication_session', action: 'none' });
    expect(fake.requestsTo(BY_CODE)).toHaveLength(4);
    expect(fake.tokensIssued).toBe(2);
  });
});
