// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEmulatorContext, type EmulatorContext } from '../context.ts';
import { createEmulatorApp } from '../http/app.ts';
import { RUNTIME_TABLES } from '../store/database.ts';
import { apiHeaders, makeEmulator, registerAndToken, signIn, SP, type EmulatorApp } from '../test-support.ts';
import { MAX_STATE_BYTES, STATE_FORMAT, STATE_VERSION, type StateDocument } from './state-export.ts';

const TV = 'state-tv-1';
const DAY = 86_400_000;

function json(app: EmulatorApp, method: string, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function exportDocument(app: EmulatorApp): Promise<StateDocument> {
  const response = await app.request('/__emulator/state');
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
  return (await response.json()) as StateDocument;
}

async function profiles(
  app: EmulatorApp,
  token: string,
  path = '',
): Promise<{ status: number; body: unknown }> {
  const response = await app.request(`/api/v2/${SP}/profiles${path}`, { headers: apiHeaders(token, TV) });
  return { status: response.status, body: await response.json() };
}

async function tempPassAuthorize(app: EmulatorApp, token: string): Promise<void> {
  const response = await app.request(`/api/v2/${SP}/decisions/authorize/TempPass`, {
    method: 'POST',
    headers: apiHeaders(token, TV, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: ['harbor-city-desk'] }),
  });
  expect(response.status).toBe(200);
}

/** A TV signed in to AcmeCable, with a running basic TempPass, a scenario and the clock a day ahead. */
async function populated() {
  const emulator = makeEmulator();
  const { app, context } = emulator;
  context.clock.advance(DAY);
  const token = await registerAndToken(app);
  await signIn(app, { token, deviceId: TV, mvpd: 'AcmeCable', username: 'basic', password: 'password' });
  await tempPassAuthorize(app, token);
  const scenario = await json(app, 'POST', '/__emulator/scenarios', {
    type: 'deny-resource',
    resource: 'harbor-city-desk',
    mvpd: 'AcmeCable',
  });
  expect(scenario.status).toBe(201);
  await json(app, 'POST', '/__emulator/throttle', { mode: 'per-device' });
  return { ...emulator, token };
}

function rowCount(context: EmulatorContext, table: string): number {
  return (context.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('GET /__emulator/state', () => {
  it('exports format, version, clock, throttle mode, seed, scenarios and every runtime table, without the key', async () => {
    const { app, context } = await populated();
    const doc = await exportDocument(app);
    expect(doc.format).toBe(STATE_FORMAT);
    expect(doc.version).toBe(STATE_VERSION);
    expect(doc.clock.offsetMs).toBeGreaterThanOrEqual(DAY);
    expect(Math.abs(doc.clock.now - context.clock.now())).toBeLessThan(1000);
    expect(doc.throttle).toEqual({ mode: 'per-device' });
    expect(doc.randomSeed).toBeNull();
    expect(doc.scenarios).toEqual([expect.objectContaining({ id: 's1', type: 'deny-resource' })]);
    expect(Object.keys(doc.tables).sort()).toEqual([...RUNTIME_TABLES].sort());
    for (const table of RUNTIME_TABLES)
      expect(doc.tables[table], table).toHaveLength(rowCount(context, table));
    expect(doc.tables.profiles.map((row) => row.type).sort()).toEqual(['regular', 'temporary']);
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/PRIVATE KEY|signing_key/);
    expect(makeEmulator({ randomSeed: 'x' }).context.randomSeed).toBe('x');
    const seeded = makeEmulator({ randomSeed: 'abc' });
    expect((await exportDocument(seeded.app)).randomSeed).toBe('abc');
  });
});

describe('PUT /__emulator/state', () => {
  it('round trip: export, reset, import → the same profile, trial, scenario, mode and clock', async () => {
    const { app, context, token } = await populated();
    const beforeProfiles = await profiles(app, token);
    const beforeTempPass = await profiles(app, token, '/TempPass');
    expect(Object.keys((beforeProfiles.body as { profiles: object }).profiles)).toEqual(['AcmeCable']);
    const doc = await exportDocument(app);

    expect((await app.request('/__emulator/reset', { method: 'POST' })).status).toBe(200);
    expect(rowCount(context, 'profiles')).toBe(0);
    expect(context.throttle.mode).toBe('per-device');
    await json(app, 'POST', '/__emulator/throttle', { mode: 'off' });

    const response = await json(app, 'PUT', '/__emulator/state', doc);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      imported: Record<string, number>;
      scenarios: number;
      now: number;
    };
    expect(answer.imported).toMatchObject({
      clients: 1,
      profiles: 2,
      temppass_trials: 1,
      temppass_device_links: 1,
    });
    expect(answer.scenarios).toBe(1);
    expect(Math.abs(answer.now - doc.clock.now)).toBeLessThan(1000);
    expect(context.throttle.mode).toBe('per-device');
    await json(app, 'POST', '/__emulator/throttle', { mode: 'off' });

    // The same access token verifies again: this emulator keeps its signing key.
    expect(await profiles(app, token)).toEqual(beforeProfiles);
    expect(await profiles(app, token, '/TempPass')).toEqual(beforeTempPass);
    // The imported scenario is in force (the cache was dropped).
    const denied = await app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
      method: 'POST',
      headers: apiHeaders(token, TV, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ resources: ['harbor-city-desk'] }),
    });
    expect(((await denied.json()) as { decisions: { authorized: boolean }[] }).decisions[0]?.authorized).toBe(
      false,
    );
    // A new scenario gets a fresh id.
    const next = await json(app, 'POST', '/__emulator/scenarios', {
      type: 'degradation',
      rule: 'AuthZAll',
      mvpd: 'MetroFiber',
    });
    expect(((await next.json()) as { id: string }).id).toBe('s2');
    // A second export equals the first apart from the moment and the events since.
    const again = await exportDocument(app);
    expect({ ...again.tables, events: [] }).toEqual({ ...doc.tables, events: [] });
  });

  it('into another emulator (another signing key): old tokens fail, a new registration finds the profile', async () => {
    const { app, token } = await populated();
    const beforeProfiles = await profiles(app, token);
    const doc = await exportDocument(app);

    const other = createEmulatorContext({ database: ':memory:', throttleMode: 'off' });
    const otherApp = createEmulatorApp(other);
    expect((await json(otherApp, 'PUT', '/__emulator/state', doc)).status).toBe(200);
    await json(otherApp, 'POST', '/__emulator/throttle', { mode: 'off' });
    expect((await profiles(otherApp, token)).status).toBe(401);
    const fresh = await registerAndToken(otherApp);
    expect(await profiles(otherApp, fresh)).toEqual(beforeProfiles);
    other.db.close();
  });

  it('rejects malformed documents with 400 invalid_request and leaves the state alone', async () => {
    const { app, context } = await populated();
    const doc = await exportDocument(app);
    const profile = doc.tables.profiles[0] ?? {};
    const client = doc.tables.clients[0] ?? {};
    const cases: [string, unknown, RegExp][] = [
      ['wrong format', { ...doc, format: 'other' }, /format/],
      ['wrong version', { ...doc, version: 2 }, /version/],
      ['unknown top-level key', { ...doc, extra: 1 }, /extra/],
      ['missing clock', { ...doc, clock: undefined }, /clock/],
      ['bad throttle mode', { ...doc, throttle: { mode: 'fast' } }, /throttle\.mode/],
      ['unknown table', { ...doc, tables: { ...doc.tables, meta: [] } }, /meta/],
      ['rows not an array', { ...doc, tables: { ...doc.tables, clients: {} } }, /tables\.clients/],
      ['row not an object', { ...doc, tables: { ...doc.tables, clients: ['x'] } }, /tables\.clients\[0\]/],
      [
        'unknown column',
        { ...doc, tables: { ...doc.tables, clients: [{ ...client, owner: 'x' }] } },
        /tables\.clients\[0\].*owner/,
      ],
      [
        'missing NOT NULL column',
        { ...doc, tables: { ...doc.tables, clients: [{ ...client, client_secret: undefined }] } },
        /tables\.clients\[0\]\.client_secret/,
      ],
      [
        'wrong column type',
        { ...doc, tables: { ...doc.tables, clients: [{ ...client, issued_at: 'yesterday' }] } },
        /issued_at/,
      ],
      [
        'attributes not JSON',
        { ...doc, tables: { ...doc.tables, profiles: [{ ...profile, attributes: '{oops' }] } },
        /tables\.profiles\[0\]\.attributes/,
      ],
      [
        'unknown profile type',
        { ...doc, tables: { ...doc.tables, profiles: [{ ...profile, type: 'vip' }] } },
        /tables\.profiles\[0\]\.type/,
      ],
      [
        'two rows with one key',
        { ...doc, tables: { ...doc.tables, clients: [client, client] } },
        /do not fit together/,
      ],
      [
        'malformed scenario',
        { ...doc, scenarios: [{ id: 's1', createdAt: 1, type: 'latency', delayMs: -5 }] },
        /scenarios\[0\]/,
      ],
      [
        'scenario naming an MVPD the seed does not have',
        {
          ...doc,
          scenarios: [{ id: 's1', createdAt: 1, type: 'degradation', rule: 'AuthNAll', mvpd: 'NoSuchTV' }],
        },
        /scenarios\[0\]: Unknown mvpd "NoSuchTV"/,
      ],
      [
        'scenario delay beyond what POST accepts',
        { ...doc, scenarios: [{ id: 's1', createdAt: 1, type: 'latency', delayMs: 120_000 }] },
        /scenarios\[0\]/,
      ],
      ['duplicate scenario ids', { ...doc, scenarios: [...doc.scenarios, ...doc.scenarios] }, /share one id/],
      ['not an object', [doc], /./],
    ];
    const before = JSON.stringify({ ...(await exportDocument(app)).tables, events: [] });
    for (const [name, body, message] of cases) {
      const response = await json(app, 'PUT', '/__emulator/state', body);
      expect(response.status, name).toBe(400);
      const answer = (await response.json()) as { error: string; message: string };
      expect(answer.error, name).toBe('invalid_request');
      expect(answer.message, name).toMatch(message);
    }
    for (const raw of ['', '{"format":', 'null']) {
      expect((await json(app, 'PUT', '/__emulator/state', raw)).status, raw).toBe(400);
    }
    expect(JSON.stringify({ ...(await exportDocument(app)).tables, events: [] })).toBe(before);
    expect(context.throttle.mode).toBe('per-device');
  });

  it('accepts a small hand-written document (absent tables are empty, nullable columns optional)', async () => {
    const { app, context } = makeEmulator();
    const now = Date.UTC(2031, 0, 1);
    const response = await json(app, 'PUT', '/__emulator/state', {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      clock: { now },
      throttle: { mode: 'off' },
      tables: {
        profiles: [
          {
            app_id: 'passref-web-app',
            device_id: TV,
            service_provider: SP,
            mvpd: 'MetroFiber',
            type: 'regular',
            issuer: 'MetroFiber',
            username: 'premium',
            not_before: now,
            not_after: now + DAY,
            attributes: JSON.stringify({ userID: { value: 'u1', state: 'plain' } }),
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(Math.abs(context.clock.now() - now)).toBeLessThan(1000);
    const token = await registerAndToken(app);
    const answer = await profiles(app, token);
    expect(answer.body).toEqual({
      profiles: {
        MetroFiber: expect.objectContaining({
          type: 'regular',
          attributes: { userID: { value: 'u1', state: 'plain' } },
        }),
      },
    });
  });

  it(`answers 413 above ${MAX_STATE_BYTES} bytes`, async () => {
    const { app } = makeEmulator();
    const big = JSON.stringify({ format: STATE_FORMAT, padding: 'x'.repeat(MAX_STATE_BYTES) });
    const response = await json(app, 'PUT', '/__emulator/state', big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('payload_too_large');
  });
});
