// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deviceHeader, makeFixture, SP } from './decision-fixtures.ts';

const NEWS = 'harbor-morning-brief';
const KIDS = 'pebble-robot-garden';
const SPORTS = 'summit-derby-day';
const MOVIE = 'lantern-night-train';

async function decisions(response: Response): Promise<unknown[]> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { decisions: unknown[] }).decisions;
}

/** A top-level enhanced error: the whole body is the error, HTTP status = its `status`. */
async function topLevel(response: Response, status: number, code: string, action?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    code,
    message: expect.any(String),
    helpUrl: expect.any(String),
    trace: expect.any(String),
  });
  if (action) expect(body['action']).toBe(action);
  expect(body['decisions']).toBeUndefined();
  return body;
}

describe('top-level errors', () => {
  it('invalid_parameter_resources for every malformed body', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const bad: unknown[] = [
      '{not json',
      '',
      'null',
      '[]',
      '"REF30"',
      {},
      { resources: [] },
      { resources: 'harbor-news' },
      { resources: [42] },
      { resources: [null] },
      { resources: [''] },
      { resources: [NEWS, 7] },
      { resources: ['x'.repeat(8193)] },
      { resources: ['\ud800'] },
      { resource: [NEWS] },
    ];
    for (const body of bad) {
      await topLevel(
        await f.decide('preauthorize', 'AcmeCable', body),
        400,
        'invalid_parameter_resources',
        'none',
      );
    }
    // Oversized body.
    await topLevel(
      await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS], pad: 'x'.repeat(200_000) }),
      400,
      'invalid_parameter_resources',
    );
    // Not JSON at all (a form body).
    const form = await f.app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
      method: 'POST',
      headers: f.headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'resources=harbor-news',
    });
    await topLevel(form, 400, 'invalid_parameter_resources');
  });

  it('invalid_parameter_mvpd for an unknown or missing MVPD', async () => {
    const f = makeFixture();
    f.signIn('premium');
    await topLevel(
      await f.decide('preauthorize', 'NoSuchMvpd', { resources: [NEWS] }),
      400,
      'invalid_parameter_mvpd',
      'none',
    );
    await topLevel(
      await f.decide('authorize', 'acmecable', { resources: [NEWS] }),
      400,
      'invalid_parameter_mvpd',
    );
    const bare = await f.app.request(`/api/v2/${SP}/decisions/authorize`, {
      method: 'POST',
      headers: f.headers(),
      body: JSON.stringify({ resources: [NEWS] }),
    });
    await topLevel(bare, 400, 'invalid_parameter_mvpd');
  });

  it('too_many_resources (403, action configuration) above 5 for preauthorize and 1 for authorize', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const six = [NEWS, KIDS, SPORTS, MOVIE, 'harbor-city-desk', 'harbor-market-watch'];
    await topLevel(
      await f.decide('preauthorize', 'AcmeCable', { resources: six }),
      403,
      'too_many_resources',
      'configuration',
    );
    await decisions(await f.decide('preauthorize', 'AcmeCable', { resources: six.slice(0, 5) }));
    await topLevel(
      await f.decide('authorize', 'AcmeCable', { resources: [NEWS, KIDS] }),
      403,
      'too_many_resources',
      'configuration',
    );
  });

  it('authenticated_profile_missing without a profile (other device, other MVPD)', async () => {
    const f = makeFixture();
    await topLevel(
      await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }),
      403,
      'authenticated_profile_missing',
      'authentication',
    );
    f.signIn('premium', 'AcmeCable', 'another-device');
    await topLevel(
      await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS] }),
      403,
      'authenticated_profile_missing',
    );
    f.signIn('premium', 'MetroFiber');
    await topLevel(
      await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }),
      403,
      'authenticated_profile_missing',
    );
    await decisions(await f.decide('authorize', 'MetroFiber', { resources: [NEWS] }));
  });

  it('authenticated_profile_expired once the profile notAfter has passed', async () => {
    const f = makeFixture();
    f.signIn('premium');
    await decisions(await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }));
    f.context.clock.advance(30 * 86_400_000);
    for (const kind of ['authorize', 'preauthorize'] as const) {
      await topLevel(
        await f.decide(kind, 'AcmeCable', { resources: [NEWS] }),
        403,
        'authenticated_profile_expired',
        'authentication',
      );
    }
  });

  it('invalid_header_device_identifier when the header is missing or malformed', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const cases = [
      '',
      'fingerprint',
      'fingerprint !!!',
      'serial YWJj',
      `fingerprint  ${Buffer.from('x').toString('base64')}`,
    ];
    for (const value of cases) {
      const headers = f.headers();
      if (value === '') delete (headers as Record<string, string>)['AP-Device-Identifier'];
      else headers['AP-Device-Identifier'] = value;
      const response = await f.app.request(`/api/v2/${SP}/decisions/preauthorize/AcmeCable`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ resources: [NEWS] }),
      });
      await topLevel(response, 400, 'invalid_header_device_identifier', 'none');
    }
    // Headers are case-insensitive.
    const ok = await f.app.request(`/api/v2/${SP}/decisions/preauthorize/AcmeCable`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${f.accessToken}`,
        'ap-device-identifier': deviceHeader(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ resources: [NEWS] }),
    });
    await decisions(ok);
  });

  it('invalid_header_device_info when X-Device-Info is not Base64 (undecodable JSON is tolerated)', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const bad = await f.decide(
      'preauthorize',
      'AcmeCable',
      { resources: [NEWS] },
      { 'X-Device-Info': '*** not base64 ***' },
    );
    await topLevel(bad, 400, 'invalid_header_device_info', 'none');
    const lenient = Buffer.from('{"model":"x" "osName":"y"}').toString('base64');
    await decisions(
      await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS] }, { 'X-Device-Info': lenient }),
    );
  });

  it('401 without or with a bad access token; 400 for an unknown service provider', async () => {
    const f = makeFixture();
    f.signIn('premium');
    for (const auth of [undefined, 'Bearer', 'Bearer garbage', `Basic ${f.accessToken}`]) {
      const headers = f.headers();
      if (auth === undefined) delete (headers as Record<string, string>)['Authorization'];
      else headers.Authorization = auth;
      const response = await f.app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ resources: [NEWS] }),
      });
      await topLevel(response, 401, 'invalid_access_token_client_application', 'application-registration');
    }
    const response = await f.app.request('/api/v2/OTHER/decisions/authorize/AcmeCable', {
      method: 'POST',
      headers: f.headers(),
      body: JSON.stringify({ resources: [NEWS] }),
    });
    await topLevel(response, 400, 'invalid_parameter_service_provider');
  });

  it('405 with an Allow header for other methods', async () => {
    const f = makeFixture();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await f.app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
        method,
        headers: f.headers(),
      });
      expect(response.headers.get('Allow')).toBe('POST');
      await topLevel(response, 405, 'invalid_http_method');
    }
  });
});
