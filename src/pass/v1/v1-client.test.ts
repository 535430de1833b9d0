// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createV1Client, maskAuthorization } from './v1-client';
import { readField, readMvpds } from './v1-read';

interface Seen {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
}

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: Seen[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), method: init?.method, headers: init?.headers as Record<string, string> });
    return new Response(status === 204 ? null : body, { status, headers });
  };
  return { seen, fetchImpl };
}

function client(fetchImpl: typeof fetch, getAccessToken = async () => 'eyJhbGciOiJSUzI1NiJ9.secret.sig') {
  return createV1Client({
    baseUrl: 'https://tv.example/',
    serviceProvider: 'REF30',
    deviceId: 'device 1',
    deviceInfo: 'eyJtb2RlbCI6IlBDIn0=',
    getAccessToken,
    fetch: fetchImpl,
  });
}

describe('v1 client', () => {
  it('sends the bearer token, Accept and X-Device-Info; shows the request with the token masked', async () => {
    const { seen, fetchImpl } = fakeFetch(201, '{"code":"ABC1234"}', { 'Content-Type': 'application/json' });
    const exchange = await client(fetchImpl).createRegcode('json', { mvpd: 'AcmeCable', ttlSeconds: 600 });
    expect(seen[0]).toMatchObject({
      url: 'https://tv.example/reggie/v1/REF30/regcode?deviceId=device+1&mvpd=AcmeCable&ttl=600',
      method: 'POST',
      headers: {
        Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig',
        Accept: 'application/json',
        'X-Device-Info': 'eyJtb2RlbCI6IlBDIn0=',
      },
    });
    expect(exchange.ok).toBe(true);
    expect(exchange.request.headers['Authorization']).toBe('Bearer eyJhbG… (masked, 31 characters)');
    expect(JSON.stringify(exchange.request)).not.toContain('secret');
    expect(exchange.response).toMatchObject({ status: 201, body: '{"code":"ABC1234"}' });
    expect(exchange.response?.headers['content-type']).toBe('application/json');
  });

  it('device calls carry requestor and deviceId; XML is asked with Accept: application/xml', async () => {
    const { seen, fetchImpl } = fakeFetch(403, '<error><status>403</status></error>');
    const v1 = client(fetchImpl);
    const exchange = await v1.authorize('harbor-news', 'xml');
    await v1.getMediaToken('a&b', 'json');
    await v1.logout('json');
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET https://tv.example/api/v1/authorize?requestor=REF30&deviceId=device+1&resource=harbor-news',
      'GET https://tv.example/api/v1/tokens/media?requestor=REF30&deviceId=device+1&resource=a%26b',
      'DELETE https://tv.example/api/v1/logout?requestor=REF30&deviceId=device+1',
    ]);
    expect(seen[0]?.headers['Accept']).toBe('application/xml');
    expect(exchange).toMatchObject({ ok: false, response: { status: 403 } });
  });

  it('reports a token or network failure without throwing', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const network = await client(failing).checkAuthn('json');
    expect(network).toMatchObject({ ok: false, error: 'Failed to fetch' });
    const noToken = await client(failing, async () => {
      throw new Error('invalid_client');
    }).checkAuthn('json');
    expect(noToken.error).toBe('No access token: invalid_client');
    expect(noToken.request.headers['Authorization']).toBeUndefined();
  });

  it('builds the second-screen authenticate URL with redirect_url last', () => {
    const url = client(fakeFetch(200, '').fetchImpl).authenticateUrl({
      code: 'ABC1234',
      mvpd: 'AcmeCable',
      domainName: 'tv.example',
      redirectUrl: 'https://tv.example/activate/done?x=1',
    });
    expect(url).toBe(
      'https://tv.example/api/v1/authenticate?requestor_id=REF30&mso_id=AcmeCable&reg_code=ABC1234&domain_name=tv.example&noflash=true&no_iframe=true&redirect_url=https%3A%2F%2Ftv.example%2Factivate%2Fdone%3Fx%3D1',
    );
  });

  it('masks only bearer values', () => {
    expect(maskAuthorization('Basic abc')).toBe('Basic abc');
  });
});

describe('reading v1 bodies', () => {
  it('reads a field from JSON or XML', () => {
    expect(readField('{"code":"ABC","n":5,"d":null}', 'code')).toBe('ABC');
    expect(readField('{"code":"ABC","n":5,"d":null}', 'n')).toBe('5');
    expect(readField('{"d":null}', 'd')).toBeUndefined();
    expect(readField('<?xml version="1.0"?><ns2:regcode><code>XYZ</code></ns2:regcode>', 'code')).toBe('XYZ');
    expect(readField('<error><details>a &amp; &lt;b&gt; &#65;</details></error>', 'details')).toBe(
      'a & <b> A',
    );
    expect(readField('', 'code')).toBeUndefined();
  });

  it('reads the MVPD list of the config answer', () => {
    const json =
      '{"mvpds":[{"id":"A","displayName":"Acme"},{"id":"T","displayName":"TempPass","isTempPass":true},{"x":1}]}';
    const xml =
      '<config><mvpds><mvpd><id>A</id><displayName>Acme &amp; Co</displayName></mvpd><mvpd><id>T</id><displayName>T</displayName><isTempPass>true</isTempPass></mvpd></mvpds></config>';
    expect(readMvpds(json)).toEqual([
      { id: 'A', displayName: 'Acme', isTempPass: false },
      { id: 'T', displayName: 'TempPass', isTempPass: true },
    ]);
    expect(readMvpds(xml)).toEqual([
      { id: 'A', displayName: 'Acme & Co', isTempPass: false },
      { id: 'T', displayName: 'T', isTempPass: true },
    ]);
  });
});
