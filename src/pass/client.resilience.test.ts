// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPassApiError, PassApiError, PassTransportError } from './errors';
import {
  authorizePermitSample,
  configurationSample,
  HELP_URL,
  preauthorizeMixedSample,
  regularProfilesSample,
  throttledHtml,
  tokenInvalidErrorSample,
} from './testing/fixtures';
import { API, apiRequests, createHarness } from './testing/harness';
import { ACTION_RETRY_DELAYS_MS } from './transport';

/**
 * Fault injection at the client's fetch boundary, complementing transport.test.ts (which covers the
 * single-fault basics): faults on POSTs, faults stacked on each other (401 then 429 on the token
 * refresh), the real default sleep under fake timers, 5xx resent only when Adobe's `action` says
 * `retry` (at most twice, 1 s then 2 s; decision items one by one), connections that
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

  it('resends a 503 "retry" error after 1 s and 2 s, then surfaces the third answer', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, { status: 503, json: partnerTimeout });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(isPassApiError(error)).toBe(true);
    expect(error).toMatchObject({ httpStatus: 503, code: 'network_connection_timeout', action: 'retry' });
    expect(fake.requestsTo(CONFIG)).toHaveLength(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual(ACTION_RETRY_DELAYS_MS);
    expect(fake.tokensIssued).toBe(1);
  });

  it('recovers when a "retry" error clears on the second attempt', async () => {
    const { client, fake, sleep } = createHarness();
    fake.once(AUTHORIZE, { status: 503, json: partnerTimeout });
    fake.on(AUTHORIZE, { status: 200, json: authorizePermitSample });

    await expect(client.authorize('Cablevision', ['REF30'])).resolves.toMatchObject({
      decisions: [{ authorized: true }],
    });
    const attempts = fake.requestsTo(AUTHORIZE);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.body).toBe(attempts[0]?.body);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });

  it('caps "retry" resends per call: five failing calls make fifteen requests, not a storm', async () => {
    const { client, fake } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, { status: 503, json: partnerTimeout });

    const errors = await Promise.all(
      Array.from({ length: 5 }, () => client.getConfiguration().catch((caught: unknown) => caught)),
    );

    for (const error of errors) expect(error).toMatchObject({ code: 'network_connection_timeout' });
    expect(apiRequests(fake)).toHaveLength(15);
  });

  it('never resends a 503 whose body is HTML (no action to go by)', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, { status: 503, text: '<html><h1>503 Service Unavailable</h1></html>' });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'non-json', httpStatus: 503 });
    expect(fake.requestsTo(CONFIG)).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('stops waiting when the caller aborts during the backoff', async () => {
    const controller = new AbortController();
    const { client, fake } = createHarness({
      sleep: () => {
        controller.abort(new DOMException('left the page', 'AbortError'));
        return Promise.resolve();
      },
    });
    await client.getAccessToken();
    fake.on(CONFIG, { status: 503, json: partnerTimeout });

    const error = await client
      .getConfiguration({ signal: controller.signal })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'AbortError' });
    expect(fake.requestsTo(CONFIG)).toHaveLength(1);
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

const PREAUTHORIZE = 'POST /api/v2/REF30/decisions/preauthorize/Cablevision';

function item(resource: string, outcome: 'permit' | 'retry' | 'deny') {
  const base = { resource, serviceProvider: 'REF30', mvpd: 'Cablevision', source: 'mvpd' };
  if (outcome === 'permit') return { ...base, authorized: true };
  return {
    ...base,
    authorized: false,
    error:
      outcome === 'retry'
        ? { status: 403, code: 'network_connection_timeout', action: 'retry', message: 'Timed out.' }
        : { status: 403, code: 'preauthorization_denied_by_mvpd', action: 'none', message: 'Denied.' },
  };
}

/** Answers each asked resource with `outcome(resource, attempt)`. */
function decisionsBy(outcome: (resource: string, attempt: number) => 'permit' | 'retry' | 'deny') {
  let attempt = 0;
  return (request: { body: string | undefined }) => {
    attempt += 1;
    const { resources } = JSON.parse(request.body ?? '{}') as { resources: string[] };
    return { status: 200, json: { decisions: resources.map((r) => item(r, outcome(r, attempt))) } };
  };
}

const bodies = (fake: ReturnType<typeof createHarness>['fake'], key: string) =>
  fake
    .requestsTo(key)
    .map((request) => (JSON.parse(request.body ?? '{}') as { resources: string[] }).resources);

describe('client resilience: decision items with action "retry"', () => {
  it('asks again for the failed items only and merges their answers in request order', async () => {
    const { client, fake, sleep } = createHarness();
    fake.on(
      PREAUTHORIZE,
      decisionsBy((resource, attempt) =>
        resource === 'r3'
          ? 'deny'
          : attempt === 1 && (resource === 'r2' || resource === 'r4')
            ? 'retry'
            : 'permit',
      ),
    );

    const result = await client.preauthorize('Cablevision', ['r1', 'r2', 'r3', 'r4', 'r5']);

    expect(bodies(fake, PREAUTHORIZE)).toEqual([
      ['r1', 'r2', 'r3', 'r4', 'r5'],
      ['r2', 'r4'],
    ]);
    expect(result.decisions.map((d) => [d.resource, d.authorized])).toEqual([
      ['r1', true],
      ['r2', true],
      ['r3', false],
      ['r4', true],
      ['r5', true],
    ]);
    // The MVPD's own deny (action none) is never asked again.
    expect(result.decisions[2]).toMatchObject({ error: { code: 'preauthorization_denied_by_mvpd' } });
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });

  it('gives up after two resends and returns the item still denied with "retry"', async () => {
    const { client, fake, sleep } = createHarness();
    fake.on(
      AUTHORIZE,
      decisionsBy(() => 'retry'),
    );

    const result = await client.authorize('Cablevision', ['REF30']);

    expect(bodies(fake, AUTHORIZE)).toEqual([['REF30'], ['REF30'], ['REF30']]);
    expect(result.decisions).toHaveLength(1);
    expect(result.decisions[0]).toMatchObject({
      authorized: false,
      error: { code: 'network_connection_timeout', action: 'retry' },
    });
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual(ACTION_RETRY_DELAYS_MS);
  });

  it('keeps the first answer when a resend fails as a whole', async () => {
    const { client, fake } = createHarness();
    fake.once(PREAUTHORIZE, {
      status: 200,
      json: { decisions: [item('r1', 'permit'), item('r2', 'retry')] },
    });
    fake.on(PREAUTHORIZE, { status: 500, json: internalError });

    const result = await client.preauthorize('Cablevision', ['r1', 'r2']);

    expect(result.decisions.map((d) => [d.resource, d.authorized])).toEqual([
      ['r1', true],
      ['r2', false],
    ]);
    expect(bodies(fake, PREAUTHORIZE)).toEqual([['r1', 'r2'], ['r2']]);
  });

  it('sends no resend when every item is a permit or a plain deny', async () => {
    const { client, fake, sleep } = createHarness();
    fake.on(PREAUTHORIZE, { status: 200, json: preauthorizeMixedSample });

    await client.preauthorize('Cablevision', ['resource1', 'resource3']);

    expect(fake.requestsTo(PREAUTHORIZE)).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
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
