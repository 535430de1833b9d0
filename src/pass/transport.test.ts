// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from './errors';
import { configurationSample, throttledHtml, tokenInvalidErrorSample } from './testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from './testing/harness';

const CONFIG = 'GET /api/v2/REF30/configuration';
const throttled = { status: 429, text: throttledHtml, headers: { 'content-type': 'text/html' } };

describe('transport: HTTP 401', () => {
  it('fetches a fresh token once and retries once', async () => {
    const { client, fake } = createHarness();
    fake.once(CONFIG, { status: 401, json: tokenInvalidErrorSample });
    fake.on(CONFIG, { status: 200, json: configurationSample });

    const configuration = await client.getConfiguration();

    const requests = apiRequests(fake);
    expect(requests).toHaveLength(2);
    expectStandardHeaders(requests[0], null, 'token-1');
    expectStandardHeaders(requests[1], null, 'token-2');
    expect(fake.tokensIssued).toBe(2);
    expect(fake.registrations).toBe(1);
    expect(configuration.requestor.id).toBe('REF30');
  });

  it('surfaces a second 401 as PassApiError without further retries', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 401, json: tokenInvalidErrorSample });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect((error as PassApiError).httpStatus).toBe(401);
    expect((error as PassApiError).code).toBe('invalid_access_token_client_application');
    expect((error as PassApiError).action).toBe('application-registration');
    expect(apiRequests(fake)).toHaveLength(2);
    expect(fake.tokensIssued).toBe(2);
  });

  it('lets concurrent callers that got the same 401 share one token refresh', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, (request) =>
      request.headers.get('authorization') === 'Bearer token-1'
        ? { status: 401, json: tokenInvalidErrorSample }
        : { status: 200, json: configurationSample },
    );
    await client.getAccessToken();

    await Promise.all([client.getConfiguration(), client.getConfiguration(), client.getConfiguration()]);

    expect(fake.tokensIssued).toBe(2);
    expect(apiRequests(fake)).toHaveLength(6);
  });
});

describe('transport: HTTP 429', () => {
  it('sleeps at least 1000 ms and retries, then succeeds', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.once(CONFIG, throttled);
    fake.on(CONFIG, { status: 200, json: configurationSample });

    const configuration = await client.getConfiguration();

    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(1000);
    expect(apiRequests(fake)).toHaveLength(2);
    expect(configuration.clientType).toBe('html5');
  });

  it('gives up after two retries with a throttled transport error', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, throttled);

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('throttled');
    expect((error as PassTransportError).httpStatus).toBe(429);
    expect(apiRequests(fake)).toHaveLength(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000]);
  });

  it('also retries throttled DCR calls', async () => {
    const { client, fake, sleep } = createHarness();
    fake.once('POST /o/client/token', throttled);

    await expect(client.getAccessToken()).resolves.toBe('token-1');
    expect(fake.requestsTo('POST /o/client/token')).toHaveLength(2);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });
});

describe('transport: network failures and bodies', () => {
  it('retries a GET once after a network error', async () => {
    const { client, fake, sleep } = createHarness();
    await client.getAccessToken();
    fake.once(CONFIG, new TypeError('fetch failed'));
    fake.on(CONFIG, { status: 200, json: configurationSample });

    await expect(client.getConfiguration()).resolves.toMatchObject({ device: 'unknown' });
    expect(apiRequests(fake)).toHaveLength(2);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000]);
  });

  it('reports a network error after the single GET retry', async () => {
    const { client, fake } = createHarness();
    await client.getAccessToken();
    fake.on(CONFIG, new TypeError('fetch failed'));

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('network');
    expect((error as PassTransportError).url).toBe(`${API}/api/v2/REF30/configuration`);
    expect((error as PassTransportError).cause).toBeInstanceOf(TypeError);
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it('never retries a POST after a network error', async () => {
    const { client, fake } = createHarness();
    await client.getAccessToken();
    fake.on('POST /api/v2/REF30/sessions', new TypeError('fetch failed'));

    const error = await client.createSession({ mvpd: 'Cablevision' }).catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('network');
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('rethrows aborts untouched and does not retry', async () => {
    const { client, fake } = createHarness();
    await client.getAccessToken();
    const controller = new AbortController();
    fake.on(CONFIG, () => {
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    });

    const error = await client
      .getConfiguration({ signal: controller.signal })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('reports a non-JSON success body as non-json', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 200, text: '<html>oops</html>' });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('non-json');
    expect((error as PassTransportError).httpStatus).toBe(200);
  });

  it('reports an HTML 500 as non-json with its status', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 500, text: '<html>Internal error</html>' });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('non-json');
    expect((error as PassTransportError).httpStatus).toBe(500);
  });

  it('reports a JSON error body that is not an enhanced error as invalid-response', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 404, json: { timestamp: 1, error: 'Not Found' } });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('invalid-response');
    expect((error as PassTransportError).httpStatus).toBe(404);
  });
});

describe('transport: onExchange', () => {
  it('reports every attempt with method, url, status, headers and bodies', async () => {
    const { client, fake, exchanges, clock } = createHarness();
    fake.once(CONFIG, throttled);
    fake.on(CONFIG, () => {
      clock.now += 25;
      return { status: 200, json: configurationSample };
    });

    await client.getConfiguration();

    expect(
      exchanges.map((exchange) => [exchange.method, new URL(exchange.url).pathname, exchange.status]),
    ).toEqual([
      ['POST', '/o/client/register', 201],
      ['POST', '/o/client/token', 201],
      ['GET', '/api/v2/REF30/configuration', 429],
      ['GET', '/api/v2/REF30/configuration', 200],
    ]);
    const last = exchanges[3]!;
    expect(last.attempt).toBe(2);
    expect(last.durationMs).toBe(25);
    expect(last.requestHeaders['Authorization']).toBe('Bearer token-1');
    expect(last.responseHeaders['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(last.responseBody ?? 'null')).toEqual(configurationSample);
    expect(exchanges[0]?.requestBody).toBe(
      '{"software_statement":"eyJhbGciOiJSUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6IjEyMyJ9.sig","redirect_uri":"adobepass://com.programmer"}',
    );
  });

  it('ignores an observer that throws', async () => {
    const { client, fake } = createHarness({
      onExchange: () => {
        throw new Error('observer bug');
      },
    });
    fake.on(CONFIG, { status: 200, json: configurationSample });

    await expect(client.getConfiguration()).resolves.toMatchObject({ os: 'Unknown' });
  });
});

describe('transport: pacing', () => {
  it('hands the caller’s signal to the pacer, so a cancelled request leaves the queue without a token', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const pacer = {
      acquire: async (signal?: AbortSignal) => {
        seen.push(signal);
        if (signal?.aborted) throw signal.reason;
      },
      throttled: () => undefined,
    };
    const { client, fake } = createHarness({ pacer });
    fake.on(CONFIG, { status: 200, json: configurationSample });
    await client.getAccessToken();
    const given = new AbortController();
    given.abort();
    const error = await client.getConfiguration({ signal: given.signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(seen.at(-1)).toBe(given.signal);
    expect(apiRequests(fake)).toHaveLength(0);
  });
});
