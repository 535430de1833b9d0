// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SP } from '../test-support.ts';
import { parseXml } from './v1-test-xml.ts';
import { DEVICE_INFO, newRegcode, v1Emulator, v1SignIn } from './v1-test-support.ts';

/**
 * Whatever a client sends to a v1 endpoint, the answer is a 2xx/3xx/4xx in the endpoint's own
 * format (well-formed XML, valid JSON, or an HTML page for the browser entry), never a 5xx.
 */
const ENDPOINTS: [string, string][] = [
  ['POST', `/reggie/v1/${SP}/regcode`],
  ['GET', `/reggie/v1/${SP}/regcode/CODE`],
  ['DELETE', `/reggie/v1/${SP}/regcode/CODE.json`],
  ['GET', `/api/v1/config/${SP}`],
  ['GET', '/api/v1/authenticate'],
  ['GET', '/api/v1/checkauthn'],
  ['GET', '/api/v1/checkauthn/CODE'],
  ['GET', '/api/v1/tokens/authn'],
  ['GET', '/api/v1/authorize'],
  ['GET', '/api/v1/tokens/authz.xml'],
  ['GET', '/api/v1/tokens/media'],
  ['GET', '/api/v1/mediatoken.json'],
  ['GET', '/api/v1/preauthorize'],
  ['GET', '/api/v1/preauthorize/CODE'],
  ['DELETE', '/api/v1/logout'],
  ['GET', '/api/v1/tokens/usermetadata'],
  ['POST', '/api/v1/authenticate/freepreview'],
  ['GET', '/api/v1/no-such-endpoint'],
  ['PUT', '/api/v1/authorize'],
];

const b64 = (value: string) => Buffer.from(value).toString('base64');

const QUERIES: string[] = [
  '',
  'requestor=REF30&deviceId=dev&resource=harbor-news',
  'requestor=REF30&deviceId=dev&resource=%3Crss%3E%3Cchannel%3E%3Ctitle%3E%26%01%3C%2Ftitle%3E',
  'requestor=REF30&requestor=REF30&deviceId=dev',
  `requestor=REF30&deviceId=${'d'.repeat(600)}`,
  'requestor=REF30&deviceId=%00%01&resource=%E0%A4%A',
  `requestor=REF30&deviceId=dev&resource=${',,'.repeat(50)}`,
  `requestor=REF30&deviceId=dev&resource=${'r,'.repeat(200)}x&generic_data=${encodeURIComponent('("email":')}`,
  'requestor=REF30&deviceId=dev&resource=harbor-news&generic_data=%5B1%2C2%5D&format=yaml',
  `requestor_id=REF30&deviceId=dev&mso_id=TempPassPromo&domain_name=localhost&generic_data=${encodeURIComponent('{"email":{"$gt":""}}')}`,
  'requestor_id=REF30&mso_id=AcmeCable&reg_code=CODE&domain_name=localhost&redirect_url=javascript%3Aalert(1)',
  'requestor_id=REF30&mso_id=AcmeCable&reg_code=CODE&domain_name=LOCALHOST&redirect_url=http%3A%2F%2Flocalhost%2Fx',
  `ttl=99999999999999999999&deviceId=dev&mvpd=${'m'.repeat(300)}`,
  `device_info=${'%25'.repeat(50)}&deviceId=dev&requestor=REF30`,
  'device_info=eyJtb2RlbCI6IlJva3UifQ&deviceId=dev&requestor=REF30',
];

const HEADERS: Record<string, string>[] = [
  {},
  { Accept: 'application/json' },
  { Accept: 'text/xml;q=0.1, application/json;q=0.9' },
  { Accept: '*/*;q=abc, application/xml;q=-1' },
  { 'X-Device-Info': 'x'.repeat(10_000) },
  { 'X-Device-Info': b64('null') },
  { 'X-Forwarded-For': 'not-an-ip, , ,' },
  { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '99999999999' },
];

function checkBody(status: number, contentType: string, text: string): void {
  expect(status, text.slice(0, 300)).toBeLessThan(500);
  if (contentType.startsWith('application/xml')) parseXml(text);
  else if (contentType.startsWith('application/json')) JSON.parse(text);
  else if (contentType.startsWith('text/html')) expect(text).toMatch(/<h1>/);
  else expect(text, `${status} ${contentType}`).toBe('');
}

describe('v1 robustness', () => {
  it('never answers 5xx, always in the endpoint format', async () => {
    const { app, token } = await v1Emulator();
    await v1SignIn(app, token, 'dev');
    const { code } = await newRegcode(app, token, 'dev');
    let count = 0;
    for (const [method, rawPath] of ENDPOINTS) {
      for (const query of QUERIES) {
        for (const [index, headers] of HEADERS.entries()) {
          const path = rawPath.replace('CODE', code);
          const response = await app.request(`${path}?${query.replace('CODE', code)}`, {
            method,
            headers: {
              Authorization: `Bearer ${index % 3 === 2 ? 'garbage' : token}`,
              ...(index === 0 ? { 'X-Device-Info': DEVICE_INFO } : {}),
              ...headers,
            },
          });
          checkBody(response.status, response.headers.get('content-type') ?? '', await response.text());
          count += 1;
        }
      }
    }
    expect(count).toBe(ENDPOINTS.length * QUERIES.length * HEADERS.length);
  });
});
