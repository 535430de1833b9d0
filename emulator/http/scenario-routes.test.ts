// @vitest-environment node
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBehaviourFor } from '../domain/scenarios.ts';
import { makeEmulator, type Requester } from '../test-support.ts';
import { addScenario, deleteScenario, postScenario } from './scenario-test-helpers.ts';

async function list(app: Requester): Promise<Record<string, unknown>[]> {
  const response = await app.request('/__emulator/scenarios');
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
  const body = (await response.json()) as { scenarios: Record<string, unknown>[] };
  expect(Object.keys(body)).toEqual(['scenarios']);
  return body.scenarios;
}

async function expectInvalid(app: Requester, body: unknown, message: RegExp | string) {
  const response = await postScenario(app, body);
  expect(response.status).toBe(400);
  const answer = (await response.json()) as { error: string; message: string };
  expect(answer.error).toBe('invalid_request');
  expect(answer.message).toMatch(message);
}

describe('POST /__emulator/scenarios', () => {
  it('stores each scenario type with an id and creation time, and lists them in order', async () => {
    const { app, context } = makeEmulator();
    const bodies = [
      { type: 'deny-resource', resource: 'harbor-morning-brief', details: 'Blacked out in your area.' },
      { type: 'deny-channel', channel: 'summit-sports', mvpd: 'AcmeCable', deviceId: 'tv-1' },
      { type: 'degradation', rule: 'AuthNAll', mvpd: 'MetroFiber' },
      { type: 'login-delay', delayMs: 2500, mvpd: 'AcmeCable' },
      { type: 'login-failure', probability: 0.5, mvpd: 'AcmeCable', deviceId: 'tv-1' },
      { type: 'latency', delayMs: 0 },
      { type: 'latency', delayMs: 60_000, endpoint: 'authorize', mvpd: 'AcmeCable' },
      { type: 'fault', endpoint: 'sessions', fault: 'server-error', probability: 1, status: 503 },
      { type: 'fault', endpoint: 'register', fault: 'drop', probability: 0 },
      { type: 'fault', endpoint: 'v1', fault: 'too-many-requests', probability: 0.25, deviceId: 'roku-1' },
      { type: 'throttle', throttled: true, deviceId: 'tv-1' },
    ];
    const created = [];
    for (const body of bodies) {
      const response = await postScenario(app, body);
      expect(response.status).toBe(201);
      created.push(await response.json());
    }
    const now = context.clock.now();
    expect(created).toEqual(
      bodies.map((body, index) => ({ ...body, id: `s${index + 1}`, createdAt: expect.any(Number) })),
    );
    for (const scenario of created as { createdAt: number }[]) {
      expect(scenario.createdAt).toBeLessThanOrEqual(now);
      expect(now - scenario.createdAt).toBeLessThan(60_000);
    }
    expect(await list(app)).toEqual(created);
  });

  it('accepts everyday names for types and stores the canonical one', async () => {
    const { app } = makeEmulator();
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { type: 'deny-title', title: 'harbor-city-desk' },
        { type: 'deny-resource', resource: 'harbor-city-desk' },
      ],
      [
        { type: 'degrade', rule: 'AuthZNone', mvpd: 'AcmeCable' },
        { type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable' },
      ],
      [
        { type: 'slow-login', delayMs: 1000, mvpd: 'AcmeCable' },
        { type: 'login-delay', delayMs: 1000, mvpd: 'AcmeCable' },
      ],
      [
        { type: 'failing-login', probability: 1, mvpd: 'MetroFiber' },
        { type: 'login-failure', probability: 1, mvpd: 'MetroFiber' },
      ],
    ];
    for (const [sent, stored] of cases) {
      const response = await postScenario(app, sent);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject(stored);
    }
    await expectInvalid(app, { type: 'deny-title' }, /resource/);
    await expectInvalid(app, { type: 'deny-title', title: 'no-such-title' }, /Unknown resource/);
  });

  it('rejects malformed bodies with invalid_request', async () => {
    const { app } = makeEmulator();
    await expectInvalid(app, 'not json', 'one scenario as JSON');
    await expectInvalid(app, '[]', 'one scenario object');
    await expectInvalid(app, {}, /"type" must be one of deny-resource, deny-channel, degradation/);
    await expectInvalid(app, { type: 'blackout' }, /"type" must be one of/);
    await expectInvalid(app, { type: 'latency', delayMs: 10, color: 'red' }, 'Unknown field(s): color');
    await expectInvalid(app, 'x'.repeat(20_000), 'too large');
    expect(await list(app)).toEqual([]);
  });

  it('checks the fields each type requires and their ranges', async () => {
    const { app } = makeEmulator();
    const cases: [unknown, RegExp][] = [
      [{ type: 'deny-resource' }, /"resource"/],
      [{ type: 'deny-channel', channel: '' }, /"channel"/],
      [{ type: 'deny-resource', resource: 'harbor-morning-brief', details: '' }, /"details"/],
      [{ type: 'degradation', rule: 'AuthNSome', mvpd: 'AcmeCable' }, /"rule"/],
      [{ type: 'degradation', rule: 'AuthNAll' }, /needs "mvpd"/],
      [{ type: 'login-delay', delayMs: 1000 }, /needs "mvpd"/],
      [{ type: 'login-failure', probability: 0.1 }, /needs "mvpd"/],
      [{ type: 'login-delay', delayMs: 60_001, mvpd: 'AcmeCable' }, /"delayMs"/],
      [{ type: 'login-delay', delayMs: -1, mvpd: 'AcmeCable' }, /"delayMs"/],
      [{ type: 'login-delay', delayMs: 1.5, mvpd: 'AcmeCable' }, /"delayMs"/],
      [{ type: 'login-failure', probability: 1.01, mvpd: 'AcmeCable' }, /"probability"/],
      [{ type: 'login-failure', probability: -0.1, mvpd: 'AcmeCable' }, /"probability"/],
      [{ type: 'latency', delayMs: '100' }, /"delayMs"/],
      [{ type: 'latency', delayMs: 100, endpoint: 'checkout' }, /"endpoint"/],
      [{ type: 'fault', fault: 'drop', probability: 1 }, /"endpoint"/],
      [{ type: 'fault', endpoint: 'token', fault: 'explode', probability: 1 }, /"fault"/],
      [{ type: 'fault', endpoint: 'token', fault: 'drop' }, /"probability"/],
      [{ type: 'fault', endpoint: 'token', fault: 'server-error', probability: 1, status: 499 }, /"status"/],
      [{ type: 'fault', endpoint: 'token', fault: 'server-error', probability: 1, status: 600 }, /"status"/],
      [
        { type: 'fault', endpoint: 'token', fault: 'drop', probability: 1, status: 503 },
        /server-error faults only/,
      ],
      [{ type: 'throttle', throttled: true }, /needs "deviceId"/],
      [{ type: 'throttle', throttled: 'yes', deviceId: 'tv-1' }, /"throttled"/],
      [{ type: 'throttle', throttled: true, deviceId: 'tv-1', mvpd: 'AcmeCable' }, /takes no "mvpd"/],
      [{ type: 'latency', delayMs: 1, deviceId: '' }, /"deviceId"/],
      [{ type: 'latency', delayMs: 1, deviceId: 'a\nb' }, /"deviceId"/],
    ];
    for (const [body, message] of cases) await expectInvalid(app, body, message);
    expect(await list(app)).toEqual([]);
  });

  it('checks names against the seed and scopes that could never match', async () => {
    const { app } = makeEmulator();
    const cases: [unknown, RegExp][] = [
      [{ type: 'degradation', rule: 'AuthZNone', mvpd: 'NoSuchCable' }, /Unknown mvpd "NoSuchCable"/],
      [{ type: 'deny-resource', resource: 'lantern-unknown-film' }, /Unknown resource/],
      [{ type: 'deny-resource', resource: 'harbor-news' }, /Unknown resource/],
      [{ type: 'deny-channel', channel: 'harbor-morning-brief' }, /Unknown channel/],
      [{ type: 'degradation', rule: 'AuthNAll', mvpd: 'TempPass' }, /TempPass MVPD/],
      [{ type: 'login-delay', delayMs: 10, mvpd: 'TempPassPromo' }, /TempPass MVPD/],
      [{ type: 'deny-channel', channel: 'summit-sports', mvpd: 'TempPass' }, /TempPass MVPD/],
      [
        { type: 'fault', endpoint: 'register', fault: 'drop', probability: 1, deviceId: 'tv-1' },
        /carry no device/,
      ],
      [{ type: 'latency', delayMs: 5, endpoint: 'configuration', mvpd: 'AcmeCable' }, /name no MVPD/],
    ];
    for (const [body, message] of cases) await expectInvalid(app, body, message);
    // A latency on TempPass decisions is meaningful and accepted.
    expect((await postScenario(app, { type: 'latency', delayMs: 5, mvpd: 'TempPass' })).status).toBe(201);
  });
});

describe('DELETE /__emulator/scenarios', () => {
  it('removes one by id (404 when unknown), one device’s, or all', async () => {
    const { app } = makeEmulator();
    const a = await addScenario(app, { type: 'latency', delayMs: 1, deviceId: 'tv-1' });
    const b = await addScenario(app, { type: 'throttle', throttled: false, deviceId: 'tv-1' });
    const c = await addScenario(app, { type: 'latency', delayMs: 2, deviceId: 'phone-2' });
    const d = await addScenario(app, { type: 'latency', delayMs: 3 });

    const removed = await deleteScenario(app, b);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ removed: 1 });
    const again = await deleteScenario(app, b);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'not_found', message: `There is no scenario "${b}".` });
    expect((await list(app)).map((s) => s.id)).toEqual([a, c, d]);

    const byDevice = await app.request('/__emulator/scenarios?deviceId=tv-1', { method: 'DELETE' });
    expect(await byDevice.json()).toEqual({ removed: 1 });
    expect((await list(app)).map((s) => s.id)).toEqual([c, d]);

    const bad = await app.request('/__emulator/scenarios?deviceId=a&deviceId=b', { method: 'DELETE' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_request');

    const all = await app.request('/__emulator/scenarios', { method: 'DELETE' });
    expect(await all.json()).toEqual({ removed: 2 });
    expect(await list(app)).toEqual([]);
  });

  it('other methods answer 405 with Allow', async () => {
    const { app } = makeEmulator();
    const put = await app.request('/__emulator/scenarios', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('Allow')).toBe('GET, POST, DELETE');
    const get = await app.request('/__emulator/scenarios/s1');
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('DELETE');
  });

  it('a reset removes every scenario', async () => {
    const { app } = makeEmulator();
    await addScenario(app, { type: 'latency', delayMs: 1 });
    expect((await app.request('/__emulator/reset', { method: 'POST' })).status).toBe(200);
    expect(await list(app)).toEqual([]);
  });
});

describe('the control plane’s admin gate covers the scenario routes', () => {
  const saved = process.env.EMULATOR_ADMIN_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.EMULATOR_ADMIN_TOKEN;
    else process.env.EMULATOR_ADMIN_TOKEN = saved;
  });

  const remote = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

  it('without a token: loopback callers only', async () => {
    delete process.env.EMULATOR_ADMIN_TOKEN;
    const { app } = makeEmulator();
    const body = JSON.stringify({ type: 'latency', delayMs: 1 });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
    for (const [path, method] of [
      ['/__emulator/scenarios', 'GET'],
      ['/__emulator/scenarios', 'POST'],
      ['/__emulator/scenarios', 'DELETE'],
      ['/__emulator/scenarios/s1', 'DELETE'],
    ] as const) {
      const request = method === 'POST' ? init : { method };
      const response = await app.request(path, request, remote('203.0.113.9'));
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe('forbidden');
    }
    expect((await app.request('/__emulator/scenarios', init, remote('127.0.0.1'))).status).toBe(201);
    expect((await app.request('/__emulator/scenarios', {}, remote('::1'))).status).toBe(200);
  });

  it('with EMULATOR_ADMIN_TOKEN: the X-Emulator-Admin-Token header, loopback or not', async () => {
    process.env.EMULATOR_ADMIN_TOKEN = 'let-me-in';
    const { app } = makeEmulator();
    const init = (token?: string) => ({
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { 'X-Emulator-Admin-Token': token } : {}),
      },
      body: JSON.stringify({ type: 'latency', delayMs: 1 }),
    });
    expect((await app.request('/__emulator/scenarios', init(), remote('127.0.0.1'))).status).toBe(403);
    expect((await app.request('/__emulator/scenarios', init('wrong'), remote('127.0.0.1'))).status).toBe(403);
    expect(
      (await app.request('/__emulator/scenarios', init('let-me-in'), remote('198.51.100.4'))).status,
    ).toBe(201);
    const listed = await app.request(
      '/__emulator/scenarios',
      { headers: { 'X-Emulator-Admin-Token': 'let-me-in' } },
      remote('198.51.100.4'),
    );
    expect(((await listed.json()) as { scenarios: unknown[] }).scenarios).toHaveLength(1);
  });
});

describe('login-delay and login-failure reach the MVPD login rules', () => {
  it('scoped by MVPD and device, newest first, and off again once removed', async () => {
    const { app, context } = makeEmulator();
    expect(loginBehaviourFor(context, 'AcmeCable', 'tv-1')).toEqual({ delayMs: 0, failureProbability: 0 });
    await addScenario(app, { type: 'login-delay', delayMs: 1500, mvpd: 'AcmeCable' });
    const failure = await addScenario(app, {
      type: 'login-failure',
      probability: 0.75,
      mvpd: 'AcmeCable',
      deviceId: 'tv-1',
    });
    await addScenario(app, { type: 'login-delay', delayMs: 3000, mvpd: 'AcmeCable', deviceId: 'tv-1' });
    expect(loginBehaviourFor(context, 'AcmeCable', 'tv-1')).toEqual({
      delayMs: 3000,
      failureProbability: 0.75,
    });
    expect(loginBehaviourFor(context, 'AcmeCable', 'phone-2')).toEqual({
      delayMs: 1500,
      failureProbability: 0,
    });
    expect(loginBehaviourFor(context, 'MetroFiber', 'tv-1')).toEqual({ delayMs: 0, failureProbability: 0 });
    await deleteScenario(app, failure);
    expect(loginBehaviourFor(context, 'AcmeCable', 'tv-1').failureProbability).toBe(0);
  });
});

describe('hostile bodies', () => {
  it('any JSON body is answered 201 or 400, never a 500, and stored scenarios are exactly the 201s', async () => {
    const { app } = makeEmulator();
    const types = [
      'deny-resource',
      'deny-channel',
      'degradation',
      'login-delay',
      'login-failure',
      'latency',
      'fault',
      'throttle',
    ];
    const value = fc.oneof(
      fc.constantFrom(
        'AcmeCable',
        'TempPass',
        'harbor-news',
        'harbor-morning-brief',
        'AuthNAll',
        'drop',
        'v1',
        '',
        '\u0000',
      ),
      fc.double(),
      fc.integer({ min: -1, max: 70_000 }),
      fc.boolean(),
      fc.constant(null),
      fc.jsonValue(),
    );
    const keys = fc.constantFrom(
      'resource',
      'channel',
      'details',
      'rule',
      'delayMs',
      'probability',
      'endpoint',
      'fault',
      'status',
      'throttled',
      'deviceId',
      'mvpd',
      '__proto__',
      'constructor',
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc
        .record({ type: fc.constantFrom(...types) })
        .chain((base) => fc.dictionary(keys, value, { maxKeys: 6 }).map((extra) => ({ ...extra, ...base }))),
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const response = await postScenario(app, JSON.stringify(candidate));
        expect([201, 400]).toContain(response.status);
        if (response.status === 201) created += 1;
      }),
      { numRuns: 300 },
    );
    expect(await list(app)).toHaveLength(created);
  });
});
