// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSeed } from '../domain/seed.ts';
import {
  apiHeaders,
  formBody,
  makeEmulator,
  registerAndToken,
  signIn,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import { enhancedErrorSchema, sessionResponseSchema } from '../../src/pass/schemas/index.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const COMPLETE = { mvpd: 'AcmeCable', domainName: 'localhost', redirectUrl: 'http://localhost/auth/done' };

function create(
  app: EmulatorApp,
  token: string,
  params: Record<string, string>,
  deviceId = 'device-1',
  extra: Record<string, string> = {},
) {
  return app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(token, deviceId, { ...FORM, ...extra }),
    body: formBody(params),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  return (await response.json()) as Record<string, unknown>;
}

async function expectError(response: Response, code: string, status = 400) {
  expect(response.status).toBe(status);
  const body = enhancedErrorSchema.parse(await json(response));
  expect(body.code).toBe(code);
}

async function setup() {
  const emulator = makeEmulator();
  return { ...emulator, token: await registerAndToken(emulator.app) };
}

describe('POST /api/v2/{sp}/sessions (create)', () => {
  it('all parameters, no profile → authenticate/interactive/none with code and a 30 min window', async () => {
    const { app, token, context } = await setup();
    const response = await create(app, token, COMPLETE);
    expect(response.status).toBe(200);
    const body = sessionResponseSchema.parse(await json(response));
    expect(body).toMatchObject({
      actionName: 'authenticate',
      actionType: 'interactive',
      reasonType: 'none',
      mvpd: 'AcmeCable',
      serviceProvider: SP,
    });
    expect(body.code).toMatch(/^[A-Z0-9]{7}$/);
    expect(body.url).toBe(`/api/v2/authenticate/${SP}/${body.code}`);
    expect(body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).not.toHaveProperty('missingParameters');
    expect(typeof body.notBefore).toBe('string');
    expect(Number(body.notAfter) - Number(body.notBefore)).toBe(1_800_000);
    expect(Math.abs(Number(body.notBefore) - context.clock.now())).toBeLessThan(5000);
  });

  it('Adobe’s sample request (domainName=adobe.com, redirectUrl=https://adobe.com) → authenticate', async () => {
    const { app, token } = await setup();
    const response = await create(app, token, {
      mvpd: 'AcmeCable',
      domainName: 'adobe.com',
      redirectUrl: 'https://adobe.com',
    });
    expect(response.status).toBe(200);
    expect(sessionResponseSchema.parse(await json(response))).toMatchObject({
      actionName: 'authenticate',
      actionType: 'interactive',
    });
  });

  it('empty body → resume/direct/none listing all three missing parameters', async () => {
    const { app, token } = await setup();
    const body = sessionResponseSchema.parse(await json(await create(app, token, {})));
    expect(body).toMatchObject({ actionName: 'resume', actionType: 'direct', reasonType: 'none' });
    expect(body.missingParameters).toEqual(['mvpd', 'domainName', 'redirectUrl']);
    expect(body.url).toBe(`/api/v2/${SP}/sessions/${body.code}`);
    expect(body).not.toHaveProperty('mvpd');
    expect(body.notBefore).toMatch(/^\d+$/);
  });

  it('some parameters missing → resume with the remaining ones', async () => {
    const { app, token } = await setup();
    const body = sessionResponseSchema.parse(
      await json(await create(app, token, { domainName: 'localhost', redirectUrl: COMPLETE.redirectUrl })),
    );
    expect(body.actionName).toBe('resume');
    expect(body.missingParameters).toEqual(['mvpd']);
  });

  it('valid regular profile for the MVPD → authorize/direct/authenticated, no code', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'device-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const body = sessionResponseSchema.parse(await json(await create(app, token, COMPLETE)));
    expect(body).toMatchObject({
      actionName: 'authorize',
      actionType: 'direct',
      reasonType: 'authenticated',
      mvpd: 'AcmeCable',
    });
    expect(body.url).toBe(`/api/v2/${SP}/decisions/authorize/AcmeCable`);
    expect(body).not.toHaveProperty('code');
    expect(body).not.toHaveProperty('notBefore');
    // Only the MVPD matters for the profile check (inferred): mvpd alone also gives authorize.
    expect((await json(await create(app, token, { mvpd: 'AcmeCable' }))).actionName).toBe('authorize');
    // Another MVPD or another device still has to log in.
    expect((await json(await create(app, token, { ...COMPLETE, mvpd: 'MetroFiber' }))).actionName).toBe(
      'authenticate',
    );
    expect((await json(await create(app, token, COMPLETE, 'device-2'))).actionName).toBe('authenticate');
  });

  it('an expired profile no longer short-cuts to authorize', async () => {
    const { app, token, context } = await setup();
    await signIn(app, {
      token,
      deviceId: 'device-1',
      mvpd: 'MetroFiber',
      username: 'premium',
      password: 'password',
    });
    context.clock.advance(7 * 86_400_000);
    const fresh = await registerAndToken(app);
    expect((await json(await create(app, fresh, { ...COMPLETE, mvpd: 'MetroFiber' }))).actionName).toBe(
      'authenticate',
    );
  });

  it('a TempPass MVPD → authorize/direct/temporary', async () => {
    const seed = createSeed();
    seed.mvpds[1]!.flags = { isTempPass: true };
    const { app } = makeEmulator({ seed });
    const token = await registerAndToken(app);
    const body = await json(await create(app, token, { ...COMPLETE, mvpd: 'MetroFiber' }));
    expect(body).toMatchObject({ actionName: 'authorize', actionType: 'direct', reasonType: 'temporary' });
  });

  it('accepts the own origin of the request as redirect target and registered sub-domains', async () => {
    const { app, token } = await setup();
    const own = await app.request(`http://emu.test:4000/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'device-1', FORM),
      body: formBody({ ...COMPLETE, redirectUrl: 'http://emu.test:4000/auth/done' }),
    });
    expect((await json(own)).actionName).toBe('authenticate');
    const sub = await create(app, token, { ...COMPLETE, redirectUrl: 'https://www.passref.example/x?y=1' });
    expect((await json(sub)).actionName).toBe('authenticate');
  });

  it.each([
    ['https://evil.example/'],
    ['http://localhost.evil.example/'],
    ['javascript:alert(1)'],
    ['/relative/path'],
    ['http://user:pass@localhost/'],
    ['http://localhost/\r\nSet-Cookie: x=1'],
    [`http://localhost/${'a'.repeat(2100)}`],
  ])('refuses redirectUrl %# → invalid_parameter_redirect_url', async (redirectUrl) => {
    const { app, token } = await setup();
    await expectError(
      await create(app, token, { ...COMPLETE, redirectUrl }),
      'invalid_parameter_redirect_url',
    );
  });

  it('refuses an unknown MVPD → invalid_parameter_mvpd, an unregistered domain → invalid_integration', async () => {
    const { app, token } = await setup();
    await expectError(await create(app, token, { ...COMPLETE, mvpd: 'Nope' }), 'invalid_parameter_mvpd');
    await expectError(
      await create(app, token, { ...COMPLETE, mvpd: 'x'.repeat(5000) }),
      'invalid_parameter_mvpd',
    );
    await expectError(
      await create(app, token, { ...COMPLETE, domainName: 'evil.example' }),
      'invalid_integration',
    );
  });

  it('refuses a parameter sent twice', async () => {
    const { app, token } = await setup();
    const response = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'device-1', FORM),
      body: `${formBody(COMPLETE)}&mvpd=MetroFiber`,
    });
    await expectError(response, 'invalid_parameter_mvpd');
  });

  it.each([
    ['missing', undefined],
    ['wrong type', 'uuid YmE='],
    ['not base64', 'fingerprint ***'],
    ['two values', 'fingerprint YmE= YmE='],
    ['empty', ''],
  ])('requires AP-Device-Identifier (%s) → invalid_header_device_identifier', async (_label, value) => {
    const { app, token } = await setup();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...FORM };
    if (value !== undefined) headers['AP-Device-Identifier'] = value;
    const response = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers,
      body: formBody(COMPLETE),
    });
    await expectError(response, 'invalid_header_device_identifier');
  });

  it('accepts a lenient X-Device-Info but refuses one that is not Base64', async () => {
    const { app, token } = await setup();
    const badJson = Buffer.from('{"model":"x" "osName":"y"}').toString('base64');
    expect((await create(app, token, COMPLETE, 'd', { 'X-Device-Info': badJson })).status).toBe(200);
    // Unpadded and URL-safe Base64 are still Base64 (only "not Base64 at all" is refused).
    const info = Buffer.from('{"model":"TV??>","osName":"webOS","version":"1","osVersion":"6"}');
    for (const spelling of [info.toString('base64').replace(/=+$/, ''), info.toString('base64url')]) {
      expect((await create(app, token, COMPLETE, 'd', { 'X-Device-Info': spelling })).status).toBe(200);
    }
    await expectError(
      await create(app, token, COMPLETE, 'd', { 'X-Device-Info': 'QUJDD' }),
      'invalid_header_device_info',
    );
    await expectError(
      await create(app, token, COMPLETE, 'd', { 'X-Device-Info': 'not base64 at all!' }),
      'invalid_header_device_info',
    );
  });

  it('treats a non-form body as no parameters', async () => {
    const { app, token } = await setup();
    const response = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'device-1', { 'Content-Type': 'application/json' }),
      body: JSON.stringify(COMPLETE),
    });
    expect((await json(response)).actionName).toBe('resume');
  });

  it('checks the token and SP first (401 / 400) and answers 405 for GET', async () => {
    const { app, token } = await setup();
    const noToken = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: FORM,
      body: formBody(COMPLETE),
    });
    await expectError(noToken, 'invalid_access_token_client_application', 401);
    const badSp = await app.request('/api/v2/OTHER/sessions', {
      method: 'POST',
      headers: apiHeaders(token, 'd', FORM),
      body: '',
    });
    await expectError(badSp, 'invalid_parameter_service_provider');
    const get = await app.request(`/api/v2/${SP}/sessions`, { headers: apiHeaders(token) });
    await expectError(get, 'invalid_http_method', 405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});
