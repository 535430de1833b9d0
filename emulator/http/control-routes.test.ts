// @vitest-environment node
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createEmulatorContext } from '../context.ts';
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
    expect((await post(app, '/__emulator/throttle', { mode: 'fast' })).status).toBe(400);
  });

  it('switches the throttling mode', async () => {
    const { app, context } = makeApp();
    expect(await (await post(app, '/__emulator/throttle', { mode: 'per-device' })).json()).toEqual({
      mode: 'per-device',
    });
    expect(context.throttle.mode).toBe('per-device');
    expect(await (await app.request('/__emulator/throttle')).json()).toEqual({ mode: 'per-device' });
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
