// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { registerAndToken, SP } from '../test-support.ts';
import { child, childNames, leaves, parseXml } from './v1-test-xml.ts';
import { deviceParams, v1Call, v1Emulator, v1SignIn } from './v1-test-support.ts';

const RESOURCE = 'harbor-morning-brief';

describe('GET /api/v1/preauthorize and /api/v1/preauthorize/{code}', () => {
  it('one item per comma-separated resource, denies with the item error; Adobe-Request-Id and confidence headers', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'tv', { username: 'basic' });
    const params = deviceParams('tv', { resource: 'harbor-news, summit-derby-day,pebble-star-school' });
    const response = await v1Call(app, '/api/v1/preauthorize', params, { token, format: 'json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('adobe-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('adobe-response-confidence')).toBe('full');
    const body = (await response.json()) as {
      resources: { id: string; authorized: boolean; error?: Record<string, unknown> }[];
    };
    expect(body.resources.map((item) => [item.id, item.authorized])).toEqual([
      ['harbor-news', true],
      ['summit-derby-day', false],
      ['pebble-star-school', true],
    ]);
    expect(body.resources[1]?.error).toMatchObject({
      status: 403,
      code: 'authorization_denied_by_mvpd',
      message: 'User not authorized',
      action: 'none',
    });

    const root = parseXml(await (await v1Call(app, '/api/v1/preauthorize', params, { token })).text());
    expect(root.name).toBe('resources');
    expect(root.children.map((item) => leaves(item)['authorized'])).toEqual(['true', 'false', 'true']);
    const error = leaves(child(root.children[1]!, 'error'));
    expect(error).toMatchObject({ status: '403', code: 'authorization_denied_by_mvpd' });
  });

  it('412 without authN; 403 for more resources than the MVPD allows; 400 for an empty item', async () => {
    const { app, token } = await v1Emulator();
    expect(
      (await v1Call(app, '/api/v1/preauthorize', deviceParams('tv', { resource: RESOURCE }), { token }))
        .status,
    ).toBe(412);
    await v1SignIn(app, token, 'tv');
    const six = 'a,b,c,d,e,f';
    expect(
      (await v1Call(app, '/api/v1/preauthorize', deviceParams('tv', { resource: six }), { token })).status,
    ).toBe(403);
    expect(
      (await v1Call(app, '/api/v1/preauthorize', deviceParams('tv', { resource: 'a,,b' }), { token })).status,
    ).toBe(400);
  });

  it('second screen: by the regcode of the login', async () => {
    const { app, token } = await v1Emulator();
    const code = await v1SignIn(app, token, 'tv');
    const response = await v1Call(
      app,
      `/api/v1/preauthorize/${code}`,
      { requestor: SP, resource: `${RESOURCE},nope` },
      { token, format: 'json' },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { resources: { authorized: boolean }[] };
    expect(body.resources.map((item) => item.authorized)).toEqual([true, false]);
    expect(
      (await v1Call(app, '/api/v1/preauthorize/ZZZZZZZ', { requestor: SP, resource: RESOURCE }, { token }))
        .status,
    ).toBe(412);
  });
});

describe('GET /api/v1/tokens/usermetadata', () => {
  it('200 with updated in seconds (JSON and XML); 404 without authN; 412 once it expired', async () => {
    const { app, token, context } = await v1Emulator();
    const params = deviceParams('tv');
    expect((await v1Call(app, '/api/v1/tokens/usermetadata', params, { token })).status).toBe(404);
    await v1SignIn(app, token, 'tv');
    const json = (await (
      await v1Call(app, '/api/v1/tokens/usermetadata', params, { token, format: 'json' })
    ).json()) as {
      updated: number;
      encrypted: string[];
      data: Record<string, unknown>;
    };
    expect(json.updated).toBe(Math.floor(context.clock.now() / 1000));
    expect(json.encrypted).toEqual([]);
    expect(json.data).toMatchObject({
      userID: 'acmecable-premium-0001',
      householdID: 'acmecable-hh-0001',
      zip: ['10001'],
    });
    const root = parseXml(await (await v1Call(app, '/api/v1/tokens/usermetadata', params, { token })).text());
    expect(childNames(root)).toEqual(['updated', 'encrypted', 'data']);
    expect(child(child(root, 'data'), 'zip').children.map((value) => value.text)).toEqual(['10001']);

    context.clock.advance(30 * 24 * 3_600_000);
    const fresh = await registerAndToken(app);
    expect((await v1Call(app, '/api/v1/tokens/usermetadata', params, { token: fresh })).status).toBe(412);
  });
});
