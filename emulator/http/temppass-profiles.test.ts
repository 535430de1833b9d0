// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { enhancedErrorSchema, profilesResponseSchema } from '../../src/pass/schemas/index.ts';
import { apiHeaders, formBody, makeEmulator, registerAndToken, signIn, SP } from '../test-support.ts';
import {
  authorizeOne,
  BASIC,
  getProfile,
  HOUR,
  identityHeader,
  MINUTE,
  PROMO,
  type Caller,
} from './temppass-test-helpers.ts';

/**
 * Profiles of TempPass MVPDs (spec profiles.md, temppass.md): the temporary profile computed from
 * the trial, a synthesised one before the first authorization (clock not started), top-level
 * 400/403 errors, `/profiles` never listing temporary profiles, `/profiles/code/{code}`.
 */
const T0 = Date.UTC(2031, 5, 1, 8);
const USER_ID = /^temppass_[0-9a-f]{40}$/;

async function setup() {
  const { app, context } = makeEmulator({ realNow: () => T0 });
  const token = await registerAndToken(app);
  const caller = (deviceId: string, email?: string): Caller => ({ app, token, deviceId, email });
  return { app, context, token, caller };
}

async function expectTopLevel(result: { status: number; body: unknown }, status: number, code: string) {
  expect(result.status).toBe(status);
  const error = enhancedErrorSchema.parse(result.body);
  expect(error).toMatchObject({ status, code, action: status === 400 ? 'none' : 'authentication' });
}

const trials = (context: ReturnType<typeof makeEmulator>['context']) =>
  (context.db.prepare('SELECT COUNT(*) AS n FROM temppass_trials').get() as { n: number }).n;

describe('GET /profiles/{tempPassMvpd} before the first authorization', () => {
  it('basic: a synthesised temporary profile (now … now + 10 min) that does not start the clock', async () => {
    const { caller, context } = await setup();
    const result = await getProfile(caller('tv-1'), BASIC);
    expect(result.status).toBe(200);
    const profile = profilesResponseSchema.parse(result.body).profiles[BASIC];
    expect(profile).toEqual({
      notBefore: T0,
      notAfter: T0 + 10 * MINUTE,
      issuer: 'Adobe',
      type: 'temporary',
      attributes: {
        expiration_date: { value: T0 + 10 * MINUTE, state: 'plain' },
        userID: { value: expect.stringMatching(USER_ID), state: 'plain' },
      },
    });
    context.clock.advance(20 * MINUTE);
    const later = profilesResponseSchema.parse((await getProfile(caller('tv-1'), BASIC)).body);
    expect(later.profiles[BASIC]?.notAfter).toBe(T0 + 30 * MINUTE);
    expect(trials(context)).toBe(0);
  });

  it('promotional: remaining_resources = 3, used_assets = []', async () => {
    const { caller } = await setup();
    const result = await getProfile(caller('tv-1', 'a@example.com'), PROMO);
    const profile = profilesResponseSchema.parse(result.body).profiles[PROMO];
    expect(profile?.attributes).toEqual({
      remaining_resources: { value: 3, state: 'plain' },
      used_assets: { value: [], state: 'plain' },
      expiration_date: { value: T0 + 24 * HOUR, state: 'plain' },
      userID: { value: expect.stringMatching(USER_ID), state: 'plain' },
    });
  });
});

describe('GET /profiles/{tempPassMvpd} during and after the trial', () => {
  it('promotional: used_assets and remaining_resources follow the trial, on any device of the identity', async () => {
    const { caller, context } = await setup();
    await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 't1');
    context.clock.advance(MINUTE);
    const permit = await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 't2');
    const expiry = T0 + 24 * HOUR;
    for (const tv of [caller('tv-1', 'a@example.com'), caller('phone-2', 'a@example.com')]) {
      const profile = profilesResponseSchema.parse((await getProfile(tv, PROMO)).body).profiles[PROMO];
      expect(profile).toMatchObject({ notBefore: T0, notAfter: expiry, issuer: 'Adobe', type: 'temporary' });
      expect(profile?.attributes).toMatchObject({
        remaining_resources: { value: 1 },
        used_assets: { value: ['t1', 't2'] },
        expiration_date: { value: expiry },
      });
    }
    expect(permit.notAfter).toBe(expiry);
  });

  it('promotional allowance spent → top-level 403 temporary_access_resources_limit_exceeded', async () => {
    const { caller } = await setup();
    for (const title of ['t1', 't2', 't3']) await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, title);
    await expectTopLevel(
      await getProfile(caller('tv-1', 'a@example.com'), PROMO),
      403,
      'temporary_access_resources_limit_exceeded',
    );
  });

  it('expired → top-level 403 temporary_access_duration_limit_exceeded', async () => {
    const { caller, context } = await setup();
    await authorizeOne(caller('tv-1'), BASIC, 'x');
    context.clock.advance(9 * MINUTE);
    expect((await getProfile(caller('tv-1'), BASIC)).status).toBe(200);
    context.clock.advance(MINUTE);
    await expectTopLevel(
      await getProfile(caller('tv-1'), BASIC),
      403,
      'temporary_access_duration_limit_exceeded',
    );
  });

  it.each([
    ['missing', undefined],
    ['not Base64', '@@'],
    ['a JSON array', Buffer.from('[]').toString('base64')],
    ['without the key', identityHeader({ user: 'x' })],
  ])('promotional, identity header %s → top-level 400', async (_n, header) => {
    const { app, token } = await setup();
    await expectTopLevel(
      await getProfile({ app, token, deviceId: 'tv-1', header }, PROMO),
      400,
      'invalid_header_identity_for_temporary_access',
    );
  });
});

describe('GET /profiles never lists temporary profiles', () => {
  it('shows the regular profile only, even with a running TempPass', async () => {
    const { app, token, caller } = await setup();
    await authorizeOne(caller('tv-1'), BASIC, 'x');
    await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 'y');
    const empty = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, 'tv-1') });
    expect(await empty.json()).toEqual({ profiles: {} });
    await signIn(app, {
      token,
      deviceId: 'tv-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const listed = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, 'tv-1') });
    expect(Object.keys(profilesResponseSchema.parse(await listed.json()).profiles)).toEqual(['AcmeCable']);
  });
});

describe('GET /profiles/code/{code} for a session whose MVPD is a TempPass one', () => {
  it('answers the temporary profile of the session’s device (identity from the request)', async () => {
    const { app, token, caller } = await setup();
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const created = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'tv-1', form),
      body: '',
    });
    const { code } = (await created.json()) as { code: string };
    const resumed = await app.request(`/api/v2/${SP}/sessions/${code}`, {
      method: 'POST',
      headers: apiHeaders(token, undefined, form),
      body: formBody({ mvpd: PROMO }),
    });
    expect(await resumed.json()).toMatchObject({ actionName: 'authorize', reasonType: 'temporary' });
    await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 't1');

    const byCode = await app.request(`/api/v2/${SP}/profiles/code/${code}`, {
      headers: apiHeaders(token, undefined, { 'AP-TempPass-Identity': identityHeader('a@example.com') }),
    });
    expect(byCode.status).toBe(200);
    const profile = profilesResponseSchema.parse(await byCode.json()).profiles[PROMO];
    expect(profile?.attributes.used_assets?.value).toEqual(['t1']);

    const missing = await app.request(`/api/v2/${SP}/profiles/code/${code}`, { headers: apiHeaders(token) });
    await expectTopLevel(
      { status: missing.status, body: await missing.json() },
      400,
      'invalid_header_identity_for_temporary_access',
    );
  });
});
