// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../e2e/emulator-process.ts';
import { createPassClient, PassApiError, type PassClient, type PassExchange } from '../src/pass/index.ts';
import { completeBrowserLogin, httpRequester } from './test-support.ts';

/**
 * Contract test: the typed REST v2 client (src/pass) against the real emulator process over HTTP,
 * the same entry `npm start` runs. Nothing is mocked on either side.
 */
let server: EmulatorProcess;
let seed: { softwareStatement: string; redirectUris: string[] };

beforeAll(async () => {
  server = await startEmulatorProcess({ EMULATOR_THROTTLE: 'off' });
  seed = (await (await fetch(`${server.url}/__emulator/seed`)).json()) as typeof seed;
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

function makeClient(deviceId: string, exchanges: PassExchange[] = []): PassClient {
  return createPassClient({
    config: {
      apiBaseUrl: server.url,
      serviceProvider: 'REF30',
      softwareStatement: seed.softwareStatement,
      redirectUri: seed.redirectUris[0] ?? '',
    },
    deviceId,
    deviceInfo: { model: 'Contract', version: '1', osName: 'Linux', osVersion: '6', connectionType: 'LAN' },
    onExchange: (exchange) => exchanges.push(exchange),
  });
}

const control = (path: string, body: unknown) =>
  fetch(`${server.url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('REST v2 client ⇄ emulator process', () => {
  it('walks configuration → session (resume) → MVPD login → profiles → decisions → verify → logout', async () => {
    const client = makeClient('contract-tv-1');
    const redirectUrl = 'http://localhost/signed-in';

    const configuration = await client.getConfiguration();
    expect(configuration.requestor.id).toBe('REF30');
    expect(configuration.requestor.mvpds.map((m) => m.id)).toEqual(
      expect.arrayContaining(['AcmeCable', 'MetroFiber']),
    );

    const started = await client.createSession();
    expect(started).toMatchObject({ actionName: 'resume', actionType: 'direct', reasonType: 'none' });
    expect(started.missingParameters).toEqual(['mvpd', 'domainName', 'redirectUrl']);
    const code = started.code ?? '';
    expect(code).toMatch(/^[A-Z0-9]{7}$/);
    expect(Number(started.notAfter) - Number(started.notBefore)).toBe(1_800_000);

    const status = await client.getSession(code.toLowerCase());
    expect(status.missingParameters).toEqual(['mvpd', 'domainName', 'redirectUrl']);

    const partial = await client.resumeSession(code, { mvpd: 'MetroFiber' });
    expect(partial).toMatchObject({
      actionName: 'retry',
      code,
      missingParameters: ['domainName', 'redirectUrl'],
    });
    const resumed = await client.resumeSession(code, { domainName: 'localhost', redirectUrl });
    expect(resumed).toMatchObject({
      actionName: 'authenticate',
      actionType: 'interactive',
      mvpd: 'MetroFiber',
    });

    expect(await client.getProfileByCode(code)).toEqual({ profiles: {} });
    const login = await completeBrowserLogin(
      httpRequester(server.url),
      client.resolveUrl(resumed.url ?? ''),
      {
        username: 'basic',
        password: 'password',
      },
    );
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(redirectUrl);

    const byCode = await client.getProfileByCode(code);
    expect(byCode.profiles.MetroFiber).toMatchObject({ issuer: 'MetroFiber', type: 'regular' });
    expect((await client.getProfiles()).profiles.MetroFiber?.type).toBe('regular');
    expect(Object.keys((await client.getProfile('MetroFiber')).profiles)).toEqual(['MetroFiber']);

    const again = await client.createSession({ mvpd: 'MetroFiber', domainName: 'localhost', redirectUrl });
    expect(again).toMatchObject({
      actionName: 'authorize',
      actionType: 'direct',
      reasonType: 'authenticated',
    });

    const pre = await client.preauthorize('MetroFiber', ['harbor-morning-brief', 'summit-derby-day']);
    expect(pre.decisions.map((d) => [d.resource, d.authorized])).toEqual([
      ['harbor-morning-brief', true],
      ['summit-derby-day', false],
    ]);
    const denied = pre.decisions[1];
    expect(denied?.authorized === false && denied.error.code).toBe('preauthorization_denied_by_mvpd');

    const [permit] = (await client.authorize('MetroFiber', ['harbor-morning-brief'])).decisions;
    expect(permit?.authorized).toBe(true);
    const token = permit?.authorized ? permit.token?.serializedToken : undefined;
    expect(token).toMatch(/^PHNpZ25hdHVyZUluZm8/);
    const verify = await fetch(`${server.url}/media-token/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, resource: 'harbor-morning-brief' }),
    });
    expect(((await verify.json()) as { status: string }).status).toBe('VALID_TOKEN');

    const logout = await client.logout('MetroFiber', { redirectUrl });
    expect(logout.logouts.MetroFiber).toEqual({
      actionName: 'complete',
      actionType: 'none',
      mvpd: 'MetroFiber',
    });
    expect(await client.getProfiles()).toEqual({ profiles: {} });
    await expect(client.authorize('MetroFiber', ['harbor-morning-brief'])).rejects.toMatchObject({
      name: 'PassApiError',
      httpStatus: 403,
      code: 'authenticated_profile_missing',
      action: 'authentication',
    });
  });

  it('surfaces enhanced errors as PassApiError with every field', async () => {
    const client = makeClient('contract-tv-2');
    const error: unknown = await client.getSession('ZZZZZZZ').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PassApiError);
    expect(error).toMatchObject({
      httpStatus: 400,
      status: 400,
      code: 'invalid_authentication_session',
      action: 'none',
    });
    expect((error as PassApiError).trace).toMatch(/^[0-9a-f-]{36}$/);
    await expect(client.getProfile('NoSuchMvpd')).rejects.toMatchObject({ code: 'invalid_parameter_mvpd' });
  });

  it('refreshes an access token the emulator no longer accepts, once, and carries on', async () => {
    const exchanges: PassExchange[] = [];
    const client = makeClient('contract-tv-3', exchanges);
    await client.getConfiguration();
    // Seven hours later by the emulator's clock the 6-hour token has expired.
    expect((await control('clock', { advanceMs: 7 * 3_600_000 })).ok).toBe(true);
    try {
      await client.getConfiguration();
    } finally {
      await control('reset', {});
    }
    const statuses = exchanges.map((e) => `${e.status} ${new URL(e.url).pathname}`);
    expect(statuses).toEqual([
      '201 /o/client/register',
      '201 /o/client/token',
      '200 /api/v2/REF30/configuration',
      '401 /api/v2/REF30/configuration',
      '201 /o/client/token',
      '200 /api/v2/REF30/configuration',
    ]);
  });

  it('waits out a 429 from the throttle and succeeds', async () => {
    const exchanges: PassExchange[] = [];
    const client = makeClient('contract-tv-4', exchanges);
    await client.getConfiguration();
    expect((await control('throttle', { mode: 'per-device' })).ok).toBe(true);
    try {
      const results = await Promise.all(Array.from({ length: 14 }, () => client.getConfiguration()));
      expect(results).toHaveLength(14);
    } finally {
      await control('throttle', { mode: 'off' });
    }
    const throttled = exchanges.filter((e) => e.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(exchanges.filter((e) => e.status === 200)).toHaveLength(15);
  });
});
