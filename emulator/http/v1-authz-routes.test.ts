// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSeed } from '../domain/seed.ts';
import { XML_DECLARATION } from './v1-xml.ts';
import { registerAndToken, SP, type EmulatorApp } from '../test-support.ts';
import { childNames, leaves, parseXml } from './v1-test-xml.ts';
import { deviceParams, v1Call, v1Emulator, v1SignIn } from './v1-test-support.ts';

const RESOURCE = 'harbor-morning-brief';

async function verify(app: EmulatorApp, token: string, resource: string): Promise<unknown> {
  const response = await app.request('/media-token/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, resource }),
  });
  return await response.json();
}

describe('GET /api/v1/authorize', () => {
  it("200 in the seed's JSON and XML shapes (XML declaration, element order), stored for tokens/authz", async () => {
    const { app, token, context } = await v1Emulator();
    await v1SignIn(app, token, 'tv');
    const now = context.clock.now();
    const json = await v1Call(
      app,
      '/api/v1/authorize',
      deviceParams('tv', { resource: RESOURCE, deviceType: 'roku', deviceUser: 'u', appId: 'a' }),
      {
        token,
        format: 'json',
      },
    );
    expect(json.status).toBe(200);
    const body = (await json.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['mvpd', 'resource', 'requestor', 'expires']);
    expect(body).toMatchObject({ mvpd: 'AcmeCable', resource: RESOURCE, requestor: SP });
    expect(Number(body['expires']) - now).toBeGreaterThanOrEqual(24 * 3_600_000); // AcmeCable's authZ TTL

    const xml = await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: RESOURCE }), { token });
    const text = await xml.text();
    expect(text.startsWith(XML_DECLARATION)).toBe(true);
    const root = parseXml(text);
    expect(root.name).toBe('authorization');
    expect(childNames(root)).toEqual(['expires', 'mvpd', 'requestor', 'resource']);
    expect(leaves(root)).toMatchObject({ mvpd: 'AcmeCable', requestor: SP, resource: RESOURCE });
  });

  it('403 "User not authorized" with the MVPD reason in details (XML and JSON)', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'tv', { username: 'basic' });
    const xml = await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: 'summit-derby-day' }), {
      token,
    });
    expect(xml.status).toBe(403);
    const root = parseXml(await xml.text());
    expect(root.name).toBe('error');
    expect(childNames(root)).toEqual(['status', 'message', 'details']);
    expect(leaves(root)).toMatchObject({ status: '403', message: 'User not authorized' });
    expect(leaves(root)['details']).toMatch(/Basic package does not include this channel/);
    const json = await v1Call(
      app,
      '/api/v1/authorize.json',
      deviceParams('tv', { resource: 'not-in-catalog' }),
      { token },
    );
    expect(await json.json()).toEqual({
      status: 403,
      message: 'User not authorized',
      details: 'Acme Cable does not carry this title or channel.',
    });
  });

  it('403 without an authN token; 400 without resource', async () => {
    const { app, token } = await v1Emulator();
    const response = await v1Call(app, '/api/v1/authorize', deviceParams('nobody', { resource: RESOURCE }), {
      token,
      format: 'json',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: 403, message: 'User not authenticated' });
    const missing = await v1Call(app, '/api/v1/authorize', deviceParams('nobody'), { token, format: 'json' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ status: 400, message: "Required 'resource' is not present" });
  });

  it('escapes an MRSS resource in XML and echoes it unchanged', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'tv');
    const mrss = '<rss version="2.0"><channel><title>harbor-news</title></channel></rss>';
    const root = parseXml(
      await (
        await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: mrss }), { token })
      ).text(),
    );
    expect(leaves(root)['resource']).toBe(mrss);
  });

  it('adds proxyMvpd when the MVPD is proxied (and the media token carries it)', async () => {
    const seed = createSeed();
    Object.assign(seed.mvpds[0]!, { proxyMvpd: 'ProxyHub' });
    const { app, token } = await v1Emulator({ seed });
    await v1SignIn(app, token, 'tv');
    const json = (await (
      await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: RESOURCE }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(json['proxyMvpd']).toBe('ProxyHub');
    const xml = parseXml(
      await (
        await v1Call(app, '/api/v1/tokens/authz', deviceParams('tv', { resource: RESOURCE }), { token })
      ).text(),
    );
    expect(childNames(xml)).toEqual(['expires', 'mvpd', 'requestor', 'resource', 'proxyMvpd']);
    const play = (await (
      await v1Call(app, '/api/v1/tokens/media', deviceParams('tv', { resource: RESOURCE }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(play['proxyMvpdId']).toBe('ProxyHub');
    expect(await verify(app, play['serializedToken']!, RESOURCE)).toMatchObject({
      status: 'VALID_TOKEN',
      proxyMvpd: 'ProxyHub',
    });
  });
});

describe('GET /api/v1/tokens/authz', () => {
  it('412 without authN, 404 without authorization, 200 after authorize, 410 once the authZ TTL is over', async () => {
    const { app, token, context } = await v1Emulator();
    const params = deviceParams('tv', { resource: RESOURCE });
    const noAuthn = await v1Call(app, '/api/v1/tokens/authz', params, { token, format: 'json' });
    expect(noAuthn.status).toBe(412);
    expect(await noAuthn.json()).toEqual({ status: 412, message: 'User not authenticated', details: null });
    await v1SignIn(app, token, 'tv');
    const none = await v1Call(app, '/api/v1/tokens/authz', params, { token, format: 'json' });
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ status: 404, message: 'Not Found', details: null });
    const authorized = (await (
      await v1Call(app, '/api/v1/authorize', params, { token, format: 'json' })
    ).json()) as unknown;
    const stored = await v1Call(app, '/api/v1/tokens/authz', params, { token, format: 'json' });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual(authorized);
    const xml = parseXml(await (await v1Call(app, '/api/v1/tokens/authz', params, { token })).text());
    expect(xml.name).toBe('authorization');

    context.clock.advance(24 * 3_600_000);
    const fresh = await registerAndToken(app);
    const gone = await v1Call(app, '/api/v1/tokens/authz', params, { token: fresh, format: 'json' });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({ status: 410, message: 'Gone', details: null });
    const goneXml = parseXml(
      await (await v1Call(app, '/api/v1/tokens/authz', params, { token: fresh })).text(),
    );
    expect(leaves(goneXml)).toEqual({ status: '410', message: 'Gone' });
  });
});

describe('GET /api/v1/tokens/media and /api/v1/mediatoken', () => {
  it('200 with a signed media token that verifies (JSON and XML), fresh each time', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'tv');
    await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: RESOURCE }), { token });
    const json = (await (
      await v1Call(app, '/api/v1/tokens/media', deviceParams('tv', { resource: RESOURCE }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(Object.keys(json)).toEqual([
      'resource',
      'requestor',
      'expires',
      'serializedToken',
      'userId',
      'mvpdId',
    ]);
    expect(json).toMatchObject({ resource: RESOURCE, requestor: SP, mvpdId: 'AcmeCable' });
    expect(json['serializedToken']).toMatch(/^PHNpZ25hdHVyZUluZm8/);
    expect(json['userId']).not.toContain('premium'); // scrambled
    expect(await verify(app, json['serializedToken']!, RESOURCE)).toMatchObject({
      status: 'VALID_TOKEN',
      sessionGUID: json['userId'],
    });

    const root = parseXml(
      await (
        await v1Call(app, '/api/v1/mediatoken', deviceParams('tv', { resource: RESOURCE }), { token })
      ).text(),
    );
    expect(root.name).toBe('play');
    expect(childNames(root)).toEqual([
      'expires',
      'mvpdId',
      'requestor',
      'resource',
      'serializedToken',
      'userId',
    ]);
    const xmlToken = leaves(root)['serializedToken']!;
    expect(xmlToken).not.toBe(json['serializedToken']);
    expect(await verify(app, xmlToken, RESOURCE)).toMatchObject({ status: 'VALID_TOKEN' });
    expect(await verify(app, xmlToken, 'harbor-city-desk')).toMatchObject({ status: 'INVALID_RESOURCE_ID' });
  });

  it('403 without authN, and without an authorization for the resource', async () => {
    const { app, token } = await v1Emulator();
    const noAuthn = await v1Call(app, '/api/v1/tokens/media', deviceParams('tv', { resource: RESOURCE }), {
      token,
      format: 'json',
    });
    expect(noAuthn.status).toBe(403);
    await v1SignIn(app, token, 'tv');
    const noAuthz = await v1Call(app, '/api/v1/mediatoken', deviceParams('tv', { resource: RESOURCE }), {
      token,
      format: 'json',
    });
    expect(noAuthz.status).toBe(403);
    expect(await noAuthz.json()).toMatchObject({ status: 403, message: 'User not authorized' });
  });
});
