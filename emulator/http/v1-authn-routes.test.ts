// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { apiHeaders, completeBrowserLogin, ORIGIN, registerAndToken, SP } from '../test-support.ts';
import { child, childNames, leaves, parseXml } from './v1-test-xml.ts';
import {
  authenticateUrl,
  deviceParams,
  newRegcode,
  v1Call,
  v1Emulator,
  v1SignIn,
} from './v1-test-support.ts';

describe('GET /api/v1/config/{requestor}', () => {
  it('lists the MVPDs (same entries as v2) in JSON and XML', async () => {
    const { app, token } = await v1Emulator();
    const json = (await (
      await v1Call(app, `/api/v1/config/${SP}`, { deviceType: 'roku' }, { token, format: 'json' })
    ).json()) as {
      requestor: { id: string };
      mvpds: { id: string; displayName: string; logoUrl: string; isTempPass?: boolean }[];
    };
    expect(json.requestor.id).toBe(SP);
    expect(json.mvpds[0]).toEqual({
      id: 'AcmeCable',
      displayName: 'Acme Cable',
      logoUrl: `${ORIGIN}/media/logos/acmecable.svg`,
    });
    const v2 = (await (
      await app.request(`/api/v2/${SP}/configuration`, { headers: apiHeaders(token) })
    ).json()) as {
      requestor: { mvpds: unknown[] };
    };
    expect(json.mvpds).toEqual(v2.requestor.mvpds);

    const root = parseXml(await (await v1Call(app, `/api/v1/config/${SP}.xml`, {}, { token })).text());
    expect(root.name).toBe('config');
    const mvpds = child(root, 'mvpds');
    expect(mvpds.children.map((mvpd) => leaves(mvpd)['id'])).toEqual(json.mvpds.map((mvpd) => mvpd.id));
    expect(childNames(mvpds.children[0]!)).toEqual(['id', 'displayName', 'logoUrl']);
  });

  it('400 for an unknown requestor, 401 without a token', async () => {
    const { app, token } = await v1Emulator();
    expect((await v1Call(app, '/api/v1/config/NOPE', {}, { token })).status).toBe(400);
    expect((await v1Call(app, `/api/v1/config/${SP}`, {})).status).toBe(401);
  });
});

describe('GET /api/v1/authenticate (second-screen browser)', () => {
  it('302 through the emulated MVPD login; success lands on redirect_url and the device is authenticated', async () => {
    const { app, token } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'tv-1');
    const entry = await app.request(authenticateUrl(code));
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toMatch(/^\/adobe-services\/authenticate\/saml\?.*code=/);
    const done = await completeBrowserLogin(app, authenticateUrl(code), {
      username: 'premium',
      password: 'password',
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${ORIGIN}/activate/done`);
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('tv-1'), { token })).status).toBe(200);
  });

  it('works for the two-hop MVPD too', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'tv-2', { mvpd: 'MetroFiber' });
    const authn = await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv-2'), { token, format: 'json' });
    expect(await authn.json()).toMatchObject({ mvpd: 'MetroFiber', userId: 'metrofiber-premium-0001' });
  });

  it.each([
    ['an unknown regcode', { reg_code: 'ZZZZZZZ' }, 'This sign-in code is not valid'],
    ['an unknown MVPD', { mso_id: 'Nope' }, 'Unknown TV provider'],
    ['a TempPass MVPD', { mso_id: 'TempPass' }, 'No sign-in needed'],
    ['an unregistered domain', { domain_name: 'evil.example' }, 'not valid'],
    ['a foreign redirect_url', { redirect_url: 'https://evil.example/steal' }, 'Return address not allowed'],
    ['another requestor', { requestor_id: 'OTHER' }, 'Unknown service'],
  ])('readable HTML 400 for %s', async (_, override, title) => {
    const { app, token } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'tv-3');
    const url = new URL(authenticateUrl(code), ORIGIN);
    for (const [key, value] of Object.entries(override)) url.searchParams.set(key, value);
    const response = await app.request(`${url.pathname}${url.search}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(title);
  });

  it('400 once the regcode expired or was deleted', async () => {
    const { app, token, context } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'tv-4', { ttl: '60' });
    context.clock.advance(60_000);
    expect((await app.request(authenticateUrl(code))).status).toBe(400);
  });
});

describe('checkauthn, tokens/authn', () => {
  it('device: 403 before the login, 200 (empty body) after; second screen by code likewise', async () => {
    const { app, token } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'tv-5');
    const before = await v1Call(app, '/api/v1/checkauthn', deviceParams('tv-5'), { token });
    expect(before.status).toBe(403);
    expect(leaves(parseXml(await before.text()))).toEqual({
      status: '403',
      message: 'User not authenticated',
    });
    const byCode = await v1Call(
      app,
      `/api/v1/checkauthn/${code}`,
      { requestor: SP },
      { token, format: 'json' },
    );
    expect(byCode.status).toBe(403);
    expect(await byCode.json()).toEqual({ status: 403, message: 'Forbidden' });

    await completeBrowserLogin(app, authenticateUrl(code), { username: 'basic', password: 'password' });
    const after = await v1Call(app, '/api/v1/checkauthn.json', deviceParams('tv-5'), { token });
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('');
    expect((await v1Call(app, `/api/v1/checkauthn/${code}`, { requestor: SP }, { token })).status).toBe(200);
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('other-device'), { token })).status).toBe(
      403,
    );
  });

  it('tokens/authn: 404 none, 200 JSON/XML, 410 once the authN TTL is over (checkauthn then 403 expired)', async () => {
    const { app, token, context } = await v1Emulator();
    const missing = await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv-6'), {
      token,
      format: 'json',
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ status: 404, message: 'Not Found' });

    await v1SignIn(app, token, 'tv-6');
    const json = (await (
      await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv-6'), { token, format: 'json' })
    ).json()) as Record<string, string>;
    expect(json).toMatchObject({ requestor: SP, mvpd: 'AcmeCable', userId: 'acmecable-premium-0001' });
    expect(json['expires']).toMatch(/^\d{13}$/);
    const xml = parseXml(
      await (await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv-6'), { token })).text(),
    );
    expect(xml.name).toBe('authentication');
    expect(childNames(xml)).toEqual(['expires', 'userId', 'mvpd', 'requestor']);
    expect(leaves(xml)['expires']).toBe(json['expires']);

    context.clock.advance(30 * 24 * 3_600_000);
    const fresh = await registerAndToken(app); // the old access token expired too
    const gone = await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv-6'), {
      token: fresh,
      format: 'json',
    });
    expect(gone.status).toBe(410);
    const expired = await v1Call(app, '/api/v1/checkauthn', deviceParams('tv-6'), {
      token: fresh,
      format: 'json',
    });
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ status: 403, message: 'Authentication token expired' });
  });

  it('device calls need requestor, deviceId and device info', async () => {
    const { app, token } = await v1Emulator();
    expect((await v1Call(app, '/api/v1/checkauthn', { deviceId: 'x' }, { token })).status).toBe(400);
    expect((await v1Call(app, '/api/v1/checkauthn', { requestor: SP }, { token })).status).toBe(400);
    expect(
      (await v1Call(app, '/api/v1/checkauthn', deviceParams('x'), { token, deviceInfo: false })).status,
    ).toBe(400);
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('x'))).status).toBe(401);
  });
});

describe('v1 and v2 share the login of one device id', () => {
  it('a v1 login is the v2 profile of the same application and device id, and the reverse', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'shared-device');
    const v2 = await app.request(`/api/v2/${SP}/profiles/AcmeCable`, {
      headers: apiHeaders(token, 'shared-device'),
    });
    expect(((await v2.json()) as { profiles: Record<string, unknown> }).profiles['AcmeCable']).toMatchObject({
      type: 'regular',
    });
    const other = await app.request(`/api/v2/${SP}/profiles`, {
      headers: apiHeaders(token, 'another-device'),
    });
    expect(await other.json()).toEqual({ profiles: {} });
  });

  it('DELETE /api/v1/logout → 204; the device is signed out over both APIs (no MVPD logout page)', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'logout-device');
    await v1Call(app, '/api/v1/authorize', deviceParams('logout-device', { resource: 'harbor-city-desk' }), {
      token,
    });
    const response = await v1Call(app, '/api/v1/logout', deviceParams('logout-device'), {
      token,
      method: 'DELETE',
    });
    expect(response.status).toBe(204);
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('logout-device'), { token })).status).toBe(
      403,
    );
    const authz = await v1Call(
      app,
      '/api/v1/tokens/authz',
      deviceParams('logout-device', { resource: 'harbor-city-desk' }),
      { token },
    );
    expect(authz.status).toBe(412);
    const v2 = await app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, 'logout-device') });
    expect(await v2.json()).toEqual({ profiles: {} });
    // Logging out a device without tokens is still 204.
    expect(
      (await v1Call(app, '/api/v1/logout', deviceParams('logout-device'), { token, method: 'DELETE' }))
        .status,
    ).toBe(204);
  });
});

describe('v1 in the event log (GET /__emulator/events)', () => {
  interface EventView {
    type: string;
    action: string;
    deviceId: string | null;
    [field: string]: unknown;
  }
  const eventsOf = async (app: Awaited<ReturnType<typeof v1Emulator>>['app'], deviceId: string) => {
    const response = await app.request(`/__emulator/events?deviceId=${deviceId}`);
    return [...((await response.json()) as { events: EventView[] }).events].reverse();
  };

  it('a regcode is a v1 session; the login a profile; v1 logout deletes it with cause logout', async () => {
    const { app, token } = await v1Emulator();
    const code = await v1SignIn(app, token, 'v1-events-device');
    const logout = await v1Call(app, '/api/v1/logout', deviceParams('v1-events-device'), {
      token,
      method: 'DELETE',
    });
    expect(logout.status).toBe(204);
    const events = await eventsOf(app, 'v1-events-device');
    expect(events.map((event) => `${event.type}:${event.action}`)).toEqual([
      'session:created',
      'profile:created',
      'profile:deleted',
    ]);
    expect(events[0]).toMatchObject({
      code,
      mvpd: null,
      actionName: 'authenticate',
      reasonType: 'none',
      missingParameters: [],
      api: 'v1',
    });
    expect(events[2]).toMatchObject({ mvpd: 'AcmeCable', username: 'premium', cause: 'logout' });
  });

  it('a regcode asked for one MVPD names it; a v2 session is marked v2', async () => {
    const { app, token } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'v1-mvpd-device', { mvpd: 'MetroFiber' });
    const [regcode] = await eventsOf(app, 'v1-mvpd-device');
    expect(regcode).toMatchObject({ type: 'session', code, mvpd: 'MetroFiber', api: 'v1' });
    const session = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'v2-device', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ domainName: 'localhost', redirectUrl: `${ORIGIN}/` }).toString(),
    });
    expect(session.status).toBe(200);
    const [created] = await eventsOf(app, 'v2-device');
    expect(created).toMatchObject({ type: 'session', action: 'created', api: 'v2' });
  });
});
