// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  decisionsResponseSchema,
  enhancedErrorSchema,
  logoutResponseSchema,
  profilesResponseSchema,
  sessionResponseSchema,
} from '../../src/pass/schemas/index.ts';
import {
  DEVICE_ID,
  deviceHeader,
  makeFixture,
  SP,
  type DecisionItem,
  type Fixture,
} from '../http/decision-fixtures.ts';
import { addScenario, deleteScenario } from '../http/scenario-test-helpers.ts';
import { formBody } from '../test-support.ts';
import { DEGRADED_USER_ID_PREFIX, degradedUserId } from './degradation.ts';
import { HELP_URL } from './errors.ts';
import { verifyMediaToken, sessionGuid } from './media-token.ts';

const NEWS = 'harbor-morning-brief';
const SPORTS = 'summit-derby-day';
const OTHER_DEVICE = 'other-device-0002';

function apiHeaders(f: Fixture, deviceId = DEVICE_ID): Record<string, string> {
  return { Authorization: `Bearer ${f.accessToken}`, 'AP-Device-Identifier': deviceHeader(deviceId) };
}

async function createSession(f: Fixture, mvpd = 'AcmeCable', deviceId = DEVICE_ID) {
  const response = await f.app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: { ...apiHeaders(f, deviceId), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody({ mvpd, domainName: 'localhost', redirectUrl: 'http://localhost/done' }),
  });
  expect(response.status).toBe(200);
  return sessionResponseSchema.parse(await response.json());
}

async function profiles(f: Fixture, path: string, deviceId = DEVICE_ID) {
  const response = await f.app.request(`/api/v2/${SP}/profiles${path}`, { headers: apiHeaders(f, deviceId) });
  expect(response.status).toBe(200);
  return profilesResponseSchema.parse(await response.json()).profiles;
}

async function decisions(
  f: Fixture,
  kind: 'preauthorize' | 'authorize',
  resources: string[],
  deviceId = DEVICE_ID,
  mvpd = 'AcmeCable',
) {
  const response = await f.decide(
    kind,
    mvpd,
    { resources },
    { 'AP-Device-Identifier': deviceHeader(deviceId) },
  );
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  decisionsResponseSchema.parse(body);
  return (body as { decisions: DecisionItem[] }).decisions;
}

async function logout(f: Fixture, mvpd = 'AcmeCable', deviceId = DEVICE_ID) {
  const response = await f.app.request(`/api/v2/${SP}/logout/${mvpd}`, { headers: apiHeaders(f, deviceId) });
  expect(response.status).toBe(200);
  return logoutResponseSchema.parse(await response.json()).logouts;
}

async function expectTopLevel(response: Response, code: string, status: number) {
  expect(response.status).toBe(status);
  expect(enhancedErrorSchema.parse(await response.json()).code).toBe(code);
}

function expectWithin(value: number, low: number, high: number) {
  expect(value).toBeGreaterThanOrEqual(low);
  expect(value).toBeLessThanOrEqual(high);
}

describe('degradedUserId', () => {
  it('starts with Adobe’s degraded prefix, is stable per key and differs between devices', () => {
    const key = { appId: 'app', deviceId: 'd1', serviceProvider: SP, mvpd: 'AcmeCable' };
    const id = degradedUserId(key);
    expect(id).toMatch(new RegExp(`^${DEGRADED_USER_ID_PREFIX}[0-9a-f]{24}$`));
    expect(degradedUserId({ ...key })).toBe(id);
    expect(degradedUserId({ ...key, deviceId: 'd2' })).not.toBe(id);
    expect(degradedUserId({ ...key, mvpd: 'MetroFiber' })).not.toBe(id);
  });
});

describe('AuthNAll', () => {
  it('sessions answer authorize/direct/degraded without a login and without a code', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const session = await createSession(f);
    expect(session).toMatchObject({
      actionName: 'authorize',
      actionType: 'direct',
      reasonType: 'degraded',
      url: `/api/v2/${SP}/decisions/authorize/AcmeCable`,
      mvpd: 'AcmeCable',
      serviceProvider: SP,
    });
    expect(session).not.toHaveProperty('code');
    expect(session).not.toHaveProperty('notBefore');
    // Another MVPD still needs its login.
    expect((await createSession(f, 'MetroFiber')).actionName).toBe('authenticate');
  });

  it('profiles/{mvpd} answers a degraded profile issued by Adobe; /profiles does not list it', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const before = f.context.clock.now();
    const byMvpd = await profiles(f, '/AcmeCable');
    const after = f.context.clock.now();
    expect(Object.keys(byMvpd)).toEqual(['AcmeCable']);
    const profile = byMvpd.AcmeCable!;
    expectWithin(profile.notBefore, before, after);
    expect(profile).toEqual({
      notBefore: profile.notBefore,
      notAfter: profile.notBefore + 30 * 86_400_000,
      issuer: 'Adobe',
      type: 'degraded',
      attributes: {
        userID: {
          value: degradedUserId({
            appId: f.appId,
            deviceId: DEVICE_ID,
            serviceProvider: SP,
            mvpd: 'AcmeCable',
          }),
          state: 'plain',
        },
      },
    });
    expect(String(profile.attributes.userID!.value).startsWith('95cf93bcd183214a')).toBe(true);
    expect(await profiles(f, '')).toEqual({});
    expect(await profiles(f, '/MetroFiber')).toEqual({});
  });

  it('profiles/code/{code} answers the degraded profile for a code of the degraded MVPD', async () => {
    const f = makeFixture();
    // A TV shows a code, then the programmer degrades the MVPD.
    const session = await createSession(f);
    expect(session.actionName).toBe('authenticate');
    const byCode = () =>
      f.app.request(`/api/v2/${SP}/profiles/code/${session.code}`, {
        headers: { Authorization: `Bearer ${f.accessToken}` },
      });
    expect(profilesResponseSchema.parse(await (await byCode()).json()).profiles).toEqual({});
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const polled = profilesResponseSchema.parse(await (await byCode()).json()).profiles;
    expect(polled.AcmeCable).toMatchObject({ type: 'degraded', issuer: 'Adobe' });
    expect(String(polled.AcmeCable!.attributes.userID!.value)).toMatch(/^95cf93bcd183214a/);
  });

  it('preauthorize permits with source degradation, no token and no decision times', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const items = await decisions(f, 'preauthorize', [NEWS, SPORTS, 'not-in-catalog']);
    expect(items).toEqual(
      [NEWS, SPORTS, 'not-in-catalog'].map((resource) => ({
        resource,
        serviceProvider: SP,
        mvpd: 'AcmeCable',
        source: 'degradation',
        authorized: true,
      })),
    );
  });

  it('authorize permits with source degradation, a media token and decision times', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const before = f.context.clock.now();
    const [item] = await decisions(f, 'authorize', [SPORTS]);
    const now = item!.notBefore!;
    expectWithin(now, before, f.context.clock.now());
    expect(item).toMatchObject({
      resource: SPORTS,
      source: 'degradation',
      authorized: true,
      notBefore: now,
      notAfter: now + 24 * 3_600_000,
      token: { notBefore: now, notAfter: now + 420_000 },
    });
    expect(item).not.toHaveProperty('error');
    const verdict = verifyMediaToken(f.context.keys, item!.token!.serializedToken, SPORTS, now, SP);
    expect(verdict).toMatchObject({
      status: 'VALID_TOKEN',
      mvpdId: 'AcmeCable',
      sessionGUID: sessionGuid(
        degradedUserId({ appId: f.appId, deviceId: DEVICE_ID, serviceProvider: SP, mvpd: 'AcmeCable' }),
      ),
    });
  });

  it('a valid regular profile stays visible; decisions are still permitted by the rule', async () => {
    const f = makeFixture();
    f.signIn('lapsed');
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    const session = await createSession(f);
    expect(session.reasonType).toBe('authenticated');
    expect((await profiles(f, '/AcmeCable')).AcmeCable).toMatchObject({
      type: 'regular',
      issuer: 'AcmeCable',
    });
    const [item] = await decisions(f, 'authorize', [NEWS]);
    expect(item).toMatchObject({ source: 'degradation', authorized: true });
  });

  it('logout of the degraded profile answers complete/none; an unaffected MVPD answers invalid', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    expect((await logout(f)).AcmeCable).toEqual({
      actionName: 'complete',
      actionType: 'none',
      mvpd: 'AcmeCable',
    });
    expect((await logout(f, 'MetroFiber')).MetroFiber).toMatchObject({ actionName: 'invalid' });
  });

  it('scoped to a device: other devices need their login; lifting the rule removes the degraded profile', async () => {
    const f = makeFixture();
    const id = await addScenario(f.app, {
      type: 'degradation',
      rule: 'AuthNAll',
      mvpd: 'AcmeCable',
      deviceId: DEVICE_ID,
    });
    expect((await createSession(f, 'AcmeCable', OTHER_DEVICE)).actionName).toBe('authenticate');
    expect(await profiles(f, '/AcmeCable', OTHER_DEVICE)).toEqual({});
    await expectTopLevel(
      await f.decide(
        'authorize',
        'AcmeCable',
        { resources: [NEWS] },
        { 'AP-Device-Identifier': deviceHeader(OTHER_DEVICE) },
      ),
      'authenticated_profile_missing',
      403,
    );
    expect((await profiles(f, '/AcmeCable')).AcmeCable?.type).toBe('degraded');

    expect((await deleteScenario(f.app, id)).status).toBe(200);
    expect(await profiles(f, '/AcmeCable')).toEqual({});
    await expectTopLevel(
      await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }),
      'authenticated_profile_missing',
      403,
    );
    expect((await createSession(f)).actionName).toBe('authenticate');
  });
});

describe('AuthZAll', () => {
  it('needs a profile: no login → sessions authenticate, decisions 403 authenticated_profile_missing', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' });
    expect((await createSession(f)).actionName).toBe('authenticate');
    expect(await profiles(f, '/AcmeCable')).toEqual({});
    await expectTopLevel(
      await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS] }),
      'authenticated_profile_missing',
      403,
    );
  });

  it('permits every title of a signed-in user, even one entitled to nothing; no decision times', async () => {
    const f = makeFixture();
    f.signIn('lapsed');
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' });
    const before = f.context.clock.now();
    const [permit] = await decisions(f, 'authorize', [SPORTS]);
    const now = f.context.clock.now();
    expect(permit).toMatchObject({ source: 'degradation', authorized: true });
    expectWithin(permit!.token!.notBefore, before, now);
    expect(permit).not.toHaveProperty('notBefore');
    expect(permit).not.toHaveProperty('notAfter');
    expect(verifyMediaToken(f.context.keys, permit!.token!.serializedToken, SPORTS, now, SP).status).toBe(
      'VALID_TOKEN',
    );
    const pre = await decisions(f, 'preauthorize', [NEWS, SPORTS]);
    expect(pre.map((d) => [d.source, d.authorized, 'token' in d, 'notBefore' in d])).toEqual([
      ['degradation', true, false, false],
      ['degradation', true, false, false],
    ]);
    // Sessions, profiles and logout are those of the regular login.
    expect((await createSession(f)).reasonType).toBe('authenticated');
    expect((await profiles(f, '/AcmeCable')).AcmeCable?.type).toBe('regular');
    expect((await logout(f)).AcmeCable).toMatchObject({ actionName: 'logout', actionType: 'interactive' });
  });

  it('another MVPD is still decided by its MVPD', async () => {
    const f = makeFixture();
    f.signIn('lapsed', 'MetroFiber');
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' });
    const [item] = await decisions(f, 'authorize', [NEWS], DEVICE_ID, 'MetroFiber');
    expect(item).toMatchObject({ source: 'mvpd', authorized: false });
  });
});

describe('AuthZNone', () => {
  it('denies every title of a premium user item-level, no times, no token', async () => {
    const f = makeFixture();
    f.signIn('premium');
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable' });
    for (const kind of ['preauthorize', 'authorize'] as const) {
      const [item] = await decisions(f, kind, [NEWS]);
      expect(item).toEqual({
        resource: NEWS,
        serviceProvider: SP,
        mvpd: 'AcmeCable',
        source: 'degradation',
        authorized: false,
        error: {
          status: 403,
          code: 'authorization_denied_by_degradation_rule',
          message: expect.any(String),
          details: `The AuthZNone degradation rule is applied to the integration of ${SP} and AcmeCable.`,
          helpUrl: HELP_URL,
          trace: expect.any(String),
          action: 'none',
        },
      });
    }
    expect((await createSession(f)).reasonType).toBe('authenticated');
  });

  it('still needs a profile', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable' });
    await expectTopLevel(
      await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }),
      'authenticated_profile_missing',
      403,
    );
  });
});

describe('the seed’s standing rule', () => {
  it('applies without a scenario, and the newest matching scenario overrides it', async () => {
    const f = makeFixture();
    const acme = f.context.seed.mvpds.find((mvpd) => mvpd.id === 'AcmeCable')!;
    acme.degradation = 'AuthZNone';
    f.signIn('premium');
    expect((await decisions(f, 'authorize', [NEWS]))[0]?.error?.code).toBe(
      'authorization_denied_by_degradation_rule',
    );
    await addScenario(f.app, { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' });
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' });
    expect((await decisions(f, 'authorize', [NEWS]))[0]).toMatchObject({
      source: 'degradation',
      authorized: true,
    });
    expect((await decisions(f, 'authorize', [NEWS]))[0]).not.toHaveProperty('notBefore');
    // A rule scoped to another device does not touch this one: the standing rule holds here.
    const g = makeFixture();
    g.context.seed.mvpds.find((mvpd) => mvpd.id === 'AcmeCable')!.degradation = 'AuthNAll';
    await addScenario(g.app, {
      type: 'degradation',
      rule: 'AuthZNone',
      mvpd: 'AcmeCable',
      deviceId: OTHER_DEVICE,
    });
    expect((await createSession(g)).reasonType).toBe('degraded');
  });

  it('degradation takes precedence over deny scenarios', async () => {
    const f = makeFixture();
    f.signIn('premium');
    await addScenario(f.app, { type: 'deny-resource', resource: NEWS });
    expect((await decisions(f, 'authorize', [NEWS]))[0]?.authorized).toBe(false);
    await addScenario(f.app, { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' });
    expect((await decisions(f, 'authorize', [NEWS]))[0]).toMatchObject({
      source: 'degradation',
      authorized: true,
    });
  });
});
