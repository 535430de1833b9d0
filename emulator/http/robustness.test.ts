// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  apiHeaders,
  deviceHeader,
  formBody,
  makeEmulator,
  openLoginForm,
  registerAndToken,
  SP,
} from '../test-support.ts';

/**
 * Fuzz-ish robustness of the DCR, configuration, session, profile, logout and MVPD page endpoints:
 * whatever a client sends, the answer is a 2xx/3xx/4xx in the endpoint's own format, never a 5xx.
 */
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64');

const GARBAGE_HEADERS: Record<string, string>[] = [
  {},
  { Authorization: 'Bearer' },
  { Authorization: `Bearer ${'x'.repeat(20_000)}` },
  { Authorization: 'Bearer a.b.c' },
  { Authorization: 'Bearer ....' },
  { Authorization: `Bearer ${b64('{"alg":"none"}')}.${b64('{"client_id":"x","exp":99999999999}')}.` },
  { Authorization: 'Bearer \u00e9\u00e8' },
  { 'AP-Device-Identifier': `fingerprint ${b64('x'.repeat(20_000))}` },
  { 'AP-Device-Identifier': `fingerprint ${b64(Buffer.from([0xff, 0xfe, 0x00, 0x01]))}` },
  { 'AP-Device-Identifier': 'fingerprint =' },
  { 'AP-Device-Identifier': 'fingerprint\tYWJj' },
  { 'X-Device-Info': b64('null') },
  { 'X-Device-Info': b64('[1,2,3]') },
  {
    'X-Device-Info': b64(
      JSON.stringify({
        model: { nested: [1, { a: 2 }] },
        osVersion: 12,
        displayWidth: 'wide',
        connectionSecure: 'maybe',
      }),
    ),
  },
  { 'X-Device-Info': b64(`{"model":"${'m'.repeat(6000)}"}`) },
  { 'X-Device-Info': 'x'.repeat(10_000) },
  { 'X-Forwarded-For': 'not-an-ip, , ,' },
  { 'X-Forwarded-For': '1'.repeat(5000) },
  { 'User-Agent': 'Mozilla/5.0 '.repeat(2000) },
  { Cookie: '=; ;;; a=%%%; mvpd_csrf_=x; \u00ff=1' },
  { 'Content-Type': 'multipart/form-data; boundary=zzz' },
  { 'Content-Type': 'application/json' },
  { 'Content-Type': 'text/plain; charset=utf-7' },
  { 'Content-Length': '99999999999' },
];

const BODIES: (string | Blob | undefined)[] = [
  undefined,
  '',
  '{"software_statement":',
  '{"software_statement":{"$gt":""},"redirect_uri":["a"]}',
  'null',
  '%%%&&&===',
  'mvpd=%E0%A4%A&domainName=%00&redirectUrl=%0d%0aLocation:%20http://evil',
  `mvpd=${'A'.repeat(100_000)}`,
  new Blob([new Uint8Array([0, 159, 146, 150, 255, 254, 253])]),
  '--zzz\r\nContent-Disposition: form-data; name="mvpd"\r\n\r\nAcmeCable\r\n--zzz--\r\n',
];

const PATHS = [
  '/o/client/register',
  '/o/client/token',
  '/o/client/token?client_id=&client_secret=&grant_type=',
  `/api/v2/${SP}/configuration`,
  `/api/v2/${SP}/configuration/?profile=%ZZ`,
  `/api/v2/${SP}/sessions`,
  `/api/v2/${SP}/sessions/ABCDEFG`,
  `/api/v2/${SP}/sessions/%E0%A4%A`,
  `/api/v2/${SP}/sessions/${'Z'.repeat(5000)}`,
  `/api/v2/${SP}/profiles`,
  `/api/v2/${SP}/profiles/AcmeCable`,
  `/api/v2/${SP}/profiles/%00`,
  `/api/v2/${SP}/profiles/code/ABCDEFG`,
  `/api/v2/${SP}/profiles/code/%F0%9F%92%A9`,
  `/api/v2/${SP}/logout/AcmeCable?redirectUrl=%`,
  `/api/v2/${SP}/logout/AcmeCable?redirectUrl=http://localhost/%0d%0a`,
  `/api/v2/%3Cscript%3E/configuration`,
  `/api/v2/authenticate/${SP}/ABCDEFG`,
  `/api/v2/authenticate/${SP}/%E0%A4%A`,
  '/adobe-services/authenticate/saml?code=%00&code=1',
  '/adobe-services/logout?mso_id=AcmeCable&redirect_url=http://localhost/%0d%0aSet-Cookie:x',
  '/adobe-services/logout?mso_id=%E0%A4%A',
  '/emulated-mvpd/AcmeCable/login?flow=%00',
  '/emulated-mvpd/AcmeCable/confirm',
  `/emulated-mvpd/${'x'.repeat(3000)}/login?flow=${'a'.repeat(32)}`,
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

function isBrowserPath(path: string): boolean {
  return (
    path.startsWith('/adobe-services/') ||
    path.startsWith('/emulated-mvpd/') ||
    path.startsWith('/api/v2/authenticate/')
  );
}

describe('robustness', () => {
  it('never answers 5xx, whatever the method, path, headers and body', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    let count = 0;
    let seed = 7;
    const pick = <T>(items: T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return items[seed % items.length]!;
    };
    for (const path of PATHS) {
      for (const method of METHODS) {
        for (let round = 0; round < 4; round += 1) {
          const withToken = round % 2 === 0;
          const headers: Record<string, string> = {
            ...(withToken ? apiHeaders(token, 'fuzz-device') : {}),
            ...pick(GARBAGE_HEADERS),
            ...pick(GARBAGE_HEADERS),
          };
          const body = method === 'GET' || method === 'HEAD' ? undefined : pick(BODIES);
          let response: Response;
          try {
            response = await app.request(path, { method, headers, body });
          } catch (error) {
            // Only the Request constructor may refuse (e.g. Content-Length mismatch): not the app.
            expect(String(error)).not.toMatch(/emulator/);
            continue;
          }
          count += 1;
          const where = `${method} ${path} ${JSON.stringify(Object.keys(headers))}`;
          expect(response.status, where).toBeLessThan(500);
          if (
            method !== 'HEAD' &&
            response.status !== 302 &&
            response.status !== 303 &&
            response.status !== 204
          ) {
            const type = response.headers.get('content-type') ?? '';
            if (isBrowserPath(path)) expect(type, where).toMatch(/^text\/html/);
            else expect(type, where).toMatch(/^application\/json;charset=UTF-8$/);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(400);
  }, 60_000);

  it('copes with hostile values in a real session and login', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    const response = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: {
        ...apiHeaders(token, '<script>"\'&'),
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Device-Info': b64(JSON.stringify({ model: '<b>x</b>', userAgent: '\u0000' })),
      },
      body: formBody({
        mvpd: 'AcmeCable',
        domainName: 'LOCALHOST',
        redirectUrl: 'http://localhost/\u00e9?q=<x>',
      }),
    });
    expect(response.status).toBe(200);
    const { url, code } = (await response.json()) as { url: string; code: string };
    const info = await app.request(`/api/v2/${SP}/sessions/${code}`, { headers: apiHeaders(token) });
    expect(info.status).toBe(200);
    const form = await openLoginForm(app, url);
    const done = await app.request(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookie },
      body: formBody({ flow: form.flow, csrf: form.csrf, username: 'premium', password: 'password' }),
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://localhost/%C3%A9?q=%3Cx%3E');
    const profiles = await app.request(`/api/v2/${SP}/profiles`, {
      headers: { ...apiHeaders(token), 'AP-Device-Identifier': deviceHeader('<script>"\'&') },
    });
    expect(Object.keys(((await profiles.json()) as { profiles: object }).profiles)).toEqual(['AcmeCable']);
  });
});
