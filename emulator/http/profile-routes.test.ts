// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { saveProfile } from '../store/profiles.ts';
import {
  apiHeaders,
  formBody,
  makeEmulator,
  registerAndToken,
  signIn,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import { enhancedErrorSchema, profilesResponseSchema } from '../../src/pass/schemas/index.ts';

async function setup() {
  const emulator = makeEmulator();
  return { ...emulator, token: await registerAndToken(emulator.app) };
}

async function get(app: EmulatorApp, path: string, headers: Record<string, string>) {
  const response = await app.request(`/api/v2/${SP}${path}`, { headers });
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  return response;
}

async function profiles(response: Response) {
  expect(response.status).toBe(200);
  return profilesResponseSchema.parse(await response.json()).profiles;
}

async function expectError(response: Response, code: string, status = 400) {
  expect(response.status).toBe(status);
  expect(enhancedErrorSchema.parse(await response.json()).code).toBe(code);
}

const ACME = { mvpd: 'AcmeCable', username: 'premium', password: 'password' };
const METRO = { mvpd: 'MetroFiber', username: 'basic', password: 'password' };

describe('GET /api/v2/{sp}/profiles', () => {
  it('is {"profiles":{}} without a login, then lists every valid profile of this app+device', async () => {
    const { app, token } = await setup();
    expect(await profiles(await get(app, '/profiles', apiHeaders(token, 'dev-1')))).toEqual({});
    await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    await signIn(app, { token, deviceId: 'dev-1', ...METRO });
    const all = await profiles(await get(app, '/profiles', apiHeaders(token, 'dev-1')));
    expect(Object.keys(all)).toEqual(['AcmeCable', 'MetroFiber']);
    expect(all.AcmeCable).toMatchObject({ issuer: 'AcmeCable', type: 'regular' });
    expect(Object.keys(all.AcmeCable!).sort()).toEqual([
      'attributes',
      'issuer',
      'notAfter',
      'notBefore',
      'type',
    ]);
    expect(await profiles(await get(app, '/profiles', apiHeaders(token, 'dev-2')))).toEqual({});
  });

  it('is bound to the application (software_id), not one credential pair: a re-registered app still sees it', async () => {
    const { app, token } = await setup();
    await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    const again = await registerAndToken(app);
    expect(Object.keys(await profiles(await get(app, '/profiles', apiHeaders(again, 'dev-1'))))).toEqual([
      'AcmeCable',
    ]);
  });

  it('drops profiles after their authN TTL (emulator clock)', async () => {
    const { app, token, context } = await setup();
    await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    await signIn(app, { token, deviceId: 'dev-1', ...METRO });
    context.clock.advance(7 * 86_400_000); // MetroFiber authN TTL = 7 days
    const fresh = await registerAndToken(app);
    expect(Object.keys(await profiles(await get(app, '/profiles', apiHeaders(fresh, 'dev-1'))))).toEqual([
      'AcmeCable',
    ]);
    context.clock.advance(23 * 86_400_000); // AcmeCable authN TTL = 30 days
    const later = await registerAndToken(app);
    expect(await profiles(await get(app, '/profiles', apiHeaders(later, 'dev-1')))).toEqual({});
  });

  it('leaves temporary and degraded profiles out of the device list (they show by MVPD)', async () => {
    const { app, token, context } = await setup();
    const now = context.clock.now();
    saveProfile(context.db, {
      appId: 'passref-web-app',
      deviceId: 'dev-1',
      serviceProvider: SP,
      mvpd: 'MetroFiber',
      type: 'temporary',
      issuer: 'Adobe',
      username: 'temppass',
      notBefore: now,
      notAfter: now + 60_000,
      attributes: { userID: { value: 'temppass_x', state: 'plain' } },
      sessionCode: null,
    });
    expect(await profiles(await get(app, '/profiles', apiHeaders(token, 'dev-1')))).toEqual({});
    expect(
      Object.keys(await profiles(await get(app, '/profiles/MetroFiber', apiHeaders(token, 'dev-1')))),
    ).toEqual(['MetroFiber']);
  });

  it('requires AP-Device-Identifier and a valid token; 405 otherwise', async () => {
    const { app, token } = await setup();
    await expectError(await get(app, '/profiles', apiHeaders(token)), 'invalid_header_device_identifier');
    await expectError(
      await get(app, '/profiles', apiHeaders(token, 'dev', { 'X-Device-Info': '!!' })),
      'invalid_header_device_info',
    );
    await expectError(
      await get(app, '/profiles', { 'AP-Device-Identifier': 'fingerprint ZGV2' }),
      'invalid_access_token_client_application',
      401,
    );
    const post = await app.request(`/api/v2/${SP}/profiles`, {
      method: 'POST',
      headers: apiHeaders(token, 'dev'),
    });
    await expectError(post, 'invalid_http_method', 405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('GET /api/v2/{sp}/profiles/{mvpd}', () => {
  it('answers the one MVPD profile, or {} when there is none', async () => {
    const { app, token } = await setup();
    expect(await profiles(await get(app, '/profiles/AcmeCable', apiHeaders(token, 'dev-1')))).toEqual({});
    await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    expect(
      Object.keys(await profiles(await get(app, '/profiles/AcmeCable', apiHeaders(token, 'dev-1')))),
    ).toEqual(['AcmeCable']);
    expect(await profiles(await get(app, '/profiles/MetroFiber', apiHeaders(token, 'dev-1')))).toEqual({});
  });

  it('unknown MVPD → invalid_parameter_mvpd; device header required', async () => {
    const { app, token } = await setup();
    await expectError(await get(app, '/profiles/Nope', apiHeaders(token, 'dev-1')), 'invalid_parameter_mvpd');
    await expectError(
      await get(app, `/profiles/${'x'.repeat(3000)}`, apiHeaders(token, 'dev-1')),
      'invalid_parameter_mvpd',
    );
    await expectError(
      await get(app, '/profiles/AcmeCable', apiHeaders(token)),
      'invalid_header_device_identifier',
    );
    await expectError(
      await app.request(`/api/v2/${SP}/profiles/AcmeCable`, {
        method: 'DELETE',
        headers: apiHeaders(token, 'd'),
      }),
      'invalid_http_method',
      405,
    );
  });
});

describe('GET /api/v2/{sp}/profiles/code/{code}', () => {
  it('is {} until the login completes, then the profile; no device headers needed', async () => {
    const { app, token } = await setup();
    const created = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'dev-1', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: formBody({ mvpd: 'AcmeCable', domainName: 'localhost', redirectUrl: 'http://localhost/done' }),
    });
    const { code } = (await created.json()) as { code: string };
    expect(await profiles(await get(app, `/profiles/code/${code}`, apiHeaders(token)))).toEqual({});
    const { code: signedCode } = await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    expect(
      Object.keys(await profiles(await get(app, `/profiles/code/${signedCode}`, apiHeaders(token)))),
    ).toEqual(['AcmeCable']);
    expect(
      Object.keys(
        await profiles(await get(app, `/profiles/code/${signedCode.toLowerCase()}`, apiHeaders(token))),
      ),
    ).toEqual(['AcmeCable']);
    // The older code did not produce this profile.
    expect(await profiles(await get(app, `/profiles/code/${code}`, apiHeaders(token)))).toEqual({});
  });

  it('is not captured by /profiles/{mvpd}', async () => {
    const { app, token } = await setup();
    await expectError(
      await get(app, '/profiles/code/NOSUCH1', apiHeaders(token)),
      'invalid_authentication_session',
    );
  });

  it('malformed → invalid_parameter_code; unknown or expired → invalid_authentication_session', async () => {
    const { app, token, context } = await setup();
    await expectError(await get(app, '/profiles/code/ab$cd', apiHeaders(token)), 'invalid_parameter_code');
    await expectError(
      await get(app, `/profiles/code/${'A'.repeat(40)}`, apiHeaders(token)),
      'invalid_parameter_code',
    );
    await expectError(
      await get(app, '/profiles/code/ZZZZZZZ', apiHeaders(token)),
      'invalid_authentication_session',
    );
    const { code } = await signIn(app, { token, deviceId: 'dev-1', ...ACME });
    context.clock.advance(1_800_000);
    const fresh = await registerAndToken(app);
    await expectError(
      await get(app, `/profiles/code/${code}`, apiHeaders(fresh)),
      'invalid_authentication_session',
    );
    // The profile itself is still valid and visible by device.
    expect(Object.keys(await profiles(await get(app, '/profiles', apiHeaders(fresh, 'dev-1'))))).toEqual([
      'AcmeCable',
    ]);
  });

  it('answers 401 without a token and 405 for POST', async () => {
    const { app, token } = await setup();
    await expectError(
      await get(app, '/profiles/code/ABCDEFG', {}),
      'invalid_access_token_client_application',
      401,
    );
    await expectError(
      await app.request(`/api/v2/${SP}/profiles/code/ABCDEFG`, {
        method: 'POST',
        headers: apiHeaders(token),
      }),
      'invalid_http_method',
      405,
    );
  });
});
