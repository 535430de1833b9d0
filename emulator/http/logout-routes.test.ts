// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { apiHeaders, makeEmulator, registerAndToken, signIn, SP, type EmulatorApp } from '../test-support.ts';
import { enhancedErrorSchema, logoutResponseSchema } from '../../src/pass/schemas/index.ts';

async function setup() {
  const emulator = makeEmulator();
  return { ...emulator, token: await registerAndToken(emulator.app) };
}

function logout(app: EmulatorApp, token: string, mvpd: string, query = '', deviceId = 'dev-1', base = '') {
  return app.request(`${base}/api/v2/${SP}/logout/${mvpd}${query}`, { headers: apiHeaders(token, deviceId) });
}

async function logouts(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  return logoutResponseSchema.parse(await response.json()).logouts;
}

async function expectError(response: Response, code: string, status = 400) {
  expect(response.status).toBe(status);
  expect(enhancedErrorSchema.parse(await response.json()).code).toBe(code);
}

async function deviceProfiles(app: EmulatorApp, token: string) {
  const response = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, 'dev-1') });
  return Object.keys(((await response.json()) as { profiles: Record<string, unknown> }).profiles);
}

describe('GET /api/v2/{sp}/logout/{mvpd}', () => {
  it('MVPD with a logout endpoint: deletes the profile, answers logout/interactive with an absolute url', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const redirectUrl = 'http://localhost/signed-out';
    const result = await logouts(
      await logout(app, token, 'AcmeCable', `?redirectUrl=${encodeURIComponent(redirectUrl)}`),
    );
    expect(Object.keys(result)).toEqual(['AcmeCable']);
    expect(result.AcmeCable).toMatchObject({
      actionName: 'logout',
      actionType: 'interactive',
      mvpd: 'AcmeCable',
    });
    const url = new URL(result.AcmeCable!.url!);
    expect(url.origin).toBe('http://localhost');
    expect(url.pathname).toBe('/adobe-services/logout');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      mso_id: 'AcmeCable',
      requestor_id: SP,
      redirect_url: redirectUrl,
    });
    expect(await deviceProfiles(app, token)).toEqual([]);
    // The url opens the MVPD logout page, which continues to redirectUrl.
    const page = await app.request(result.AcmeCable!.url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`href="${redirectUrl}"`);
    // A second logout finds nothing.
    expect((await logouts(await logout(app, token, 'AcmeCable')))['AcmeCable']).toEqual({
      actionName: 'invalid',
      actionType: 'none',
      mvpd: 'AcmeCable',
    });
  });

  it('without redirectUrl the url carries no redirect_url; it is absolute against the request origin', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const result = await logouts(await logout(app, token, 'AcmeCable', '', 'dev-1', 'http://emu.test:4000'));
    const url = new URL(result.AcmeCable!.url!);
    expect(url.origin).toBe('http://emu.test:4000');
    expect(url.searchParams.has('redirect_url')).toBe(false);
  });

  it('MVPD without a logout endpoint: complete/none, no url, profile gone', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'MetroFiber',
      username: 'premium',
      password: 'password',
    });
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const result = await logouts(
      await logout(app, token, 'MetroFiber', '?redirectUrl=http%3A%2F%2Flocalhost%2F'),
    );
    expect(result).toEqual({
      MetroFiber: { actionName: 'complete', actionType: 'none', mvpd: 'MetroFiber' },
    });
    expect(await deviceProfiles(app, token)).toEqual(['AcmeCable']);
  });

  it('no valid profile: invalid/none (also after the profile expired, which is then removed)', async () => {
    const { app, token, context } = await setup();
    expect(await logouts(await logout(app, token, 'AcmeCable'))).toEqual({
      AcmeCable: { actionName: 'invalid', actionType: 'none', mvpd: 'AcmeCable' },
    });
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'MetroFiber',
      username: 'premium',
      password: 'password',
    });
    context.clock.advance(7 * 86_400_000);
    const fresh = await registerAndToken(app);
    expect((await logouts(await logout(app, fresh, 'MetroFiber'))).MetroFiber!.actionName).toBe('invalid');
    const row = context.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number };
    expect(row.n).toBe(0);
  });

  it('only touches this device', async () => {
    const { app, token } = await setup();
    await signIn(app, {
      token,
      deviceId: 'dev-1',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    expect((await logouts(await logout(app, token, 'AcmeCable', '', 'dev-2'))).AcmeCable!.actionName).toBe(
      'invalid',
    );
    expect(await deviceProfiles(app, token)).toEqual(['AcmeCable']);
  });

  it('errors: unknown MVPD, bad redirectUrl, missing device header, token, 405', async () => {
    const { app, token } = await setup();
    await expectError(await logout(app, token, 'Nope'), 'invalid_parameter_mvpd');
    await expectError(
      await logout(app, token, 'AcmeCable', `?redirectUrl=${encodeURIComponent('https://evil.example/')}`),
      'invalid_parameter_redirect_url',
    );
    await expectError(
      await logout(app, token, 'AcmeCable', '?redirectUrl='),
      'invalid_parameter_redirect_url',
    );
    await expectError(
      await logout(app, token, 'AcmeCable', '?redirectUrl=http://localhost/a&redirectUrl=http://localhost/b'),
      'invalid_parameter_redirect_url',
    );
    await expectError(
      await logout(app, token, 'AcmeCable', `?redirectUrl=${'x'.repeat(5000)}`),
      'invalid_parameter_redirect_url',
    );
    await expectError(
      await app.request(`/api/v2/${SP}/logout/AcmeCable`, { headers: apiHeaders(token) }),
      'invalid_header_device_identifier',
    );
    await expectError(
      await app.request(`/api/v2/${SP}/logout/AcmeCable`, {
        headers: { 'AP-Device-Identifier': 'fingerprint ZGV2' },
      }),
      'invalid_access_token_client_application',
      401,
    );
    const post = await app.request(`/api/v2/${SP}/logout/AcmeCable`, {
      method: 'POST',
      headers: apiHeaders(token, 'dev-1'),
    });
    await expectError(post, 'invalid_http_method', 405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
