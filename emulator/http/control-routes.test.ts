// @vitest-environment node
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulatorContext, type EmulatorContext } from '../context.ts';
import { mediaTokenId } from '../domain/media-token.ts';
import {
  apiHeaders,
  deviceHeader,
  formBody,
  makeEmulator,
  openLoginForm,
  ORIGIN,
  registerAndToken,
  registerClient,
  signIn,
  SP,
} from '../test-support.ts';
import { createEmulatorApp } from './app.ts';
import { controlRoutes } from './control-routes.ts';
import type { EmulatorEnv } from './env.ts';
import { traceMiddleware } from './middleware.ts';

function makeApp() {
  const context = createEmulatorContext({ database: ':memory:', throttleMode: 'off' });
  return { context, app: createEmulatorApp(context) };
}

const post = (app: Hono<EmulatorEnv>, path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('control plane', () => {
  it('GET /__emulator/seed describes the seeded world', async () => {
    const { app } = makeApp();
    const response = await app.request('/__emulator/seed');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
    const seed = (await response.json()) as {
      serviceProvider: string;
      softwareStatement: string;
      redirectUris: string[];
      domains: string[];
      mvpds: { id: string; displayName: string; personality: string; demonstrates: string }[];
      accounts: { mvpd: string; username: string; password: string }[];
      resources: { id: string; title: string; channel: string }[];
    };
    expect(seed.serviceProvider).toBe('REF30');
    expect(seed.softwareStatement.split('.')).toHaveLength(3);
    expect(seed.redirectUris.length).toBeGreaterThan(0);
    expect(seed.domains).toContain('localhost');
    expect(seed.mvpds.map((m) => m.id)).toEqual(expect.arrayContaining(['AcmeCable', 'MetroFiber']));
    expect(seed.mvpds.find((m) => m.id === 'MetroFiber')?.personality).toBe('two-hop');
    for (const mvpd of ['AcmeCable', 'MetroFiber']) {
      for (const username of ['premium', 'basic', 'lapsed']) {
        expect(seed.accounts).toContainEqual(
          expect.objectContaining({ mvpd, username, password: 'password' }),
        );
      }
    }
    expect(seed.resources.length).toBeGreaterThanOrEqual(12);
    expect(new Set(seed.resources.map((r) => r.channel)).size).toBeGreaterThanOrEqual(3);
  });

  it('reads, advances and sets the clock, which keeps running; reset returns to real time', async () => {
    const { app, context } = makeApp();
    const before = (await (await app.request('/__emulator/clock')).json()) as { now: number };
    expect(Math.abs(before.now - Date.now())).toBeLessThan(1000);

    const advanced = (await (await post(app, '/__emulator/clock', { advanceMs: 3_600_000 })).json()) as {
      now: number;
    };
    expect(advanced.now - Date.now()).toBeGreaterThan(3_599_000);
    expect(context.clock.now() - Date.now()).toBeGreaterThan(3_599_000);

    const target = Date.UTC(2030, 0, 1);
    const set = (await (await post(app, '/__emulator/clock', { now: target })).json()) as { now: number };
    expect(set.now).toBeGreaterThanOrEqual(target);
    expect(set.now - target).toBeLessThan(1000);

    await post(app, '/__emulator/reset', {});
    expect(Math.abs(context.clock.now() - Date.now())).toBeLessThan(1000);
  });

  it('rejects malformed clock and throttle bodies with 400', async () => {
    const { app } = makeApp();
    for (const body of [{}, { advanceMs: -1 }, { advanceMs: 'x' }, { now: 1, advanceMs: 1 }, [1]]) {
      expect((await post(app, '/__emulator/clock', body)).status).toBe(400);
    }
    const raw = await app.request('/__emulator/clock', { method: 'POST', body: '{not json' });
    expect(raw.status).toBe(400);
    for (const body of [
      { mode: 'fast' },
      {},
      { ratePerSecond: 0 },
      { ratePerSecond: 'x' },
      { burst: -1 },
      { burst: 1.5 },
      { retryAfter: 'yes' },
      { mode: 'off', extra: 1 },
    ]) {
      expect((await post(app, '/__emulator/throttle', body)).status).toBe(400);
    }
  });

  it('switches the throttling mode; Adobe’s rate and burst by default, no Retry-After', async () => {
    const { app, context } = makeApp();
    const adobe = { mode: 'per-device', ratePerSecond: 1, burst: 10, retryAfter: false };
    expect(await (await post(app, '/__emulator/throttle', { mode: 'per-device' })).json()).toEqual(adobe);
    expect(context.throttle.mode).toBe('per-device');
    expect(await (await app.request('/__emulator/throttle')).json()).toEqual(adobe);
  });

  it('changes rate, burst and the Retry-After flag (spec throttling.md), kept by the mode', async () => {
    const context = createEmulatorContext({ database: ':memory:', throttleMode: 'adobe' });
    const app = createEmulatorApp(context);
    const configured = await post(app, '/__emulator/throttle', {
      ratePerSecond: 0.5,
      burst: 2,
      retryAfter: true,
    });
    expect(await configured.json()).toEqual({
      mode: 'adobe',
      ratePerSecond: 0.5,
      burst: 2,
      retryAfter: true,
    });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await app.request('/api/v2/REF30/configuration', {
        headers: { 'X-Forwarded-For': '198.51.100.8' },
      });
      statuses.push(last.status);
    }
    // 1 + a burst of 2 pass, the 4th is refused, and says when to come back (one token per 2 s).
    expect(statuses.map((status) => status === 429)).toEqual([false, false, false, true]);
    expect(last?.headers.get('Retry-After')).toBe('2');
    expect(await (await post(app, '/__emulator/throttle', { mode: 'per-device' })).json()).toMatchObject({
      ratePerSecond: 0.5,
      burst: 2,
    });
  });

  it('throttles API paths with a plain HTML 429 in adobe mode, never the control plane', async () => {
    const context = createEmulatorContext({ database: ':memory:', throttleMode: 'adobe' });
    const app = createEmulatorApp(context);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push(
        (await app.request('/api/v2/REF30/configuration', { headers: { 'X-Forwarded-For': '198.51.100.9' } }))
          .status,
      );
    }
    expect(statuses.slice(0, 11)).not.toContain(429);
    expect(statuses[11]).toBe(429);
    const throttled = await app.request('/api/v2/REF30/configuration', {
      headers: { 'X-Forwarded-For': '198.51.100.9' },
    });
    expect(throttled.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(throttled.headers.get('Retry-After')).toBeNull();
    for (let i = 0; i < 20; i += 1) expect((await app.request('/__emulator/clock')).status).toBe(200);
  });

  it('requires the admin token when EMULATOR_ADMIN_TOKEN is set', async () => {
    const context = createEmulatorContext({ database: ':memory:', throttleMode: 'off' });
    const app = new Hono<EmulatorEnv>();
    app.use('*', traceMiddleware(context));
    app.route('/', controlRoutes(context, 's3cret'));
    expect((await app.request('/__emulator/clock')).status).toBe(403);
    expect(
      (await app.request('/__emulator/clock', { headers: { 'X-Emulator-Admin-Token': 'nope' } })).status,
    ).toBe(403);
    expect(
      (await app.request('/__emulator/clock', { headers: { 'X-Emulator-Admin-Token': 's3cret' } })).status,
    ).toBe(200);
  });
});

// ---- reset (full, seeded, one device), events, admin gate on every route ----

const DEVICE_A = 'ctl-device-a';
const DEVICE_B = 'ctl-device-b';

interface EventView {
  id: number;
  at: number;
  type: string;
  action: string;
  deviceId: string | null;
  [field: string]: unknown;
}

async function events(app: Hono<EmulatorEnv>, query = ''): Promise<EventView[]> {
  const response = await app.request(`/__emulator/events${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { events: EventView[] }).events;
}

function count(context: EmulatorContext, table: string, where = '1 = 1', ...params: string[]): number {
  return (
    context.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }
  ).n;
}

async function authorize(
  app: Hono<EmulatorEnv>,
  token: string,
  deviceId: string,
  mvpd: string,
  resources: string[],
  kind: 'authorize' | 'preauthorize' = 'authorize',
) {
  const response = await app.request(`/api/v2/${SP}/decisions/${kind}/${mvpd}`, {
    method: 'POST',
    headers: apiHeaders(token, deviceId, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      decisions?: { resource: string; authorized: boolean; token?: { serializedToken: string } }[];
    },
  };
}

/** Device A and B each signed in to AcmeCable with a TempPass trial, a login flow open on A. */
async function twoDevices() {
  const { app, context } = makeEmulator();
  const token = await registerAndToken(app);
  for (const deviceId of [DEVICE_A, DEVICE_B]) {
    await signIn(app, { token, deviceId, mvpd: 'AcmeCable', username: 'premium', password: 'password' });
    expect((await authorize(app, token, deviceId, 'TempPass', ['harbor-city-desk'])).status).toBe(200);
  }
  // A second, unfinished sign-in on A leaves an open login flow.
  const created = await app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(token, DEVICE_A, { 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: formBody({ mvpd: 'MetroFiber', domainName: 'localhost', redirectUrl: `${ORIGIN}/done` }),
  });
  const pending = (await created.json()) as { url: string };
  await openLoginForm(app, pending.url);
  return { app, context, token };
}

describe('POST /__emulator/reset', () => {
  it('rejects unknown keys, both deviceId and seed, bad values and non-JSON with 400 invalid_request', async () => {
    const { app } = makeEmulator();
    const bodies: unknown[] = [
      { all: true },
      { deviceId: DEVICE_A, seed: 1 },
      { deviceId: '' },
      { deviceId: 42 },
      { deviceId: 'a\nb' },
      { seed: 1.5 },
      { seed: '' },
      { seed: null },
      { seed: true },
      [],
      null,
      'reset',
    ];
    for (const body of bodies) {
      const response = await post(app, '/__emulator/reset', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { error: string; message: string };
      expect(answer.error).toBe('invalid_request');
      expect(answer.message).toMatch(/deviceId/);
    }
    const both = (await (await post(app, '/__emulator/reset', { deviceId: DEVICE_A, seed: 1 })).json()) as {
      message: string;
    };
    expect(both.message).toMatch(/^deviceId and seed exclude each other/);
    const extra = (await (await post(app, '/__emulator/reset', { all: true })).json()) as { message: string };
    expect(extra.message).toMatch(/^Unknown key\(s\): all/);
    const raw = await app.request('/__emulator/reset', { method: 'POST', body: '{"deviceId":' });
    expect(raw.status).toBe(400);
  });

  it('no body or {} resets everything and answers {reset:"all", seed, now}', async () => {
    const { app, context } = await twoDevices();
    context.clock.advance(3_600_000);
    const none = await app.request('/__emulator/reset', { method: 'POST' });
    expect(none.status).toBe(200);
    const answer = (await none.json()) as { reset: string; seed: string | null; now: number };
    expect(answer).toEqual({ reset: 'all', seed: null, now: expect.any(Number) as number });
    expect(Math.abs(answer.now - Date.now())).toBeLessThan(1000);
    for (const table of ['clients', 'sessions', 'profiles', 'login_flows', 'temppass_trials', 'events']) {
      expect(count(context, table), table).toBe(0);
    }
    expect(((await (await post(app, '/__emulator/reset', {})).json()) as { reset: string }).reset).toBe(
      'all',
    );
  });

  it('{"seed": n} resets and restarts both random streams from n (number and string alike)', async () => {
    const { app, context } = makeEmulator();
    const first = await post(app, '/__emulator/reset', { seed: 7 });
    expect(await first.json()).toMatchObject({ reset: 'all', seed: '7' });
    expect(context.randomSeed).toBe('7');
    const a = await registerClient(app);
    const faultA = context.faultRandom.float();
    await post(app, '/__emulator/reset', { seed: '7' });
    const b = await registerClient(app);
    expect(b).toEqual(a);
    expect(context.faultRandom.float()).toBe(faultA);
    await post(app, '/__emulator/reset', { seed: 8 });
    expect((await registerClient(app)).client_id).not.toBe(a.client_id);
  });

  it('a plain reset restarts the streams from the configured seed (EMULATOR_SEED)', async () => {
    const { app, context } = makeEmulator({ randomSeed: 'configured' });
    const fresh = await registerClient(app);
    await post(app, '/__emulator/reset', { seed: 99 });
    expect(context.randomSeed).toBe('99');
    const answer = (await (await post(app, '/__emulator/reset', {})).json()) as { seed: string | null };
    expect(answer.seed).toBe('configured');
    expect(await registerClient(app)).toEqual(fresh);
  });

  it('{"deviceId"} removes only that device: sessions, login flows, profiles, TempPass link, events, scenarios', async () => {
    const { app, context, token } = await twoDevices();
    for (const deviceId of [DEVICE_A, DEVICE_B]) {
      const scenario = await post(app, '/__emulator/scenarios', {
        type: 'throttle',
        throttled: false,
        deviceId,
      });
      expect(scenario.status).toBe(201);
    }
    const before = {
      sessionsB: count(context, 'sessions', 'device_id = ?', DEVICE_B),
      profilesB: count(context, 'profiles', 'device_id = ?', DEVICE_B),
      eventsB: count(context, 'events', 'device_id = ?', DEVICE_B),
    };
    expect(count(context, 'login_flows')).toBe(1);

    const response = await post(app, '/__emulator/reset', { deviceId: DEVICE_A });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      reset: string;
      deviceId: string;
      removed: Record<string, number | boolean>;
      now: number;
    };
    expect(answer).toMatchObject({ reset: 'device', deviceId: DEVICE_A });
    expect(answer.removed).toMatchObject({
      sessions: 2,
      loginFlows: 1,
      profiles: 2, // AcmeCable regular + TempPass temporary
      tempPassDeviceLinks: 1,
      tempPassTrials: 1,
      scenarios: 1,
      throttleBucket: false,
    });
    expect(answer.removed.events).toBeGreaterThan(5);

    for (const table of ['sessions', 'profiles', 'temppass_device_links', 'events']) {
      expect(count(context, table, 'device_id = ?', DEVICE_A), table).toBe(0);
    }
    expect(count(context, 'login_flows')).toBe(0);
    expect(count(context, 'sessions', 'device_id = ?', DEVICE_B)).toBe(before.sessionsB);
    expect(count(context, 'profiles', 'device_id = ?', DEVICE_B)).toBe(before.profilesB);
    expect(count(context, 'events', 'device_id = ?', DEVICE_B)).toBe(before.eventsB);
    expect(count(context, 'temppass_trials')).toBe(1);
    expect(count(context, 'clients')).toBe(1);
    const scenarios = (await (await app.request('/__emulator/scenarios')).json()) as {
      scenarios: { deviceId?: string }[];
    };
    expect(scenarios.scenarios.map((s) => s.deviceId)).toEqual([DEVICE_B]);

    // A is signed out and its TempPass restarts; B still watches with its old pass.
    const profilesA = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, DEVICE_A) });
    expect(await profilesA.json()).toEqual({ profiles: {} });
    const profilesB = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, DEVICE_B) });
    expect(Object.keys(((await profilesB.json()) as { profiles: object }).profiles)).toEqual(['AcmeCable']);
    expect((await authorize(app, token, DEVICE_A, 'AcmeCable', ['harbor-city-desk'])).status).toBe(403);
  });

  it('a device reset leaves a promotional trial its identity still points at, like Reset TempPass', async () => {
    const { app, context } = makeEmulator();
    const token = await registerAndToken(app);
    const identity = Buffer.from(JSON.stringify({ email: 'a'.repeat(64) })).toString('base64');
    const response = await app.request(`/api/v2/${SP}/decisions/authorize/TempPassPromo`, {
      method: 'POST',
      headers: apiHeaders(token, DEVICE_A, {
        'Content-Type': 'application/json',
        'AP-TempPass-Identity': identity,
      }),
      body: JSON.stringify({ resources: ['harbor-city-desk'] }),
    });
    expect(response.status).toBe(200);
    const answer = (await (await post(app, '/__emulator/reset', { deviceId: DEVICE_A })).json()) as {
      removed: Record<string, number>;
    };
    expect(answer.removed).toMatchObject({ tempPassDeviceLinks: 1, tempPassTrials: 0 });
    expect(count(context, 'temppass_trials')).toBe(1);
    expect(count(context, 'temppass_identity_links')).toBe(1);
  });

  it('a device reset removes its v1 regcodes, authorizations and free previews and the playbacks of its tokens', async () => {
    const { app, context, token } = await twoDevices();
    const issued = await authorize(app, token, DEVICE_A, 'AcmeCable', ['harbor-city-desk']);
    const serialized = issued.body.decisions?.[0]?.token?.serializedToken ?? '';
    const stream = await app.request(`/stream/harbor-city-desk?token=${encodeURIComponent(serialized)}`);
    expect(stream.status).toBeLessThan(300);
    expect(count(context, 'playbacks')).toBe(1);
    const now = context.clock.now();
    context.db
      .prepare(
        `INSERT INTO v1_regcodes (code, id, requestor, generated, expires, device_id, client_id, software_id)
         VALUES ('V1CODE1', 'r1', 'REF30', ?, ?, ?, 'c', 's'), ('V1CODE2', 'r2', 'REF30', ?, ?, ?, 'c', 's')`,
      )
      .run(now, now + 60_000, DEVICE_A, now, now + 60_000, DEVICE_B);
    for (const deviceId of [DEVICE_A, DEVICE_B]) {
      context.db
        .prepare(
          `INSERT INTO v1_authorizations (app_id, device_id, service_provider, mvpd, resource, not_before, not_after)
           VALUES ('app', ?, 'REF30', 'AcmeCable', 'x', 0, 1)`,
        )
        .run(deviceId);
      context.db
        .prepare(
          `INSERT INTO v1_freepreviews (app_id, device_id, service_provider, mvpd, created_at)
           VALUES ('app', ?, 'REF30', 'TempPass', 0)`,
        )
        .run(deviceId);
    }
    const answer = (await (await post(app, '/__emulator/reset', { deviceId: DEVICE_A })).json()) as {
      removed: Record<string, number>;
    };
    expect(answer.removed).toMatchObject({
      v1Regcodes: 1,
      v1Authorizations: 1,
      v1Freepreviews: 1,
      playbacks: 1,
    });
    for (const table of ['v1_regcodes', 'v1_authorizations', 'v1_freepreviews']) {
      expect(count(context, table, 'device_id = ?', DEVICE_B), table).toBe(1);
    }
  });

  it("a device reset refills that device's per-device throttle bucket only", async () => {
    const { app } = makeEmulator({ throttleMode: 'per-device' });
    const hit = (deviceId: string) =>
      app.request(`/api/v2/${SP}/configuration`, {
        headers: { 'AP-Device-Identifier': deviceHeader(deviceId) },
      });
    for (const deviceId of [DEVICE_A, DEVICE_B]) {
      for (let i = 0; i < 11; i += 1) expect((await hit(deviceId)).status).not.toBe(429);
      expect((await hit(deviceId)).status).toBe(429);
    }
    const answer = (await (await post(app, '/__emulator/reset', { deviceId: DEVICE_A })).json()) as {
      removed: { throttleBucket: boolean };
    };
    expect(answer.removed.throttleBucket).toBe(true);
    expect((await hit(DEVICE_A)).status).not.toBe(429);
    expect((await hit(DEVICE_B)).status).toBe(429);
  });
});

describe('GET /__emulator/events', () => {
  it('records sessions, code lookups, profiles, decisions, media tokens and logout, newest first', async () => {
    const { app, context } = makeEmulator();
    context.clock.advance(86_400_000);
    const token = await registerAndToken(app);
    const { code } = await signIn(app, {
      token,
      deviceId: DEVICE_A,
      mvpd: 'AcmeCable',
      username: 'basic',
      password: 'password',
    });
    const lookup = (path: string) =>
      app.request(`/api/v2/${SP}/sessions/${path}`, { headers: apiHeaders(token) });
    expect((await lookup(code.toLowerCase())).status).toBe(200);
    expect((await lookup('NOSUCH1')).status).toBe(400);
    const pre = await authorize(
      app,
      token,
      DEVICE_A,
      'AcmeCable',
      ['harbor-city-desk', 'summit-derby-day'],
      'preauthorize',
    );
    expect(pre.status).toBe(200);
    const issued = await authorize(app, token, DEVICE_A, 'AcmeCable', ['harbor-city-desk']);
    const serialized = issued.body.decisions?.[0]?.token?.serializedToken ?? '';
    expect(serialized).not.toBe('');
    expect((await authorize(app, token, DEVICE_B, 'AcmeCable', ['harbor-city-desk'])).status).toBe(403);
    const logout = await app.request(`/api/v2/${SP}/logout/AcmeCable`, {
      headers: apiHeaders(token, DEVICE_A),
    });
    expect(logout.status).toBe(200);
    context.clock.advance(31 * 60_000);
    expect((await lookup(code)).status).toBe(400);

    const all = await events(app, '?limit=2000');
    expect(all.map((event) => event.id)).toEqual([...all.map((event) => event.id)].sort((a, b) => b - a));
    for (const event of all) expect(Math.abs(event.at - context.clock.now())).toBeLessThan(32 * 60_000);
    expect(all[0]?.at).toBeGreaterThan(Date.now() + 86_400_000);

    const mine = [...(await events(app, `?deviceId=${DEVICE_A}`))].reverse();
    expect(mine.map((event) => `${event.type}:${event.action}`)).toEqual([
      'session:created',
      'profile:created',
      'code:found',
      'decision:preauthorize',
      'decision:preauthorize',
      'decision:authorize',
      'media-token:issued',
      'profile:deleted',
      'logout:logout',
      'code:expired',
    ]);
    expect(mine[0]).toMatchObject({
      code,
      mvpd: 'AcmeCable',
      actionName: 'authenticate',
      reasonType: 'none',
    });
    expect(mine[1]).toMatchObject({
      mvpd: 'AcmeCable',
      profileType: 'regular',
      username: 'basic',
      code,
      cause: 'login',
    });
    expect(mine[2]).toMatchObject({ code, mvpd: 'AcmeCable', authenticated: true });
    expect(mine[3]).toMatchObject({
      resource: 'harbor-city-desk',
      authorized: true,
      source: 'mvpd',
      error: null,
    });
    expect(mine[4]).toMatchObject({
      resource: 'summit-derby-day',
      authorized: false,
      error: 'preauthorization_denied_by_mvpd',
      status: 403,
      api: 'v2',
    });
    expect(mine[6]).toMatchObject({
      resource: 'harbor-city-desk',
      tokenId: mediaTokenId(serialized),
      api: 'v2',
    });
    expect(JSON.stringify(all)).not.toContain(serialized.slice(0, 200));
    expect(mine[7]).toMatchObject({ cause: 'logout', mvpd: 'AcmeCable' });
    expect(mine[9]).toMatchObject({ code, authenticated: true });

    const other = await events(app, `?deviceId=${DEVICE_B}`);
    expect(other).toEqual([
      expect.objectContaining({
        type: 'decision',
        action: 'authorize',
        resource: null,
        error: 'authenticated_profile_missing',
        status: 403,
      }),
    ]);
    expect(all).toContainEqual(
      expect.objectContaining({ type: 'code', action: 'not_found', code: 'NOSUCH1', deviceId: null }),
    );
  });

  it('filters by type (one or several), limit and after; validates the query', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await signIn(app, {
      token,
      deviceId: DEVICE_A,
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    await authorize(
      app,
      token,
      DEVICE_A,
      'AcmeCable',
      ['harbor-city-desk', 'summit-derby-day'],
      'preauthorize',
    );
    await authorize(app, token, DEVICE_A, 'AcmeCable', ['harbor-city-desk']);
    await authorize(app, token, DEVICE_A, 'AcmeCable', ['summit-derby-day']);
    const decisions = await events(app, '?type=decision');
    expect(decisions.map((event) => `${event.action} ${String(event.resource)}`)).toEqual([
      'authorize summit-derby-day',
      'authorize harbor-city-desk',
      'preauthorize summit-derby-day',
      'preauthorize harbor-city-desk',
    ]);
    const several = await events(app, '?type=media-token,session');
    expect(several.map((event) => event.type)).toEqual(['media-token', 'media-token', 'session']);
    const newest = await events(app, '?limit=1');
    expect(newest).toEqual([expect.objectContaining({ type: 'media-token', resource: 'summit-derby-day' })]);
    const after = await events(app, `?after=${decisions[2]?.id ?? 0}`);
    expect(after.map((event) => event.type)).toEqual(['media-token', 'decision', 'media-token', 'decision']);
    expect(await events(app, '?deviceId=nobody')).toEqual([]);

    for (const query of [
      '?type=bogus',
      '?type=',
      '?type=decision,',
      '?limit=0',
      '?limit=2001',
      '?limit=x',
      '?limit=1.5',
      '?limit=-1',
      '?after=-1',
      '?deviceId=',
      '?since=1',
      '?limit=1&limit=2',
    ]) {
      const response = await app.request(`/__emulator/events${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    }
  });

  it('keeps events across a restart, in SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctl-events-'));
    try {
      const database = join(dir, 'emulator.sqlite');
      const first = makeEmulator({ database });
      const token = await registerAndToken(first.app);
      await authorize(first.app, token, DEVICE_A, 'TempPass', ['harbor-city-desk']);
      const before = await events(first.app);
      expect(before.length).toBeGreaterThan(0);
      first.context.db.close();
      const second = makeEmulator({ database });
      expect(await events(second.app)).toEqual(before);
      second.context.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('admin gate on the new routes', () => {
  const routes: [string, string, string?][] = [
    ['POST', '/__emulator/reset', '{}'],
    ['GET', '/__emulator/state'],
    ['PUT', '/__emulator/state', '{}'],
    ['GET', '/__emulator/events'],
  ];

  it('requires X-Emulator-Admin-Token when EMULATOR_ADMIN_TOKEN is set', async () => {
    const { context } = makeEmulator();
    const app = new Hono<EmulatorEnv>();
    app.use('*', traceMiddleware(context));
    app.route('/', controlRoutes(context, 's3cret'));
    for (const [method, path, body] of routes) {
      for (const headers of [{}, { 'X-Emulator-Admin-Token': 'wrong' }] as Record<string, string>[]) {
        const response = await app.request(path, { method, headers, ...(body ? { body } : {}) });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(((await response.json()) as { error: string }).error).toBe('forbidden');
      }
      const allowed = await app.request(path, {
        method,
        headers: { 'X-Emulator-Admin-Token': 's3cret' },
        ...(body ? { body } : {}),
      });
      expect(allowed.status, `${method} ${path}`).not.toBe(403);
    }
  });

  it('answers loopback callers only without the admin token', async () => {
    const { context } = makeEmulator();
    const app = new Hono<EmulatorEnv>();
    app.use('*', traceMiddleware(context));
    app.route('/', controlRoutes(context, undefined));
    const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    for (const [method, path, body] of routes) {
      const init = { method, ...(body ? { body } : {}) };
      expect((await app.request(path, init, from('203.0.113.7'))).status, `${method} ${path}`).toBe(403);
      expect((await app.request(path, init, from('::ffff:10.0.0.2'))).status, `${method} ${path}`).toBe(403);
      expect((await app.request(path, init, from('127.0.0.1'))).status, `${method} ${path}`).not.toBe(403);
      expect((await app.request(path, init, from('::1'))).status, `${method} ${path}`).not.toBe(403);
    }
  });
});
