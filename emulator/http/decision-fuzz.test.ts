// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { authorizeToken, deviceHeader, makeFixture, SP } from './decision-fixtures.ts';
import { PLAYBACK_COOKIE } from './media-routes.ts';

/**
 * Property-style robustness: hundreds of random, mostly malformed requests against the decisions,
 * verify and stream endpoints. Whatever the input: no 5xx, and JSON answers parse.
 */

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(0x5eed);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const ALPHABET = 'abcXYZ019 -_.~!@#$%^&*()[]{}<>"\'\\/:;,=+?`|é☃\u0000\u001f\ud800\udc00😀';
function randomString(max = 24): string {
  let out = '';
  for (let i = int(max); i > 0; i--) out += ALPHABET[int(ALPHABET.length)] ?? '';
  return out;
}
/** Header values must be ByteStrings without CR/LF/NUL. */
function randomHeader(max = 40): string {
  let out = '';
  for (let i = int(max); i > 0; i--) out += String.fromCharCode(0x20 + int(0xff - 0x20));
  return out.replace(/[\x7f]/g, '');
}

function randomJson(depth = 0): unknown {
  switch (int(depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.14]);
    case 3:
    case 4:
      return randomString();
    case 5:
      return Array.from({ length: int(7) }, () => randomJson(depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = int(4); i > 0; i--)
        out[pick(['resources', 'token', 'resource', '__proto__', 'constructor', randomString(6)])] =
          randomJson(depth + 1);
      return out;
    }
  }
}

/** encodeURIComponent, with an encoded lone surrogate (itself a nasty input) when it refuses. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const RESOURCES = [
  'harbor-morning-brief',
  'summit-derby-day',
  'harbor-news',
  '<rss><channel><title>harbor-news</title></channel></rss>',
];

function randomDecisionBody(): BodyInit {
  switch (int(7)) {
    case 0:
      return JSON.stringify(randomJson());
    case 1:
      return JSON.stringify({
        resources: Array.from({ length: int(9) }, () => (rand() < 0.6 ? pick(RESOURCES) : randomJson(2))),
      });
    case 2:
      return JSON.stringify({
        resources: Array.from({ length: 1 + int(3) }, () => randomString(rand() < 0.1 ? 10_000 : 30)),
      });
    case 3:
      return new Uint8Array(Array.from({ length: int(200) }, () => int(256)));
    case 4:
      return JSON.stringify({ resources: [pick(RESOURCES)] }).slice(0, int(30));
    case 5:
      return randomString(60);
    default:
      return JSON.stringify({ resources: [pick(RESOURCES)] });
  }
}

function randomDecisionHeaders(accessToken: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (rand() < 0.8) headers['Authorization'] = rand() < 0.8 ? `Bearer ${accessToken}` : randomHeader();
  if (rand() < 0.8) {
    headers['AP-Device-Identifier'] = pick([
      deviceHeader(),
      deviceHeader(randomString(12) || 'x'),
      `fingerprint ${randomHeader(12)}`,
      randomHeader(),
      'fingerprint ',
      `fingerprint ${Buffer.from([0xff, 0xfe, 0x00]).toString('base64')}`,
    ]);
  }
  if (rand() < 0.5)
    headers['X-Device-Info'] =
      rand() < 0.5 ? Buffer.from(JSON.stringify(randomJson())).toString('base64') : randomHeader();
  if (rand() < 0.7)
    headers['Content-Type'] = pick([
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      randomHeader(20),
    ]);
  if (rand() < 0.1) headers['Content-Length'] = pick(['0', '-1', 'abc', '99999999999']);
  return headers;
}

const seen = new Map<number, number>();

async function expectSane(response: Response, label: string, method = 'GET') {
  seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
  expect(response.status, label).toBeLessThan(500);
  const type = response.headers.get('Content-Type') ?? '';
  if (type.startsWith('application/json') && method !== 'HEAD') {
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown, label).not.toThrow();
  } else {
    await response.arrayBuffer();
  }
}

describe('robustness (random malformed input never yields a 5xx)', () => {
  afterAll(() => {
    // The loops reach past the auth gate: successes and each kind of refusal all occur.
    for (const status of [200, 400, 401, 403, 405])
      expect(seen.get(status) ?? 0, `HTTP ${status}`).toBeGreaterThan(0);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
  });

  it('decisions: 300 random requests', async () => {
    const f = makeFixture();
    f.signIn('basic');
    for (let i = 0; i < 300; i++) {
      const kind = rand() < 0.9 ? pick(['preauthorize', 'authorize']) : pick(['authorise', '']);
      const mvpd =
        rand() < 0.7 ? 'AcmeCable' : pick(['MetroFiber', enc(randomString(10)), '%E0%A4%A', '..', '%00']);
      const sp = rand() < 0.85 ? SP : enc(randomString(8)) || 'x';
      const method = rand() < 0.85 ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const init: RequestInit = { method, headers: randomDecisionHeaders(f.accessToken) };
      if (method !== 'GET' && method !== 'HEAD') init.body = randomDecisionBody();
      let response: Response;
      try {
        response = await f.app.request(`/api/v2/${sp}/decisions/${kind}/${mvpd}`, init);
      } catch (error) {
        // Only the test's own Request construction may refuse an input (e.g. a bad header).
        expect(String(error)).toMatch(/TypeError|Headers|header/i);
        continue;
      }
      await expectSane(response, `#${i} ${method} ${kind}/${mvpd}`, method);
    }
  });

  it('verify and stream: 300 random requests, with real tokens mixed in', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const tokens = [
      await authorizeToken(f, 'harbor-morning-brief'),
      await authorizeToken(f, 'summit-derby-day'),
    ];
    const tokenish = () =>
      pick([
        pick(tokens),
        pick(tokens).slice(0, int(400)),
        Buffer.from(randomString(80)).toString('base64'),
        randomString(30),
        `${pick(tokens)}${randomString(3)}`,
      ]);
    for (let i = 0; i < 300; i++) {
      let response: Response;
      let method = 'POST';
      if (rand() < 0.5) {
        const body =
          rand() < 0.5
            ? JSON.stringify({
                token: rand() < 0.8 ? tokenish() : randomJson(),
                resource: rand() < 0.8 ? pick(RESOURCES) : randomJson(),
              })
            : randomDecisionBody();
        response = await f.app.request('/media-token/verify', {
          method: rand() < 0.9 ? 'POST' : 'PUT',
          headers: { 'Content-Type': pick(['application/json', 'text/plain']) },
          body,
        });
      } else {
        const headers: Record<string, string> = {};
        if (rand() < 0.5)
          headers['Range'] = pick([
            'bytes=0-10',
            'bytes=-5',
            'bytes=999999999-',
            `bytes=${randomHeader(10)}`,
            randomHeader(),
            'bytes=5-1',
            'bytes=0-1,3-4',
          ]);
        if (rand() < 0.5)
          headers['Cookie'] = pick([
            `${PLAYBACK_COOKIE}=${randomHeader(32).replace(/[;,\s]/g, '')}`,
            randomHeader(),
            `${PLAYBACK_COOKIE}=${'a'.repeat(32)}`,
          ]);
        const resource = pick([
          ...RESOURCES.slice(0, 2),
          enc(randomString(10)),
          '%ZZ',
          'harbor-morning-brief%00',
        ]);
        const query =
          rand() < 0.9 ? `?token=${enc(tokenish())}` : pick(['', '?token', '?token=%', `?token=a&token=b`]);
        method = rand() < 0.9 ? 'GET' : 'HEAD';
        try {
          response = await f.app.request(`/stream/${resource}${query}`, { method, headers });
        } catch (error) {
          expect(String(error)).toMatch(/TypeError|Headers|header/i);
          continue;
        }
      }
      await expectSane(response, `#${i}`, method);
    }
  });
});
