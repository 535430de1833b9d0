// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appConfigFromEnv } from '../app-config.ts';
import { createSeed } from '../domain/seed.ts';
import { startServer, type RunningServer } from '../server.ts';
import {
  apiHeaders,
  deviceHeader,
  formBody,
  makeEmulator,
  registerAndToken,
  SP,
  testSigningKeys,
  type Requester,
} from '../test-support.ts';
import { DroppedConnection, endpointFamily } from './fault-injection.ts';
import { addScenario } from './scenario-test-helpers.ts';

const STATEMENT = createSeed().softwareStatement;

async function register(app: Requester, headers: Record<string, string> = {}) {
  return await app.request('/o/client/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ software_statement: STATEMENT }),
  });
}

async function configuration(app: Requester, token: string, deviceId = 'tv-1') {
  return await app.request(`/api/v2/${SP}/configuration`, { headers: apiHeaders(token, deviceId) });
}

async function createSession(app: Requester, token: string, deviceId = 'tv-1', mvpd = 'AcmeCable') {
  return await app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(token, deviceId, { 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: formBody({ mvpd, domainName: 'localhost', redirectUrl: 'http://localhost/done' }),
  });
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe('endpointFamily', () => {
  it('maps method and path to the scenario endpoint families', () => {
    const table: [string, string, string | undefined][] = [
      ['POST', '/o/client/register', 'register'],
      ['GET', '/o/client/register', undefined],
      ['POST', '/o/client/token', 'token'],
      ['GET', `/api/v2/${SP}/configuration`, 'configuration'],
      ['POST', `/api/v2/${SP}/sessions`, 'sessions'],
      ['POST', `/api/v2/${SP}/sessions/ABC1234`, 'sessions'],
      ['GET', `/api/v2/${SP}/sessions/ABC1234`, 'sessions'],
      ['GET', `/api/v2/${SP}/profiles`, 'profiles'],
      ['GET', `/api/v2/${SP}/profiles/AcmeCable`, 'profiles'],
      ['GET', `/api/v2/${SP}/profiles/code/ABC1234`, 'profiles'],
      ['POST', `/api/v2/${SP}/decisions/preauthorize/AcmeCable`, 'preauthorize'],
      ['POST', `/api/v2/${SP}/decisions/authorize/AcmeCable`, 'authorize'],
      ['POST', `/api/v2/${SP}/decisions/other/AcmeCable`, undefined],
      ['GET', `/api/v2/${SP}/logout/AcmeCable`, 'logout'],
      ['GET', `/api/v2/authenticate/${SP}/ABC1234`, 'authenticate'],
      ['GET', '/adobe-services/authenticate/saml', 'authenticate'],
      ['GET', '/emulated-mvpd/AcmeCable/login', undefined],
      ['GET', '/adobe-services/logout', undefined],
      ['POST', '/media-token/verify', 'media-token-verify'],
      ['DELETE', '/reset-tempass/v3/reset', 'reset-temppass'],
      ['GET', '/api/v1/checkauthn', 'v1'],
      ['POST', `/reggie/v1/${SP}/regcode`, 'v1'],
      ['OPTIONS', `/api/v2/${SP}/configuration`, undefined],
      ['GET', '/__emulator/seed', undefined],
      ['GET', '/app-config.json', undefined],
      ['GET', '/index.html', undefined],
      ['GET', '/stream/harbor-city-desk', undefined],
    ];
    for (const [method, path, family] of table)
      expect([method, path, endpointFamily(method, path)]).toEqual([method, path, family]);
  });
});

describe('latency', () => {
  it('delays every API request when unscoped, not the control plane; delays of matching scenarios add up', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'latency', delayMs: 500 });
    await addScenario(app, { type: 'latency', delayMs: 500, endpoint: 'configuration' });
    const config = await timed(() => configuration(app, token));
    expect(config.value.status).toBe(200);
    expect(config.ms).toBeGreaterThanOrEqual(995);
    const session = await timed(() => createSession(app, token));
    expect(session.value.status).toBe(200);
    expect(session.ms).toBeGreaterThanOrEqual(495);
    expect(session.ms).toBeLessThan(950);
    const control = await timed(() => app.request('/__emulator/seed'));
    expect(control.value.status).toBe(200);
    expect(control.ms).toBeLessThan(450);
  });

  it('scoped to a device or an MVPD: other devices and MVPDs answer at once', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'latency', delayMs: 500, deviceId: 'tv-1' });
    await addScenario(app, { type: 'latency', delayMs: 500, endpoint: 'profiles', mvpd: 'MetroFiber' });
    expect((await timed(() => configuration(app, token, 'tv-1'))).ms).toBeGreaterThanOrEqual(495);
    expect((await timed(() => configuration(app, token, 'phone-2'))).ms).toBeLessThan(450);
    const profiles = (mvpd: string) =>
      timed(() => app.request(`/api/v2/${SP}/profiles/${mvpd}`, { headers: apiHeaders(token, 'phone-2') }));
    expect((await profiles('MetroFiber')).ms).toBeGreaterThanOrEqual(495);
    expect((await profiles('AcmeCable')).ms).toBeLessThan(450);
  });

  it('a code-bearing request is scoped by the device that created the session', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    const created = (await (await createSession(app, token, 'tv-1')).json()) as { code: string };
    await addScenario(app, { type: 'latency', delayMs: 200, endpoint: 'profiles', deviceId: 'tv-1' });
    const poll = await timed(() =>
      app.request(`/api/v2/${SP}/profiles/code/${created.code}`, { headers: apiHeaders(token) }),
    );
    expect(poll.value.status).toBe(200);
    expect(poll.ms).toBeGreaterThanOrEqual(195);
  });

  it('does not hold up other requests (a timer, not a busy wait)', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'latency', delayMs: 400, endpoint: 'sessions' });
    const order: string[] = [];
    const slow = createSession(app, token).then((response) => order.push(`sessions ${response.status}`));
    const fast = configuration(app, token).then((response) => order.push(`configuration ${response.status}`));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['configuration 200', 'sessions 200']);
  });
});

describe('fault', () => {
  it('server-error: Adobe’s enhanced error with code internal_server_error, default status 500', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    const id = await addScenario(app, {
      type: 'fault',
      endpoint: 'configuration',
      fault: 'server-error',
      probability: 1,
    });
    const response = await app.request(`/api/v2/${SP}/configuration`, {
      headers: { ...apiHeaders(token, 'tv-1'), Origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
    // Browsers can read the answer: the CORS headers are there.
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(await response.json()).toEqual({
      status: 500,
      code: 'internal_server_error',
      message: expect.any(String),
      details: `Injected by the emulator's fault scenario ${id}.`,
      helpUrl: expect.stringMatching(/^https:\/\//),
      trace: expect.any(String),
      action: 'none',
    });
    // Another family is untouched.
    expect((await createSession(app, token)).status).toBe(200);
  });

  it('server-error with a status, in the shape of each family', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    for (const endpoint of ['sessions', 'authenticate', 'v1', 'media-token-verify'])
      await addScenario(app, { type: 'fault', endpoint, fault: 'server-error', probability: 1, status: 503 });

    const sessions = await createSession(app, token);
    expect(sessions.status).toBe(503);
    expect(await sessions.json()).toMatchObject({ status: 503, code: 'internal_server_error' });

    const page = await app.request(`/api/v2/authenticate/${SP}/ABC1234`);
    expect(page.status).toBe(503);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Service unavailable');

    const v1 = await app.request(`/api/v1/checkauthn.json?requestor=${SP}&deviceId=tv-1`);
    expect(v1.status).toBe(503);
    expect(await v1.json()).toMatchObject({ status: 503, message: 'Internal Server Error' });
    const v1Xml = await app.request(`/api/v1/checkauthn?requestor=${SP}&deviceId=tv-1`);
    expect(v1Xml.status).toBe(503);
    expect(await v1Xml.text()).toContain('<status>503</status>');

    const verify = await app.request('/media-token/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'x', resource: 'y' }),
    });
    expect(verify.status).toBe(503);
    expect(await verify.json()).toMatchObject({ status: 'INTERNAL_ERROR' });
  });

  it('too-many-requests: the throttle’s own HTML 429', async () => {
    const { app, context } = makeEmulator({ throttleMode: 'adobe' });
    await addScenario(app, {
      type: 'fault',
      endpoint: 'register',
      fault: 'too-many-requests',
      probability: 1,
    });
    const injected = await register(app);
    expect(injected.status).toBe(429);
    expect(injected.headers.get('Content-Type')).toMatch(/^text\/html/);
    const injectedBody = await injected.text();
    // A genuinely throttled request answers the very same page.
    context.throttle.setMode('adobe');
    await app.request('/__emulator/scenarios', { method: 'DELETE' });
    let genuine: Response | undefined;
    for (let i = 0; i < 30 && genuine?.status !== 429; i += 1) genuine = await register(app);
    expect(genuine?.status).toBe(429);
    expect(await genuine!.text()).toBe(injectedBody);
  });

  it('probability 0 never fires; scoping by MVPD leaves other MVPDs alone', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'fault', endpoint: 'sessions', fault: 'server-error', probability: 0 });
    await addScenario(app, {
      type: 'fault',
      endpoint: 'logout',
      fault: 'server-error',
      probability: 1,
      mvpd: 'MetroFiber',
    });
    for (let i = 0; i < 10; i += 1) expect((await createSession(app, token)).status).toBe(200);
    const logout = (mvpd: string) =>
      app.request(`/api/v2/${SP}/logout/${mvpd}`, { headers: apiHeaders(token, 'tv-1') });
    expect((await logout('MetroFiber')).status).toBe(500);
    expect((await logout('AcmeCable')).status).toBe(200);
  });

  it('drop in-process: the request rejects, as fetch does on a dropped connection', async () => {
    const { app } = makeEmulator();
    await addScenario(app, { type: 'fault', endpoint: 'register', fault: 'drop', probability: 1 });
    await expect(register(app)).rejects.toBeInstanceOf(DroppedConnection);
    expect((await app.request('/__emulator/seed')).status).toBe(200);
  });
});

describe('on a running server', () => {
  let server: RunningServer;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'fault-spa-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>spa</title>');
    writeFileSync(join(staticDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      database: ':memory:',
      throttleMode: 'off',
      keys: testSigningKeys(),
      staticDir,
      appConfig: (context) => appConfigFromEnv({}, context.seed),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(staticDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await fetch(`${server.url}/__emulator/scenarios`, { method: 'DELETE' });
  });

  const http = (): Requester => ({
    request: (input, init) => fetch(new URL(input, server.url), { ...init, redirect: 'manual' }),
  });

  it('drop: the connection closes without an answer; the server keeps serving', async () => {
    await addScenario(http(), { type: 'fault', endpoint: 'register', fault: 'drop', probability: 1 });
    await expect(register(http())).rejects.toThrow();
    expect((await fetch(`${server.url}/__emulator/scenarios`)).status).toBe(200);
    await fetch(`${server.url}/__emulator/scenarios`, { method: 'DELETE' });
    expect((await register(http())).status).toBe(201);
  });

  it('never touches the control plane, /app-config.json, the SPA files or the MVPD’s own pages', async () => {
    for (const endpoint of ['register', 'token', 'configuration', 'authenticate', 'v1'])
      await addScenario(http(), { type: 'fault', endpoint, fault: 'server-error', probability: 1 });
    await addScenario(http(), { type: 'latency', delayMs: 5_000 });
    const quick = async (path: string) => {
      const { value, ms } = await timed(() => fetch(`${server.url}${path}`, { redirect: 'manual' }));
      expect([path, value.status]).toEqual([path, 200]);
      expect(ms).toBeLessThan(2_000);
    };
    await quick('/__emulator/seed');
    await quick('/__emulator/clock');
    await quick('/app-config.json');
    await quick('/');
    await quick('/logo.svg');
    await quick('/providers');
    const mvpdPage = await fetch(`${server.url}/emulated-mvpd/AcmeCable/login?flow=nope`);
    expect(mvpdPage.status).not.toBe(500);
  });
});

describe('determinism', () => {
  async function faultSequence(seed: string): Promise<number[]> {
    const { app } = makeEmulator({ randomSeed: seed });
    await addScenario(app, { type: 'fault', endpoint: 'register', fault: 'server-error', probability: 0.5 });
    await addScenario(app, {
      type: 'fault',
      endpoint: 'register',
      fault: 'too-many-requests',
      probability: 0.2,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push((await register(app)).status);
    return statuses;
  }

  it('the same seed and requests meet the same faults; another seed differs', async () => {
    const first = await faultSequence('suite-42');
    const second = await faultSequence('suite-42');
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([201, 500, 429]));
    expect(await faultSequence('suite-43')).not.toEqual(first);
  });
});

describe('throttle scenario', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('throttled: true puts the device in a bucket of its own even when the mode is off', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T12:00:00Z') });
    const { app } = makeEmulator({ throttleMode: 'off' });
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'throttle', throttled: true, deviceId: 'tv-1' });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) statuses.push((await configuration(app, token, 'tv-1')).status);
    expect(statuses).toEqual([...Array<number>(11).fill(200), 429, 429, 429]);
    // Other devices, and requests without a device header, are not throttled (mode off).
    for (let i = 0; i < 20; i += 1) expect((await configuration(app, token, 'phone-2')).status).toBe(200);
    // One second later one token is back.
    vi.setSystemTime(Date.now() + 1_000);
    expect((await configuration(app, token, 'tv-1')).status).toBe(200);
    expect((await configuration(app, token, 'tv-1')).status).toBe(429);
    // Removing the scenario lifts it.
    await app.request('/__emulator/scenarios?deviceId=tv-1', { method: 'DELETE' });
    expect((await configuration(app, token, 'tv-1')).status).toBe(200);
  });

  it('throttled: false exempts the device while others sharing its IP are throttled', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T12:00:00Z') });
    const { app } = makeEmulator({ throttleMode: 'adobe' });
    const token = await registerAndToken(app);
    await addScenario(app, { type: 'throttle', throttled: false, deviceId: 'tv-1' });
    for (let i = 0; i < 25; i += 1) expect((await configuration(app, token, 'tv-1')).status).toBe(200);
    const others: number[] = [];
    for (let i = 0; i < 12; i += 1) others.push((await configuration(app, token, 'phone-2')).status);
    // register + token took 2 of the IP's 11 tokens.
    expect(others).toEqual([...Array<number>(9).fill(200), 429, 429, 429]);
    const headers = { ...apiHeaders(token), 'AP-Device-Identifier': deviceHeader('tv-1') };
    expect((await app.request(`/api/v2/${SP}/profiles`, { headers })).status).toBe(200);
  });
});
