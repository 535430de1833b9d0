// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createEmulatorControl, EmulatorControlError, type EmulatorControl } from './control-client';

interface Seen {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers each request with the next of `answers` and records what it was asked. */
function fakeFetch(...answers: (() => Response)[]) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  });

const DENY = {
  type: 'deny-resource',
  resource: 'harbor-morning-brief',
  deviceId: 'tv-1',
  id: 's1',
  createdAt: 5,
};

describe('createEmulatorControl: requests and answers', () => {
  it('adds a scenario: POST /__emulator/scenarios with the JSON body → the stored scenario', async () => {
    const { fetch, seen } = fakeFetch(json(201, DENY));
    const control = createEmulatorControl({ baseUrl: 'http://127.0.0.1:8080/', fetch });
    const stored = await control.addScenario({
      type: 'deny-resource',
      resource: 'harbor-morning-brief',
      deviceId: 'tv-1',
    });
    expect(stored).toEqual(DENY);
    expect(seen).toEqual([
      {
        url: 'http://127.0.0.1:8080/__emulator/scenarios',
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: { type: 'deny-resource', resource: 'harbor-morning-brief', deviceId: 'tv-1' },
      },
    ]);
  });

  it('lists, removes one (id encoded), clears one device or all, on the page origin when baseUrl is empty', async () => {
    const { fetch, seen } = fakeFetch(
      json(200, {
        scenarios: [DENY, { type: 'throttle', throttled: false, deviceId: 'tv-1', id: 's2', createdAt: 6 }],
      }),
      json(200, { removed: 1 }),
      json(200, { removed: 3 }),
      json(200, { removed: 7 }),
    );
    const control = createEmulatorControl({ baseUrl: '', fetch });
    expect((await control.listScenarios()).map((s) => s.id)).toEqual(['s1', 's2']);
    await control.removeScenario('s/1');
    expect(await control.clearScenarios('tv 1')).toBe(3);
    expect(await control.clearScenarios()).toBe(7);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /__emulator/scenarios',
      'DELETE /__emulator/scenarios/s%2F1',
      'DELETE /__emulator/scenarios?deviceId=tv%201',
      'DELETE /__emulator/scenarios',
    ]);
    expect(seen.every((s) => s.body === undefined && !('Content-Type' in s.headers))).toBe(true);
  });

  it('resets one device and moves the clock', async () => {
    const { fetch, seen } = fakeFetch(
      json(200, { reset: 'device', deviceId: 'tv-1', removed: { profiles: 2, scenarios: 1 }, now: 1000 }),
      json(200, { now: 61_000 }),
      json(200, { now: 61_500 }),
    );
    const control = createEmulatorControl({ baseUrl: '', fetch, adminToken: 'secret' });
    expect(await control.resetDevice('tv-1')).toEqual({
      deviceId: 'tv-1',
      removed: { profiles: 2, scenarios: 1 },
      now: 1000,
    });
    expect(await control.advanceClock(60_000)).toBe(61_000);
    expect(await control.clock()).toBe(61_500);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/__emulator/reset', { deviceId: 'tv-1' }],
      ['POST', '/__emulator/clock', { advanceMs: 60_000 }],
      ['GET', '/__emulator/clock', undefined],
    ]);
    expect(seen.every((s) => s.headers['X-Emulator-Admin-Token'] === 'secret')).toBe(true);
  });

  it('reads the seed, keeping only what the controls use', async () => {
    const { fetch } = fakeFetch(
      json(200, {
        serviceProvider: 'REF30',
        softwareStatement: 'x',
        mvpds: [{ id: 'TempPass', displayName: 'TempPass', isTempPass: true, personality: 'p' }],
        resources: [{ id: 'a', title: 'A', channel: 'c', channelName: 'C', poster: '/p.svg' }],
      }),
    );
    expect(await createEmulatorControl({ baseUrl: '', fetch }).seed()).toEqual({
      serviceProvider: 'REF30',
      mvpds: [{ id: 'TempPass', displayName: 'TempPass', isTempPass: true }],
      resources: [{ id: 'a', title: 'A', channel: 'c', channelName: 'C' }],
    });
  });
});

describe('createEmulatorControl: errors', () => {
  async function failure(
    answer: () => Response,
    call: (c: EmulatorControl) => Promise<unknown> = (c) => c.listScenarios(),
  ) {
    const { fetch } = fakeFetch(answer);
    const error = await call(createEmulatorControl({ baseUrl: '', fetch })).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EmulatorControlError);
    return error as EmulatorControlError;
  }

  it('400: the emulator’s validation message', async () => {
    const error = await failure(
      json(400, {
        error: 'invalid_request',
        message: 'Requests of the register endpoint carry no device: drop "deviceId".',
      }),
      (c) =>
        c.addScenario({ type: 'fault', endpoint: 'register', fault: 'drop', probability: 1, deviceId: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'invalid', status: 400 });
    expect(error.message).toBe('Requests of the register endpoint carry no device: drop "deviceId".');
  });

  it('403 (not loopback): the emulator’s message, or a readable one without a body', async () => {
    const withBody = await failure(
      json(403, {
        error: 'forbidden',
        message: 'The control plane answers on loopback or with the admin token only.',
      }),
    );
    expect(withBody).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(withBody.message).toMatch(/loopback/);
    const plain = await failure(() => new Response('Forbidden', { status: 403 }));
    expect(plain.kind).toBe('forbidden');
    expect(plain.message).toMatch(/loopback or with the admin token/);
  });

  it('404 and other statuses', async () => {
    const missing = await failure(
      json(404, { error: 'not_found', message: 'There is no scenario "s9".' }),
      (c) => c.removeScenario('s9'),
    );
    expect(missing).toMatchObject({ kind: 'not-found', status: 404, message: 'There is no scenario "s9".' });
    const broken = await failure(() => new Response('<html>oops</html>', { status: 502 }));
    expect(broken).toMatchObject({ kind: 'unexpected-status', status: 502 });
    expect(broken.message).toBe('The emulator control plane answered HTTP 502.');
  });

  it('no answer at all', async () => {
    const error = await failure(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(error.message).toMatch(/Failed to fetch/);
  });

  it('an answer of the wrong shape (not JSON, unknown scenario type, out-of-range value)', async () => {
    for (const answer of [
      () => new Response('not json', { status: 200 }),
      json(200, { scenarios: [{ ...DENY, type: 'meteor-strike' }] }),
      json(200, {
        scenarios: [{ type: 'login-failure', probability: 2, mvpd: 'A', id: 's1', createdAt: 1 }],
      }),
      json(200, { list: [] }),
    ]) {
      const error = await failure(answer);
      expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
    }
  });
});
