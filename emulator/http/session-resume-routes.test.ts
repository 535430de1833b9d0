// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  apiHeaders,
  formBody,
  makeEmulator,
  registerAndToken,
  signIn,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import {
  enhancedErrorSchema,
  sessionResponseSchema,
  sessionStatusResponseSchema,
} from '../../src/pass/schemas/index.ts';

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

function resume(app: EmulatorApp, token: string, code: string, body: string) {
  return app.request(`/api/v2/${SP}/sessions/${code}`, {
    method: 'POST',
    headers: apiHeaders(token, undefined, FORM),
    body,
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

describe('POST /api/v2/{sp}/sessions/{code} (resume)', () => {
  it('still incomplete → retry; complete → authenticate; code always present', async () => {
    const { app, token } = await setup();
    const created = sessionResponseSchema.parse(await json(await create(app, token, {})));
    const code = created.code!;
    const retry = sessionResponseSchema.parse(
      await json(await resume(app, token, code, formBody({ mvpd: 'MetroFiber' }))),
    );
    expect(retry).toMatchObject({
      actionName: 'retry',
      actionType: 'direct',
      reasonType: 'none',
      code,
      mvpd: 'MetroFiber',
    });
    expect(retry.missingParameters).toEqual(['domainName', 'redirectUrl']);
    expect(retry.url).toBe(`/api/v2/${SP}/sessions/${code}`);
    expect(retry.sessionId).toBe(created.sessionId);
    expect(retry.notAfter).toBe(created.notAfter);
    const done = sessionResponseSchema.parse(
      await json(
        await resume(
          app,
          token,
          code.toLowerCase(),
          formBody({ domainName: 'LOCALHOST', redirectUrl: COMPLETE.redirectUrl }),
        ),
      ),
    );
    expect(done).toMatchObject({
      actionName: 'authenticate',
      actionType: 'interactive',
      reasonType: 'none',
      code,
    });
    expect(done.url).toBe(`/api/v2/authenticate/${SP}/${code}`);
    expect(done).not.toHaveProperty('missingParameters');
  });

  it('empty resume body → retry with everything still missing', async () => {
    const { app, token } = await setup();
    const code = (await json(await create(app, token, {}))).code as string;
    const body = await json(await resume(app, token, code, ''));
    expect(body.actionName).toBe('retry');
    expect(body.missingParameters).toEqual(['mvpd', 'domainName', 'redirectUrl']);
  });

  it('answers authorize/authenticated when the creating device already has a profile (code kept)', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'device-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const code = (await json(await create(app, token, { domainName: 'localhost' }))).code as string;
    const body = await json(await resume(app, token, code, formBody({ mvpd: 'AcmeCable' })));
    expect(body).toMatchObject({
      actionName: 'authorize',
      actionType: 'direct',
      reasonType: 'authenticated',
      code,
    });
    expect(body.url).toBe(`/api/v2/${SP}/decisions/authorize/AcmeCable`);
  });

  it('works from a second app registration (second screen) without device headers', async () => {
    const { app, token } = await setup();
    const code = (await json(await create(app, token, {}))).code as string;
    const secondScreen = await registerAndToken(app);
    expect((await json(await resume(app, secondScreen, code, formBody(COMPLETE)))).actionName).toBe(
      'authenticate',
    );
  });

  it('validates supplied parameters like create', async () => {
    const { app, token } = await setup();
    const code = (await json(await create(app, token, {}))).code as string;
    await expectError(await resume(app, token, code, formBody({ mvpd: 'Nope' })), 'invalid_parameter_mvpd');
    await expectError(
      await resume(app, token, code, formBody({ redirectUrl: 'https://evil.example' })),
      'invalid_parameter_redirect_url',
    );
    await expectError(
      await resume(app, token, code, formBody({ domainName: 'evil.example' })),
      'invalid_integration',
    );
  });

  it('malformed code → invalid_parameter_code; unknown or expired → invalid_authentication_session', async () => {
    const { app, token, context } = await setup();
    await expectError(await resume(app, token, 'AB-CD', ''), 'invalid_parameter_code');
    await expectError(await resume(app, token, 'A'.repeat(33), ''), 'invalid_parameter_code');
    await expectError(await resume(app, token, 'ZZZZZZZ', ''), 'invalid_authentication_session');
    const code = (await json(await create(app, token, {}))).code as string;
    context.clock.advance(1_800_000 - 1000);
    expect((await resume(app, token, code, '')).status).toBe(200);
    context.clock.advance(1000);
    await expectError(await resume(app, token, code, ''), 'invalid_authentication_session');
  });

  it('answers 405 for PUT/DELETE', async () => {
    const { app, token } = await setup();
    const response = await app.request(`/api/v2/${SP}/sessions/ABCDEFG`, {
      method: 'PUT',
      headers: apiHeaders(token),
    });
    await expectError(response, 'invalid_http_method', 405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('GET /api/v2/{sp}/sessions/{code} (retrieve)', () => {
  it('shows existing and missing parameters, the normalised first device and string times', async () => {
    const { app, token } = await setup();
    const info = Buffer.from(
      JSON.stringify({
        primaryHardwareType: 'MobilePhone',
        model: 'SM-S901U',
        version: 'r0q',
        manufacturer: 'samsung',
        osName: 'Android',
        osVersion: '14',
        connectionType: 'WiFi',
        connectionPort: 3061,
        displayWidth: 1080,
      }),
    ).toString('base64');
    const created = await json(
      await create(app, token, { domainName: 'localhost', redirectUrl: COMPLETE.redirectUrl }, 'phone-1', {
        'X-Device-Info': info,
        'X-Forwarded-For': '203.0.113.7, 10.0.0.1',
      }),
    );
    const response = await app.request(`/api/v2/${SP}/sessions/${created.code as string}`, {
      headers: apiHeaders(token),
    });
    expect(response.status).toBe(200);
    const body = sessionStatusResponseSchema.parse(await json(response));
    expect(body.missingParameters).toEqual(['mvpd']);
    expect(body.existingParameters).toEqual({
      domainName: 'localhost',
      redirectUrl: COMPLETE.redirectUrl,
      serviceProvider: SP,
    });
    expect(body.notBefore).toBe(created.notBefore);
    expect(body.notAfter).toBe(created.notAfter);
    expect(body.device).toMatchObject({
      type: 'MobilePhone',
      model: 'SM-S901U',
      version: { major: null, minor: null, patch: null, profile: 'r0q' },
      hardware: { name: 'SM-S901U', vendor: null, manufacturer: 'samsung' },
      operatingSystem: { name: 'Android', version: { major: 14, minor: null, patch: null, profile: '' } },
      display: { width: 1080, height: null },
      applicationId: null,
      connection: { ipAddress: '203.0.113.7', port: '3061', secure: null, type: 'WiFi' },
    });
  });

  it('derives the device from the User-Agent when X-Device-Info is absent; omits missingParameters when complete', async () => {
    const { app, token } = await setup();
    const ua =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    const created = await json(await create(app, token, COMPLETE, 'mac-1', { 'User-Agent': ua }));
    const body = await json(
      await app.request(`/api/v2/${SP}/sessions/${created.code as string}`, { headers: apiHeaders(token) }),
    );
    expect(body).not.toHaveProperty('missingParameters');
    expect(body.existingParameters).toEqual({ ...COMPLETE, serviceProvider: SP });
    expect(body.device).toMatchObject({
      type: 'Desktop',
      model: null,
      operatingSystem: {
        name: 'macOS',
        family: 'macOS',
        vendor: 'Apple',
        version: { major: 10, minor: 15, patch: 7, profile: '' },
      },
      browser: { name: 'Chrome', vendor: 'Google', userAgent: ua, originalUserAgent: ua },
    });
  });

  it('errors: malformed code, unknown code, expired code, other SP in token scope', async () => {
    const { app, token, context } = await setup();
    const get = (code: string) =>
      app.request(`/api/v2/${SP}/sessions/${code}`, { headers: apiHeaders(token) });
    await expectError(await get('%20'), 'invalid_parameter_code');
    await expectError(await get('ABC%2FDEF'), 'invalid_parameter_code');
    await expectError(await get('NOSUCH1'), 'invalid_authentication_session');
    const code = (await json(await create(app, token, {}))).code as string;
    expect((await get(code.toLowerCase())).status).toBe(200);
    context.clock.advance(1_800_000);
    await expectError(await get(code), 'invalid_authentication_session');
    await expectError(
      await app.request(`/api/v2/${SP}/sessions/${code}`),
      'invalid_access_token_client_application',
      401,
    );
  });
});
