// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decisionsResponseSchema } from '../../src/pass/schemas/index.ts';
import { HELP_URL } from '../domain/errors.ts';
import { verifyMediaToken } from '../domain/media-token.ts';
import { createSeed } from '../domain/seed.ts';
import { makeEmulator, registerAndToken } from '../test-support.ts';
import {
  authorizeOne,
  BASIC,
  decide,
  HOUR,
  identityHeader,
  MINUTE,
  PROMO,
  type Caller,
  type DecisionItem,
} from './temppass-test-helpers.ts';

/**
 * Decisions for the seeded TempPass MVPDs over HTTP (spec temppass.md, decisions.md): no profile
 * needed, any resource, `source: "temppass"`, permits with token and decision times up to the
 * trial's expiry, every failure item-level.
 */
const T0 = Date.UTC(2031, 5, 1, 8);

async function setup(seed = createSeed()) {
  const { app, context } = makeEmulator({ seed, realNow: () => T0 });
  const token = await registerAndToken(app);
  const caller = (deviceId: string, email?: string): Caller => ({ app, token, deviceId, email });
  return { app, context, token, caller };
}

function expectItemError(item: DecisionItem | undefined, mvpd: string, status: number, code: string) {
  expect(item).toEqual({
    resource: item?.resource,
    serviceProvider: 'REF30',
    mvpd,
    source: 'temppass',
    authorized: false,
    error: {
      status,
      code,
      message: expect.any(String),
      helpUrl: HELP_URL,
      trace: expect.any(String),
      action: status === 400 ? 'none' : 'authentication',
    },
  });
}

describe('authorize on the basic TempPass', () => {
  it('permits any resource without a profile: source temppass, media token, notBefore = now, notAfter = expiry', async () => {
    const { caller, context } = await setup();
    const tv = caller('tv-1');
    const { status, body, decisions } = await decide(tv, 'authorize', BASIC, ['not-in-the-catalog']);
    expect(status).toBe(200);
    decisionsResponseSchema.parse(body);
    const [permit] = decisions;
    expect(permit).toMatchObject({
      resource: 'not-in-the-catalog',
      serviceProvider: 'REF30',
      mvpd: BASIC,
      source: 'temppass',
      authorized: true,
      notBefore: T0,
      notAfter: T0 + 10 * MINUTE,
    });
    expect(permit?.token?.notBefore).toBe(T0);
    expect(permit?.error).toBeUndefined();
    const verified = verifyMediaToken(
      context.keys,
      permit?.token?.serializedToken ?? '',
      'not-in-the-catalog',
      T0,
      'REF30',
    );
    expect(verified).toMatchObject({ status: 'VALID_TOKEN' });

    context.clock.advance(4 * MINUTE);
    const later = await authorizeOne(tv, BASIC, 'harbor-morning-brief');
    expect(later).toMatchObject({ authorized: true, notBefore: T0 + 4 * MINUTE, notAfter: T0 + 10 * MINUTE });
  });

  it('after 10 minutes: item-level 403 temporary_access_duration_limit_exceeded (HTTP 200)', async () => {
    const { caller, context } = await setup();
    await authorizeOne(caller('tv-1'), BASIC, 'a');
    context.clock.advance(10 * MINUTE);
    const { status, body, decisions } = await decide(caller('tv-1'), 'authorize', BASIC, ['a']);
    expect(status).toBe(200);
    decisionsResponseSchema.parse(body);
    expectItemError(decisions[0], BASIC, 403, 'temporary_access_duration_limit_exceeded');
  });

  it('ignores AP-TempPass-Identity, even a malformed one', async () => {
    const { app, token } = await setup();
    const item = await authorizeOne({ app, token, deviceId: 'tv-1', header: '%%%' }, BASIC, 'a');
    expect(item.authorized).toBe(true);
  });

  it('keeps the top-level request checks: device header, body, too_many_resources', async () => {
    const { app, token, caller } = await setup();
    const noDevice = await app.request('/api/v2/REF30/decisions/authorize/TempPass', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"resources":["a"]}',
    });
    expect(noDevice.status).toBe(400);
    expect(((await noDevice.json()) as { code: string }).code).toBe('invalid_header_device_identifier');
    const two = await decide(caller('tv-1'), 'authorize', BASIC, ['a', 'b']);
    expect(two.status).toBe(403);
    expect((two.body as { code: string }).code).toBe('too_many_resources');
  });
});

describe('authorize on the promotional TempPass', () => {
  it('3 distinct titles within 24 h: same title again is free, the 4th title is denied', async () => {
    const { caller } = await setup();
    const tv = caller('tv-1', 'viewer@example.com');
    const results: [string, boolean][] = [];
    for (const resource of ['t1', 't2', 't1', 't3', 't4', 't2']) {
      const item = await authorizeOne(tv, PROMO, resource);
      results.push([resource, item.authorized]);
      if (resource === 't4') expectItemError(item, PROMO, 403, 'temporary_access_resources_limit_exceeded');
      else expect(item).toMatchObject({ source: 'temppass', notAfter: T0 + 24 * HOUR });
    }
    expect(results).toEqual([
      ['t1', true],
      ['t2', true],
      ['t1', true],
      ['t3', true],
      ['t4', false],
      ['t2', true],
    ]);
  });

  it('the allowance follows the identity to another device and the device to another identity', async () => {
    const { caller } = await setup();
    for (const resource of ['t1', 't2', 't3'])
      await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, resource);
    const deny = 'temporary_access_resources_limit_exceeded';
    expectItemError(await authorizeOne(caller('phone-2', 'a@example.com'), PROMO, 'x'), PROMO, 403, deny);
    expectItemError(await authorizeOne(caller('tv-1', 'b@example.com'), PROMO, 'y'), PROMO, 403, deny);
    expect((await authorizeOne(caller('phone-3', 'c@example.com'), PROMO, 'z')).authorized).toBe(true);
  });

  it('expires 24 h after the first authorization', async () => {
    const { app, caller, context } = await setup();
    await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 't1');
    context.clock.advance(24 * HOUR);
    const token = await registerAndToken(app); // the 6-hour access token has expired meanwhile
    const item = await authorizeOne({ app, token, deviceId: 'tv-1', email: 'a@example.com' }, PROMO, 't1');
    expectItemError(item, PROMO, 403, 'temporary_access_duration_limit_exceeded');
  });

  it.each([
    ['missing', undefined],
    ['not Base64', '***'],
    ['not a JSON object', Buffer.from('[1]').toString('base64')],
    ['without the email key', identityHeader({ mail: 'x' })],
    ['with an empty email', identityHeader({ email: '' })],
  ])(
    'identity header %s → item-level 400 invalid_header_identity_for_temporary_access',
    async (_n, header) => {
      const { app, token, context } = await setup();
      const { status, body, decisions } = await decide(
        { app, token, deviceId: 'tv-1', header },
        'authorize',
        PROMO,
        ['a'],
      );
      expect(status).toBe(200);
      decisionsResponseSchema.parse(body);
      expectItemError(decisions[0], PROMO, 400, 'invalid_header_identity_for_temporary_access');
      expect(context.db.prepare('SELECT COUNT(*) AS n FROM temppass_trials').get()).toEqual({ n: 0 });
    },
  );

  it('reads the header name case-insensitively', async () => {
    const { app, token } = await setup();
    const response = await app.request('/api/v2/REF30/decisions/authorize/TempPassPromo', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'ap-device-identifier': `fingerprint ${Buffer.from('tv-1').toString('base64')}`,
        'ap-temppass-identity': identityHeader('a@example.com'),
      },
      body: '{"resources":["a"]}',
    });
    expect(((await response.json()) as { decisions: DecisionItem[] }).decisions[0]?.authorized).toBe(true);
  });
});

describe('preauthorize on TempPass MVPDs', () => {
  it('while valid: every resource authorized, no token, no decision times, clock not started', async () => {
    const { caller, context } = await setup();
    const resources = ['a', 'b', 'c', 'd', 'e'];
    const { body, decisions } = await decide(
      caller('tv-1', 'a@example.com'),
      'preauthorize',
      PROMO,
      resources,
    );
    decisionsResponseSchema.parse(body);
    expect(decisions).toEqual(
      resources.map((resource) => ({
        resource,
        serviceProvider: 'REF30',
        mvpd: PROMO,
        source: 'temppass',
        authorized: true,
      })),
    );
    expect(context.db.prepare('SELECT COUNT(*) AS n FROM temppass_trials').get()).toEqual({ n: 0 });
    const basic = await decide(caller('tv-1'), 'preauthorize', BASIC, ['x', 'y']);
    expect(basic.decisions.map((d) => d.authorized)).toEqual([true, true]);
  });

  it('once spent or expired: every item gets the same error', async () => {
    const { caller, context } = await setup();
    const tv = caller('tv-1', 'a@example.com');
    for (const resource of ['t1', 't2', 't3']) await authorizeOne(tv, PROMO, resource);
    const spent = await decide(tv, 'preauthorize', PROMO, ['t1', 'z1', 'z2']);
    for (const item of spent.decisions)
      expectItemError(item, PROMO, 403, 'temporary_access_resources_limit_exceeded');

    await authorizeOne(caller('tv-1'), BASIC, 'a');
    context.clock.advance(10 * MINUTE);
    const expired = await decide(caller('tv-1'), 'preauthorize', BASIC, ['a', 'b']);
    for (const item of expired.decisions)
      expectItemError(item, BASIC, 403, 'temporary_access_duration_limit_exceeded');
  });

  it('promotional without AP-TempPass-Identity (optional on preauthorize): judged by the device alone', async () => {
    const { app, token, caller } = await setup();
    const tv = caller('tv-1', 'a@example.com');
    for (const resource of ['t1', 't2', 't3']) await authorizeOne(tv, PROMO, resource);
    // The device whose trial is spent: the same error as with the identity.
    const spent = await decide(caller('tv-1'), 'preauthorize', PROMO, ['a', 'b']);
    for (const item of spent.decisions)
      expectItemError(item, PROMO, 403, 'temporary_access_resources_limit_exceeded');
    // A device with no trial: the pass is valid, every title authorized.
    const fresh = await decide(caller('tv-9'), 'preauthorize', PROMO, ['a', 'b']);
    expect(fresh.decisions.map((item) => item.authorized)).toEqual([true, true]);
    // A header that is sent must decode, and authorize still needs it.
    const garbled = await decide({ app, token, deviceId: 'tv-9', header: '%%%' }, 'preauthorize', PROMO, [
      'a',
    ]);
    expectItemError(garbled.decisions[0]!, PROMO, 400, 'invalid_header_identity_for_temporary_access');
    expectItemError(
      await authorizeOne(caller('tv-9'), PROMO, 'a'),
      PROMO,
      400,
      'invalid_header_identity_for_temporary_access',
    );
  });
});

describe('misconfigured TempPass', () => {
  it('item-level 500 invalid_configuration_temporary_access', async () => {
    const seed = createSeed();
    const promo = seed.mvpds.find((m) => m.id === PROMO);
    if (promo?.tempPass) delete promo.tempPass.identityKey;
    const { caller } = await setup(seed);
    const item = await authorizeOne(caller('tv-1', 'a@example.com'), PROMO, 'a');
    expect(item).toMatchObject({
      authorized: false,
      source: 'temppass',
      error: { status: 500, code: 'invalid_configuration_temporary_access', action: 'configuration' },
    });
  });
});

describe('never a 500', () => {
  it('garbage identity headers and resources on every TempPass endpoint answer < 500', async () => {
    const { app, token } = await setup();
    const headers = [
      '',
      ' ',
      '=',
      '====',
      'A',
      'x'.repeat(20_000),
      Buffer.from('{"email":"' + 'é'.repeat(300) + '"}').toString('base64'),
      Buffer.from('{"email":["a"]}').toString('base64'),
      Buffer.from('{"email":"a"}{"email":"b"}').toString('base64'),
      Buffer.from([0xc3, 0x28]).toString('base64'),
      identityHeader({ email: '\u2028' }),
      identityHeader({ email: 'ok', constructor: 'x', __proto__: 'y' }),
    ];
    const resources = ['<rss><channel><title></title></channel></rss>', '<', ' ', '\u0000'.repeat(3)];
    for (const header of headers) {
      for (const mvpd of [BASIC, PROMO]) {
        const caller = { app, token, deviceId: 'fuzz-tv', header };
        for (const kind of ['authorize', 'preauthorize'] as const) {
          expect((await decide(caller, kind, mvpd, [resources[0] ?? 'a'])).status).toBeLessThan(500);
        }
        const profile = await app.request(`/api/v2/REF30/profiles/${mvpd}`, {
          headers: {
            Authorization: `Bearer ${token}`,
            'AP-Device-Identifier': `fingerprint ${Buffer.from('fuzz-tv').toString('base64')}`,
            'AP-TempPass-Identity': header,
          },
        });
        expect(profile.status).toBeLessThan(500);
      }
    }
    for (const resource of resources) {
      const item = await authorizeOne(
        { app, token, deviceId: 'fuzz-tv', email: 'f@example.com' },
        PROMO,
        resource,
      );
      expect(item.source).toBe('temppass');
    }
  });
});
