// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { enhancedErrorSchema } from '../../src/pass/schemas/index.ts';
import { createSeed, makeSoftwareStatement } from '../domain/seed.ts';
import { revokeClient } from '../store/clients.ts';
import { makeEmulator, registerAndToken, registerClient, SP } from '../test-support.ts';
import { BASIC, MINUTE, PROMO, resetCall } from './temppass-test-helpers.ts';

/**
 * Reset TempPass management API: paths, credentials and statuses (spec reset-temppass.md). The
 * reset semantics live in temppass-reset-semantics.test.ts.
 */
const T0 = Date.UTC(2031, 5, 1, 8);
const API_KEY = '1232293681726481';
const BEARER_PATHS = ['v3/reset', 'v3/reset/generic', 'v2.1/reset', 'v2.1/reset/generic'];
const ALL_PATHS = [...BEARER_PATHS, 'v2/reset'];
const OK_QUERY = { requestor_id: SP, mvpd_id: PROMO };

async function setup(seed = createSeed(), throttleMode: 'off' | 'adobe' = 'off') {
  const { app, context } = makeEmulator({ seed, realNow: () => T0, throttleMode });
  const token = await registerAndToken(app);
  const bearer = { Authorization: `Bearer ${token}` };
  return { app, context, token, bearer, seed };
}

/** Credentials that pass for a path: ApiKey on v2, the bearer elsewhere. */
const credentialsFor = (path: string, bearer: Record<string, string>) =>
  path.startsWith('v2/') ? { ApiKey: API_KEY } : bearer;

async function expectEnhanced(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(enhancedErrorSchema.parse(await response.json())).toMatchObject({ status, code });
}

describe('success', () => {
  it.each(ALL_PATHS)('DELETE /reset-tempass/%s → 204 with an empty body', async (path) => {
    const { app, bearer } = await setup();
    for (const query of [
      OK_QUERY,
      { ...OK_QUERY, device_id: 'all' },
      { ...OK_QUERY, key: 'abc', appId: 'x' },
    ]) {
      const response = await resetCall(app, path, query, credentialsFor(path, bearer));
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    }
  });

  it('a generic reset on the basic TempPass finds nothing to remove and succeeds', async () => {
    const { app, bearer } = await setup();
    const response = await resetCall(app, 'v3/reset/generic', { requestor_id: SP, mvpd_id: BASIC }, bearer);
    expect(response.status).toBe(204);
  });
});

describe('400 bad request (enhanced-error JSON)', () => {
  const cases: [string, Record<string, string> | string, string][] = [
    ['requestor_id missing', { mvpd_id: PROMO }, 'invalid_parameter_service_provider'],
    ['requestor_id empty', { requestor_id: '', mvpd_id: PROMO }, 'invalid_parameter_service_provider'],
    ['requestor_id unknown', { requestor_id: 'NOPE', mvpd_id: PROMO }, 'invalid_parameter_service_provider'],
    [
      'requestor_id twice',
      `requestor_id=${SP}&requestor_id=${SP}&mvpd_id=${PROMO}`,
      'invalid_parameter_service_provider',
    ],
    ['mvpd_id missing', { requestor_id: SP }, 'invalid_parameter_mvpd'],
    ['mvpd_id unknown', { requestor_id: SP, mvpd_id: 'Nope' }, 'invalid_parameter_mvpd'],
    ['mvpd_id not a TempPass', { requestor_id: SP, mvpd_id: 'AcmeCable' }, 'invalid_parameter_mvpd'],
    ['mvpd_id in another case', { requestor_id: SP, mvpd_id: 'temppass' }, 'invalid_parameter_mvpd'],
    ['mvpd_id huge', { requestor_id: SP, mvpd_id: 'T'.repeat(5000) }, 'invalid_parameter_mvpd'],
  ];
  it.each(cases)('%s', async (_name, query, code) => {
    const { app, bearer } = await setup();
    for (const path of ALL_PATHS) {
      const headers = credentialsFor(path, bearer);
      const response =
        typeof query === 'string'
          ? await app.request(`/reset-tempass/${path}?${query}`, { method: 'DELETE', headers })
          : await resetCall(app, path, query, headers);
      await expectEnhanced(response, 400, code);
    }
  });

  it.each([
    ['device_id', 'v3/reset', ''],
    ['device_id', 'v2/reset', 'x'.repeat(1025)],
    ['device_id', 'v2.1/reset', 'a\u0001b'],
    ['key', 'v3/reset/generic', ''],
    ['key', 'v2.1/reset/generic', 'k'.repeat(1025)],
  ])('a malformed %s on %s → 400 bad_request', async (name, path, value) => {
    const { app, bearer } = await setup();
    const response = await resetCall(app, path, { ...OK_QUERY, [name]: value }, credentialsFor(path, bearer));
    await expectEnhanced(response, 400, 'bad_request');
  });

  it('a duplicated device_id → 400 bad_request', async () => {
    const { app, bearer } = await setup();
    const response = await app.request(
      `/reset-tempass/v3/reset?requestor_id=${SP}&mvpd_id=${PROMO}&device_id=a&device_id=b`,
      { method: 'DELETE', headers: bearer },
    );
    await expectEnhanced(response, 400, 'bad_request');
  });
});

describe('401 / 403 with a bearer token (v3, v2.1)', () => {
  it.each(BEARER_PATHS)(
    '%s: no, malformed, foreign or expired token → 401; a revoked client → 403',
    async (path) => {
      const { app, context } = await setup();
      const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"client_id":"x","exp":9999999999}').toString('base64url')}.`;
      const attempts: Record<string, string>[] = [
        {},
        { Authorization: 'Bearer' },
        { Authorization: 'Basic abc' },
        { Authorization: `Bearer ${forged}` },
        { ApiKey: API_KEY },
      ];
      for (const headers of attempts) {
        await expectEnhanced(
          await resetCall(app, path, OK_QUERY, headers),
          401,
          'invalid_access_token_client_application',
        );
      }
      const client = await registerClient(app);
      const token = (await (
        await app.request('/o/client/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...client, grant_type: 'client_credentials' }).toString(),
        })
      ).json()) as { access_token: string };
      revokeClient(context.db, client.client_id);
      // Spec reset-temppass.md §5 / dcr.md §3.5: 403 from the management API means "revoked, register again".
      await expectEnhanced(
        await resetCall(app, path, OK_QUERY, { Authorization: `Bearer ${token.access_token}` }),
        403,
        'invalid_access_token_client_application',
      );
      const fresh = await registerAndToken(app);
      context.clock.advance(7 * 60 * MINUTE);
      await expectEnhanced(
        await resetCall(app, path, OK_QUERY, { Authorization: `Bearer ${fresh}` }),
        401,
        'invalid_access_token_client_application',
      );
    },
  );

  it.each(BEARER_PATHS)(
    '%s: a client of softwareStatementNoReset → 403, whatever the parameters',
    async (path) => {
      const { app, seed } = await setup();
      const token = await registerAndToken(app, seed.softwareStatementNoReset);
      const queries: Record<string, string>[] = [OK_QUERY, {}, { requestor_id: 'NOPE' }];
      for (const query of queries) {
        const response = await resetCall(app, path, query, { Authorization: `Bearer ${token}` });
        expect(response.status).toBe(403);
        expect(enhancedErrorSchema.parse(await response.json())).toMatchObject({
          status: 403,
          code: 'invalid_access_token_client_application',
          action: 'application-registration',
        });
      }
    },
  );

  it('403 when the statement may reset but does not cover the requestor', async () => {
    const seed = createSeed();
    seed.softwareStatements.push({
      softwareId: 'other-sp-tool',
      serviceProviders: ['OTHER'],
      scopes: ['api:client:v2'],
      canResetTempPass: true,
    });
    const { app } = await setup(seed);
    const token = await registerAndToken(app, makeSoftwareStatement('other-sp-tool'));
    const response = await resetCall(app, 'v3/reset', OK_QUERY, { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
  });
});

describe('v2 with the ApiKey header', () => {
  it('missing → 401, wrong → 403, a bearer token does not replace it', async () => {
    const { app, bearer } = await setup();
    await expectEnhanced(
      await resetCall(app, 'v2/reset', OK_QUERY, {}),
      401,
      'invalid_access_token_client_application',
    );
    await expectEnhanced(
      await resetCall(app, 'v2/reset', OK_QUERY, bearer),
      401,
      'invalid_access_token_client_application',
    );
    await expectEnhanced(
      await resetCall(app, 'v2/reset', OK_QUERY, { ApiKey: '1232293681726482' }),
      403,
      'invalid_access_token_client_application',
    );
    expect((await resetCall(app, 'v2/reset', OK_QUERY, { apikey: API_KEY })).status).toBe(204);
  });

  it('serves no v2 generic path', async () => {
    const { app } = await setup();
    expect((await resetCall(app, 'v2/reset/generic', OK_QUERY, { ApiKey: API_KEY })).status).toBe(404);
  });
});

describe('methods, CORS and throttling', () => {
  it.each(ALL_PATHS)('%s: any method but DELETE → 405 with Allow: DELETE', async (path) => {
    const { app, bearer } = await setup();
    for (const method of ['GET', 'POST', 'PUT', 'PATCH']) {
      const response = await resetCall(app, path, OK_QUERY, credentialsFor(path, bearer), method);
      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toBe('DELETE');
    }
  });

  it('answers a CORS preflight for DELETE with the Authorization and ApiKey headers', async () => {
    const { app } = await setup();
    const response = await app.request('/reset-tempass/v3/reset', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization,apikey',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('DELETE');
    expect(response.headers.get('Access-Control-Allow-Headers')).toMatch(/ApiKey/);
    const deleted = await resetCall(app, 'v2/reset', OK_QUERY, {
      ApiKey: API_KEY,
      Origin: 'http://localhost:5173',
    });
    expect(deleted.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
  });

  it('is not throttled, even in adobe mode', async () => {
    const { app, bearer } = await setup(createSeed(), 'adobe');
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => resetCall(app, 'v3/reset', OK_QUERY, bearer).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([204]));
  });
});

describe('never a 500', () => {
  it('odd query strings and headers answer 204/400/401/403', async () => {
    const { app, bearer } = await setup();
    const queries = [
      '%',
      '%ZZ',
      'device_id=%00',
      `requestor_id=${SP}&mvpd_id=${PROMO}&device_id=%F0%9F%92%A9`,
      '&&&=',
      'key[]=1',
    ];
    for (const path of ALL_PATHS) {
      for (const query of queries) {
        const response = await app.request(`/reset-tempass/${path}?${query}`, {
          method: 'DELETE',
          headers: {
            ...credentialsFor(path, bearer),
            ApiKey: path.startsWith('v2/') ? API_KEY : 'x'.repeat(5000),
          },
        });
        expect([204, 400, 401, 403]).toContain(response.status);
      }
    }
  });
});
