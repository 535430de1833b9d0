// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findSession } from '../store/sessions.ts';
import { SP } from '../test-support.ts';
import { child, childNames, childText, leaves, parseXml } from './v1-test-xml.ts';
import { DEVICE_INFO, newRegcode, v1Call, v1Emulator } from './v1-test-support.ts';

const path = `/reggie/v1/${SP}/regcode`;

async function expectV1Error(response: Response, status: number, message: RegExp | string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { status: number; message: string };
  expect(body.status).toBe(status);
  expect(body.message).toMatch(message);
}

describe('POST /reggie/v1/{requestor}/regcode', () => {
  it('201 with the JSON record: 7-character code, 30-minute default TTL, device id Base64-encoded', async () => {
    const { app, token, context } = await v1Emulator();
    const now = context.clock.now();
    const response = await v1Call(
      app,
      path,
      { deviceId: 'so-devid-003', mvpd: 'AcmeCable', deviceType: 'roku', appId: 'tv-app' },
      {
        token,
        format: 'json',
        method: 'POST',
        headers: { 'User-Agent': 'Roku/DVP-12.5' },
      },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = (await response.json()) as Record<string, unknown> & { info: Record<string, unknown> };
    expect(body).toMatchObject({ requestor: SP, mvpd: 'AcmeCable' });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.code).toMatch(/^[A-Z0-9]{7}$/);
    expect(body.generated).toBeGreaterThanOrEqual(now);
    expect((body.expires as number) - (body.generated as number)).toBe(1_800_000);
    expect(body.info).toMatchObject({
      deviceId: 'c28tZGV2aWQtMDAz',
      userAgent: 'Roku/DVP-12.5',
      authorizationType: 'OAUTH2',
      sourceApplicationInformation: { name: 'passref-web-app' },
      deviceType: 'roku',
      appId: 'tv-app',
    });
    expect(JSON.parse(Buffer.from(body.info.deviceInfo as string, 'base64').toString())).toMatchObject({
      model: 'Roku Ultra',
    });
  });

  it('201 in XML (default format): ns2:regcode with the record elements', async () => {
    const { app, token } = await v1Emulator();
    const response = await v1Call(
      app,
      path,
      { deviceId: 'xml-device', ttl: '36000' },
      { token, method: 'POST' },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/xml;charset=UTF-8');
    const root = parseXml(await response.text());
    expect(root.name).toBe('ns2:regcode');
    expect(root.attributes['xmlns:ns2']).toBe('model.mvc.reggie.pass.adobe.com');
    expect(childNames(root)).toEqual(['id', 'code', 'requestor', 'generated', 'expires', 'info']);
    expect(Number(childText(root, 'expires')) - Number(childText(root, 'generated'))).toBe(36_000_000);
    expect(leaves(child(root, 'info'))).toMatchObject({
      deviceId: Buffer.from('xml-device').toString('base64'),
      authorizationType: 'OAUTH2',
    });
  });

  it('accepts a form body, device_info as a query parameter, and X-Forwarded-For', async () => {
    const { app, token, context } = await v1Emulator();
    const response = await app.request(`${path}.json?device_info=${encodeURIComponent(DEVICE_INFO)}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Forwarded-For': '203.45.101.20',
      },
      body: 'deviceId=form-device&ttl=60',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { code: string; expires: number; generated: number };
    expect(body.expires - body.generated).toBe(60_000);
    // The regcode is a v2 session under the hood: its device address is the forwarded one.
    expect(findSession(context.db, body.code)).toMatchObject({
      ipAddress: '203.45.101.20',
      deviceId: 'form-device',
    });
    const session = await app.request(`/api/v2/${SP}/sessions/${body.code}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(200);
  });

  it.each([
    ['no deviceId', {}, "Required 'deviceId' is not present"],
    ['ttl above 36000', { deviceId: 'd', ttl: '36001' }, "Invalid 'ttl'"],
    ['ttl 0', { deviceId: 'd', ttl: '0' }, "Invalid 'ttl'"],
    ['ttl not a number', { deviceId: 'd', ttl: '10m' }, "Invalid 'ttl'"],
    ['unknown mvpd', { deviceId: 'd', mvpd: 'NoSuchCable' }, "Invalid 'mvpd'"],
    ['deviceId with a control character', { deviceId: 'a\u0001b' }, "Invalid 'deviceId'"],
  ])('400 for %s', async (_, params, message) => {
    const { app, token } = await v1Emulator();
    await expectV1Error(
      await v1Call(app, path, params as Record<string, string>, { token, format: 'json', method: 'POST' }),
      400,
      message,
    );
  });

  it('400 without device information, and for device information that is not Base64', async () => {
    const { app, token } = await v1Emulator();
    await expectV1Error(
      await v1Call(
        app,
        path,
        { deviceId: 'd' },
        { token, format: 'json', method: 'POST', deviceInfo: false },
      ),
      400,
      "Required 'device_info' is not present",
    );
    await expectV1Error(
      await v1Call(
        app,
        path,
        { deviceId: 'd' },
        { token, format: 'json', method: 'POST', headers: { 'X-Device-Info': '%%%' } },
      ),
      400,
      "Invalid 'device_info'",
    );
  });

  it('400 for a parameter sent twice; 400 unknown requestor; 401 without a valid token', async () => {
    const { app, token } = await v1Emulator();
    const twice = await app.request(`${path}?deviceId=a&deviceId=b`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'X-Device-Info': DEVICE_INFO },
    });
    await expectV1Error(twice, 400, "Invalid 'deviceId'");
    await expectV1Error(
      await v1Call(
        app,
        '/reggie/v1/OTHER/regcode',
        { deviceId: 'd' },
        { token, format: 'json', method: 'POST' },
      ),
      400,
      "Invalid 'requestor'",
    );
    const unauthorized = await v1Call(app, path, { deviceId: 'd' }, { token: 'not-a-token', method: 'POST' });
    expect(unauthorized.status).toBe(401);
    const root = parseXml(await unauthorized.text());
    expect(root.name).toBe('error');
    expect(leaves(root)).toMatchObject({ status: '401', message: 'Unauthorized' });
  });
});

describe('GET and DELETE /reggie/v1/{requestor}/regcode/{code}', () => {
  it('200 with the record (any case, .json/.xml suffix), 404 once expired', async () => {
    const { app, token, context } = await v1Emulator();
    const created = await newRegcode(app, token, 'get-device', { ttl: '120' });
    const json = await v1Call(app, `${path}/${created.code.toLowerCase()}.json`, {}, { token });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ id: created.id, code: created.code });
    const xml = await v1Call(app, `${path}/${created.code}.xml`, {}, { token, format: 'json' });
    expect(childText(parseXml(await xml.text()), 'code')).toBe(created.code);
    context.clock.advance(120_000);
    await expectV1Error(
      await v1Call(app, `${path}/${created.code}`, {}, { token, format: 'json' }),
      404,
      'Not Found',
    );
  });

  it('404 for an unknown or malformed code', async () => {
    const { app, token } = await v1Emulator();
    for (const code of ['ZZZZZZZ', 'no!pe']) {
      await expectV1Error(
        await v1Call(app, `${path}/${encodeURIComponent(code)}`, {}, { token, format: 'json' }),
        404,
        'Not Found',
      );
    }
  });

  it('DELETE → 204, then the code is gone (GET 404, DELETE 404, the browser login refuses it)', async () => {
    const { app, token } = await v1Emulator();
    const { code } = await newRegcode(app, token, 'delete-device');
    const deleted = await v1Call(app, `${path}/${code}`, {}, { token, method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await v1Call(app, `${path}/${code}`, {}, { token })).status).toBe(404);
    expect((await v1Call(app, `${path}/${code}`, {}, { token, method: 'DELETE' })).status).toBe(404);
    const session = await app.request(`/api/v2/${SP}/sessions/${code}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(400);
  });

  it('405 with Allow for another method', async () => {
    const { app, token } = await v1Emulator();
    const response = await v1Call(app, `${path}/ABCDEFG`, {}, { token, method: 'PUT', format: 'json' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, DELETE');
    expect(await response.json()).toEqual({ status: 405, message: 'Method Not Allowed', details: null });
  });
});
