// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { configurationResponseSchema } from '../../src/pass/schemas/index.ts';
import { apiHeaders, formBody, makeEmulator, registerAndToken, SP } from '../test-support.ts';
import {
  authorizeOne,
  BASIC,
  getProfile,
  HOUR,
  logout,
  MINUTE,
  PROMO,
  type Caller,
} from './temppass-test-helpers.ts';

/**
 * How the TempPass MVPDs show up around the decisions: configuration, the control-plane seed,
 * sessions, logout (keeps the trial), the browser login (none) and the control-plane reset.
 */
const T0 = Date.UTC(2031, 5, 1, 8);

async function setup() {
  const { app, context } = makeEmulator({ realNow: () => T0 });
  const token = await registerAndToken(app);
  const caller = (deviceId: string, email?: string): Caller => ({ app, token, deviceId, email });
  return { app, context, token, caller };
}

const count = (context: ReturnType<typeof makeEmulator>['context'], table: string) =>
  (context.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('seed and configuration', () => {
  it('configuration lists both TempPass MVPDs with isTempPass and authPerAggregator', async () => {
    const { app, token } = await setup();
    const response = await app.request(`/api/v2/${SP}/configuration`, { headers: apiHeaders(token) });
    const mvpds = configurationResponseSchema.parse(await response.json()).requestor.mvpds;
    for (const id of [BASIC, PROMO]) {
      expect(mvpds.find((m) => m.id === id)).toMatchObject({ id, isTempPass: true, authPerAggregator: true });
    }
    expect(mvpds.find((m) => m.id === 'AcmeCable')).not.toHaveProperty('isTempPass');
  });

  it('/__emulator/seed shows the limits, the no-reset statement and the v2 ApiKey', async () => {
    const { app } = await setup();
    const seed = (await (await app.request('/__emulator/seed')).json()) as {
      softwareStatementNoReset: string;
      tempPassResetApiKey: string;
      mvpds: Record<string, unknown>[];
      accounts: { mvpd: string }[];
    };
    expect(seed.softwareStatementNoReset.split('.')).toHaveLength(3);
    expect(seed.tempPassResetApiKey).toBe('1232293681726481');
    expect(seed.mvpds.find((m) => m.id === BASIC)).toMatchObject({
      isTempPass: true,
      authPerAggregator: true,
      personality: 'none',
      tempPass: { kind: 'basic', ttlMs: 10 * MINUTE, countDistinct: true },
    });
    expect(seed.mvpds.find((m) => m.id === PROMO)).toMatchObject({
      tempPass: {
        kind: 'promotional',
        ttlMs: 24 * HOUR,
        maxResources: 3,
        identityKey: 'email',
        countDistinct: true,
      },
    });
    expect(seed.accounts.some((a) => a.mvpd === BASIC || a.mvpd === PROMO)).toBe(false);
  });
});

describe('sessions', () => {
  it('POST /sessions with a TempPass MVPD → authorize / direct / temporary, no code', async () => {
    const { app, token } = await setup();
    for (const mvpd of [BASIC, PROMO]) {
      const response = await app.request(`/api/v2/${SP}/sessions`, {
        method: 'POST',
        headers: apiHeaders(token, 'tv-1', { 'Content-Type': 'application/x-www-form-urlencoded' }),
        body: formBody({ mvpd, domainName: 'localhost', redirectUrl: 'http://localhost/done' }),
      });
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        actionName: 'authorize',
        actionType: 'direct',
        reasonType: 'temporary',
        url: `/api/v2/${SP}/decisions/authorize/${mvpd}`,
      });
      expect(body).not.toHaveProperty('code');
    }
  });

  it('a session resumed with a TempPass MVPD has no login page (400 page, no login flow)', async () => {
    const { app, token, context } = await setup();
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const created = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'tv-1', form),
      body: formBody({ domainName: 'localhost', redirectUrl: 'http://localhost/done' }),
    });
    const { code } = (await created.json()) as { code: string };
    await app.request(`/api/v2/${SP}/sessions/${code}`, {
      method: 'POST',
      headers: apiHeaders(token, undefined, form),
      body: formBody({ mvpd: BASIC }),
    });
    const page = await app.request(`/api/v2/authenticate/${SP}/${code}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('No sign-in needed');
    expect(count(context, 'login_flows')).toBe(0);
  });
});

describe('logout', () => {
  it('answers complete/none, drops the temporary profile and keeps the trial', async () => {
    const { caller, context } = await setup();
    const tv = caller('tv-1', 'a@example.com');
    for (const title of ['t1', 't2']) await authorizeOne(tv, PROMO, title);
    expect(count(context, 'profiles')).toBe(1);

    expect(await logout(tv, PROMO)).toEqual({
      logouts: { [PROMO]: { actionName: 'complete', actionType: 'none', mvpd: PROMO } },
    });
    expect(count(context, 'profiles')).toBe(0);
    expect(count(context, 'temppass_trials')).toBe(1);
    const profile = (await getProfile(tv, PROMO)).body as { profiles: Record<string, { notBefore: number }> };
    expect(profile.profiles[PROMO]?.notBefore).toBe(T0);
    await authorizeOne(tv, PROMO, 't3');
    expect((await authorizeOne(tv, PROMO, 't4')).error?.code).toBe(
      'temporary_access_resources_limit_exceeded',
    );
    // A second logout (no profile left) still answers complete.
    expect(await logout(tv, PROMO)).toMatchObject({ logouts: { [PROMO]: { actionName: 'complete' } } });
  });

  it('basic: the expiry survives a logout', async () => {
    const { caller, context } = await setup();
    await authorizeOne(caller('tv-1'), BASIC, 'x');
    await logout(caller('tv-1'), BASIC);
    context.clock.advance(10 * MINUTE);
    expect((await authorizeOne(caller('tv-1'), BASIC, 'x')).error?.code).toBe(
      'temporary_access_duration_limit_exceeded',
    );
  });
});

describe('control plane', () => {
  it('POST /__emulator/reset clears trials and their links', async () => {
    const { app, caller, context } = await setup();
    await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 't1');
    await authorizeOne(caller('tv-1'), BASIC, 'x');
    expect(count(context, 'temppass_trials')).toBe(2);
    expect((await app.request('/__emulator/reset', { method: 'POST' })).status).toBe(200);
    for (const table of ['temppass_trials', 'temppass_device_links', 'temppass_identity_links', 'profiles']) {
      expect(count(context, table)).toBe(0);
    }
  });
});
