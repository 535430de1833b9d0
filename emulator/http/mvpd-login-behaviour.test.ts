// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addScenario } from '../domain/scenarios.ts';
import type { Random } from '../domain/random.ts';
import {
  apiHeaders,
  makeEmulator,
  openLoginForm,
  postMvpdForm,
  readMvpdForm,
  registerAndToken,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import { MAX_LOGIN_DELAY_MS, mvpdPages } from './mvpd-pages.ts';
import { REDIRECT, setup, startSession } from './mvpd-test-helpers.ts';

const ACCOUNT = { username: 'premium', password: 'password' };

async function profiles(app: EmulatorApp, token: string, code: string) {
  const response = await app.request(`/api/v2/${SP}/profiles/code/${code}`, { headers: apiHeaders(token) });
  return ((await response.json()) as { profiles: Record<string, unknown> }).profiles;
}

function sessionAuthenticated(context: ReturnType<typeof makeEmulator>['context'], code: string): boolean {
  const row = context.db.prepare('SELECT authenticated_at FROM sessions WHERE code = ?').get(code) as {
    authenticated_at: number | null;
  };
  return (row.authenticated_at ?? 0) > 0;
}

/** A fault stream that answers the given floats, in order (ids keep coming from the real stream). */
function scriptedFaults(base: Random, floats: number[]): Random & { drawn: number } {
  const stream = {
    ...base,
    drawn: 0,
    float: () => {
      stream.drawn += 1;
      const next = floats.shift();
      if (next === undefined) throw new Error('no scripted float left');
      return next;
    },
  };
  return stream;
}

/** The login page of a session, following Adobe's hops, on a pages app with an injected wait. */
async function loginPageWaits(
  mvpd: string,
  deviceId = 'device-1',
  scenarios: Parameters<typeof addScenario>[1][] = [],
) {
  const emulator = makeEmulator();
  const token = await registerAndToken(emulator.app);
  for (const scenario of scenarios) addScenario(emulator.context, scenario);
  const session = await startSession(
    emulator.app,
    token,
    { mvpd, domainName: 'localhost', redirectUrl: REDIRECT },
    deviceId,
  );
  const waits: number[] = [];
  const pages = mvpdPages(emulator.context, {
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  const first = await pages.request(session.url);
  const saml = await pages.request(first.headers.get('location') ?? '');
  const login = await pages.request(saml.headers.get('location') ?? '');
  expect(login.status).toBe(200);
  return { waits, pages, login };
}

describe('login delay (slow personality and login-delay scenarios)', () => {
  it('CanyonCable waits its seeded 3 s before the login page, Adobe hops do not wait', async () => {
    const { waits } = await loginPageWaits('CanyonCable');
    expect(waits).toEqual([3_000]);
  });

  it('every MVPD page waits: the two-hop confirm page too', async () => {
    const { waits, pages, login } = await loginPageWaits('MetroFiber', 'device-1', [
      { type: 'login-delay', delayMs: 40, mvpd: 'MetroFiber' },
    ]);
    const posted = await postMvpdForm(pages, await readMvpdForm(login), ACCOUNT);
    expect(posted.status).toBe(303);
    expect((await pages.request(posted.headers.get('location') ?? '')).status).toBe(200);
    expect(waits).toEqual([40, 40]);
  });

  it('a login-delay scenario overrides the seed, per MVPD and device; other MVPDs and devices keep theirs', async () => {
    expect(
      (
        await loginPageWaits('CanyonCable', 'device-1', [
          { type: 'login-delay', delayMs: 25, mvpd: 'CanyonCable' },
        ])
      ).waits,
    ).toEqual([25]);
    expect(
      (
        await loginPageWaits('CanyonCable', 'device-1', [
          { type: 'login-delay', delayMs: 0, mvpd: 'CanyonCable' },
        ])
      ).waits,
    ).toEqual([]);
    expect(
      (
        await loginPageWaits('CanyonCable', 'device-1', [
          { type: 'login-delay', delayMs: 25, mvpd: 'CanyonCable', deviceId: 'other-device' },
        ])
      ).waits,
    ).toEqual([3_000]);
    // Scenarios work on every MVPD, not only the slow one.
    expect(
      (
        await loginPageWaits('AcmeCable', 'device-1', [
          { type: 'login-delay', delayMs: 10, mvpd: 'AcmeCable' },
        ])
      ).waits,
    ).toEqual([10]);
    expect((await loginPageWaits('AcmeCable')).waits).toEqual([]);
  });

  it('caps a huge delay', async () => {
    const { waits } = await loginPageWaits('AcmeCable', 'device-1', [
      { type: 'login-delay', delayMs: 10 * MAX_LOGIN_DELAY_MS, mvpd: 'AcmeCable' },
    ]);
    expect(waits).toEqual([MAX_LOGIN_DELAY_MS]);
  });

  it('waits on a real timer without blocking other requests', async () => {
    const { app, context, session } = await setup('AcmeCable');
    addScenario(context, { type: 'login-delay', delayMs: 300, mvpd: 'AcmeCable' });
    const first = await app.request(session.url);
    const saml = await app.request(first.headers.get('location') ?? '');
    const started = performance.now();
    let slowDoneAt = 0;
    const slow = Promise.resolve(app.request(saml.headers.get('location') ?? '')).then((response) => {
      slowDoneAt = performance.now();
      return response;
    });
    const other = await app.request(`/api/v2/${SP}/configuration`);
    const otherDoneAt = performance.now();
    expect(other.status).toBe(401); // answered (no token), while the login page is still waiting
    expect(slowDoneAt).toBe(0);
    const page = await slow;
    expect(page.status).toBe(200);
    expect(slowDoneAt - started).toBeGreaterThanOrEqual(290);
    expect(otherDoneAt - started).toBeLessThan(slowDoneAt - started);
  });
});

describe('login failure (flaky personality and login-failure scenarios)', () => {
  it('BluebirdFiber fails a correct sign-in when faultRandom draws under 0.5: a readable 503, nothing created', async () => {
    const { app, context, token, session } = await setup('BluebirdFiber');
    const faults = scriptedFaults(context.faultRandom, [0.2]);
    context.faultRandom = faults;
    const form = await openLoginForm(app, session.url);
    const failed = await postMvpdForm(app, form, ACCOUNT);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await failed.text();
    expect(html).toContain('<h1>Bluebird Fiber</h1>');
    expect(html).toMatch(/temporarily unavailable/i);
    expect(html).toMatch(/try again/i);
    expect(html).toContain(
      `<a class="button" href="/emulated-mvpd/BluebirdFiber/login?flow=${form.flow}">Try again</a>`,
    );
    expect(faults.drawn).toBe(1);
    expect(await profiles(app, token, session.code)).toEqual({});
    expect(sessionAuthenticated(context, session.code)).toBe(false);
  });

  it('Try again restarts the same login, which then succeeds (draw ≥ 0.5)', async () => {
    const { app, context, token, session } = await setup('BluebirdFiber');
    context.faultRandom = scriptedFaults(context.faultRandom, [0.49, 0.5]);
    const form = await openLoginForm(app, session.url);
    const failed = await postMvpdForm(app, form, ACCOUNT);
    const retry = /href="([^"]+)">Try again</.exec(await failed.text())?.[1] ?? '';
    const again = await readMvpdForm(await app.request(retry.replaceAll('&#38;', '&')));
    expect(again.flow).toBe(form.flow);
    const done = await postMvpdForm(app, again, ACCOUNT);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(REDIRECT);
    expect(Object.keys(await profiles(app, token, session.code))).toEqual(['BluebirdFiber']);
  });

  it('the old CSRF token dies with the failure; Cancel on the failure page goes back without a profile', async () => {
    const { app, context, token, session } = await setup('BluebirdFiber');
    context.faultRandom = scriptedFaults(context.faultRandom, [0.1]);
    const form = await openLoginForm(app, session.url);
    const failed = await readMvpdForm(await postMvpdForm(app, form, ACCOUNT));
    expect((await postMvpdForm(app, form, ACCOUNT, failed.cookie)).status).toBe(403);
    const cancelled = await postMvpdForm(app, failed, { action: 'cancel' });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('location')).toBe(REDIRECT);
    expect(await profiles(app, token, session.code)).toEqual({});
  });

  it('bad credentials never draw; a login-failure scenario forces or stops failures on any MVPD and device', async () => {
    const { app, context, session } = await setup('BluebirdFiber');
    const faults = scriptedFaults(context.faultRandom, []);
    context.faultRandom = faults;
    const form = await openLoginForm(app, session.url);
    expect((await postMvpdForm(app, form, { username: 'premium', password: 'nope' })).status).toBe(401);
    expect(faults.drawn).toBe(0);

    addScenario(context, { type: 'login-failure', probability: 0, mvpd: 'BluebirdFiber' });
    const clean = await openLoginForm(app, session.url);
    expect((await postMvpdForm(app, clean, ACCOUNT)).status).toBe(302);
    expect(faults.drawn).toBe(0);

    // AcmeCable never fails by itself; with probability 1 for this device it always does, without a draw.
    const acme = await setup('AcmeCable');
    addScenario(acme.context, {
      type: 'login-failure',
      probability: 1,
      mvpd: 'AcmeCable',
      deviceId: 'device-1',
    });
    acme.context.faultRandom = scriptedFaults(acme.context.faultRandom, []);
    const acmeForm = await openLoginForm(acme.app, acme.session.url);
    expect((await postMvpdForm(acme.app, acmeForm, ACCOUNT)).status).toBe(503);
    const other = await startSession(
      acme.app,
      acme.token,
      { mvpd: 'AcmeCable', domainName: 'localhost', redirectUrl: REDIRECT },
      'device-2',
    );
    expect((await postMvpdForm(acme.app, await openLoginForm(acme.app, other.url), ACCOUNT)).status).toBe(
      302,
    );
  });

  it('is reproducible: the same EMULATOR_SEED gives the same outcomes, and both outcomes happen', async () => {
    const outcomes = async () => {
      const emulator = makeEmulator({ randomSeed: 'flaky-demo' });
      const token = await registerAndToken(emulator.app);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        // A new device each time: a device that signed in gets `authorize`, no login.
        const session = await startSession(
          emulator.app,
          token,
          { mvpd: 'BluebirdFiber', domainName: 'localhost', redirectUrl: REDIRECT },
          `device-${i}`,
        );
        statuses.push(
          (await postMvpdForm(emulator.app, await openLoginForm(emulator.app, session.url), ACCOUNT)).status,
        );
      }
      return statuses;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([302, 503]));
  });
});
