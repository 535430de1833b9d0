// @vitest-environment node
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signMediaToken } from '../domain/media-token.ts';
import { PLAYBACK_GRACE_MS } from '../domain/playback.ts';
import { authorizeToken, makeFixture, SP, type Fixture } from './decision-fixtures.ts';
import { PLAYBACK_COOKIE, VIDEO_DIR } from './media-routes.ts';

const NEWS = 'harbor-morning-brief';
const VIDEO = readFileSync(join(VIDEO_DIR, 'sample.webm'));

async function ready(): Promise<Fixture> {
  const f = makeFixture();
  f.signIn('premium');
  return f;
}

function verify(f: Fixture, body: unknown) {
  return f.app.request('/media-token/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function verifyStatus(f: Fixture, token: string, resource: string): Promise<string> {
  const response = await verify(f, { token, resource });
  expect(response.status).toBe(200);
  return ((await response.json()) as { status: string }).status;
}

function stream(
  f: Fixture,
  resource: string,
  token: string | undefined,
  headers: Record<string, string> = {},
) {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return f.app.request(`/stream/${resource}${query}`, { headers });
}

/** `name=value` of the playback cookie set by a response. */
function playbackCookie(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = new RegExp(`${PLAYBACK_COOKIE}=([^;]+)`).exec(header);
  if (!match) throw new Error(`no playback cookie in ${header}`);
  return `${PLAYBACK_COOKIE}=${match[1]}`;
}

async function denial(response: Response, status: string, code = 403) {
  expect(response.status).toBe(code);
  expect(await response.json()).toEqual({ status });
}

describe('POST /media-token/verify', () => {
  it('reports each of the five verifier statuses', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);

    const valid = await verify(f, { token, resource: NEWS });
    expect(valid.status).toBe(200);
    expect(valid.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
    const body = (await valid.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'VALID_TOKEN',
      resource: NEWS,
      requestor: SP,
      mvpd: 'AcmeCable',
      ttl: 420_000,
    });
    expect(body['expires']).toBe((body['issuedAt'] as number) + 420_000);

    expect(await verifyStatus(f, 'garbage', NEWS)).toBe('INVALID_TOKEN_FORMAT');
    expect(await verifyStatus(f, token, 'summit-derby-day')).toBe('INVALID_RESOURCE_ID');

    const text = Buffer.from(token, 'base64').toString('utf8');
    const sig = /<signatureInfo>([^<]+)<\/signatureInfo>/.exec(text)![1]!;
    const tampered = Buffer.from(text.replace(sig, `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`)).toString(
      'base64',
    );
    expect(await verifyStatus(f, tampered, NEWS)).toBe('INVALID_SIGNATURE');

    f.context.clock.advance(420_000 + 31_000);
    expect(await verifyStatus(f, token, NEWS)).toBe('TOKEN_EXPIRED');
  });

  it('is read-only: verifying twice leaves the token playable', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    expect(await verifyStatus(f, token, NEWS)).toBe('VALID_TOKEN');
    expect(await verifyStatus(f, token, NEWS)).toBe('VALID_TOKEN');
    expect((await stream(f, NEWS, token)).status).toBe(200);
    // …and it still verifies after the playback used it (the verifier has no replay cache).
    expect(await verifyStatus(f, token, NEWS)).toBe('VALID_TOKEN');
  });

  it('400 INVALID_REQUEST for malformed requests; 405 for other methods', async () => {
    const f = await ready();
    const bad: unknown[] = [
      '{',
      '',
      'null',
      '[]',
      {},
      { token: 'x' },
      { resource: NEWS },
      { token: 1, resource: NEWS },
      { token: 'x', resource: null },
    ];
    for (const body of bad) {
      const response = await verify(f, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: 'INVALID_REQUEST', message: expect.any(String) });
    }
    const huge = await verify(f, { token: 'x'.repeat(200_000), resource: NEWS });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { status: string }).status).toBe('INVALID_REQUEST');
    const get = await f.app.request('/media-token/verify');
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('POST');
  });

  it('GET /emulator/media-token/public-key serves the PEM that verifies tokens', async () => {
    const f = await ready();
    const response = await f.app.request('/emulator/media-token/public-key');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const pem = await response.text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(pem).export({ format: 'jwk' })).toEqual(
      f.context.keys.publicKey.export({ format: 'jwk' }),
    );
  });
});

describe('GET /stream/:resource', () => {
  it('the first client gets the video and a playback cookie; ranges work for the holder', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    const first = await stream(f, NEWS, token);
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('video/webm');
    expect(first.headers.get('Accept-Ranges')).toBe('bytes');
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    expect(first.headers.get('Content-Length')).toBe(String(VIDEO.length));
    const setCookie = first.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${PLAYBACK_COOKIE}=[0-9a-f]{32};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/stream');
    expect(Buffer.from(await first.arrayBuffer()).equals(VIDEO)).toBe(true);
    const cookie = playbackCookie(first);

    const part = await stream(f, NEWS, token, { Cookie: cookie, Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe(`bytes 100-199/${VIDEO.length}`);
    expect(part.headers.get('Content-Length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(VIDEO.subarray(100, 200))).toBe(true);

    const open = await stream(f, NEWS, token, { Cookie: cookie, Range: 'bytes=1000-' });
    expect(open.status).toBe(206);
    expect(open.headers.get('Content-Range')).toBe(`bytes 1000-${VIDEO.length - 1}/${VIDEO.length}`);
    const suffix = await stream(f, NEWS, token, { Cookie: cookie, Range: 'bytes=-10' });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(VIDEO.subarray(VIDEO.length - 10))).toBe(true);

    const unsatisfiable = await stream(f, NEWS, token, { Cookie: cookie, Range: `bytes=${VIDEO.length}-` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('Content-Range')).toBe(`bytes */${VIDEO.length}`);
  });

  it('a first request with a Range header answers 206 and claims the token', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    const first = await stream(f, NEWS, token, { Range: 'bytes=0-1' });
    expect(first.status).toBe(206);
    expect(first.headers.get('Set-Cookie')).toContain(PLAYBACK_COOKIE);
    await denial(await stream(f, NEWS, token), 'TOKEN_ALREADY_USED');
  });

  it('the same token from another client is refused (no cookie or a different cookie)', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    const first = await stream(f, NEWS, token);
    expect(first.status).toBe(200);
    await denial(await stream(f, NEWS, token), 'TOKEN_ALREADY_USED');
    await denial(
      await stream(f, NEWS, token, { Cookie: `${PLAYBACK_COOKIE}=${'0'.repeat(32)}` }),
      'TOKEN_ALREADY_USED',
    );
    await denial(await stream(f, NEWS, token, { Cookie: `${PLAYBACK_COOKIE}=forged` }), 'TOKEN_ALREADY_USED');
    // The holder is unaffected.
    expect((await stream(f, NEWS, token, { Cookie: playbackCookie(first) })).status).toBe(200);
  });

  it('a client keeps one cookie across playbacks; each token still opens only one playback', async () => {
    const f = await ready();
    const first = await stream(f, NEWS, await authorizeToken(f, NEWS));
    const cookie = playbackCookie(first);
    const token2 = await authorizeToken(f, 'summit-derby-day');
    const second = await stream(f, 'summit-derby-day', token2, { Cookie: cookie });
    expect(second.status).toBe(200);
    expect(playbackCookie(second)).toBe(cookie);
    await denial(await stream(f, 'summit-derby-day', token2), 'TOKEN_ALREADY_USED');
  });

  it('the holder keeps playing after the token expires, until the grace period ends', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    const first = await stream(f, NEWS, token, { Range: 'bytes=0-99' });
    const cookie = playbackCookie(first);
    f.context.clock.advance(60 * 60_000);
    expect(await verifyStatus(f, token, NEWS)).toBe('TOKEN_EXPIRED');
    const later = await stream(f, NEWS, token, { Cookie: cookie, Range: 'bytes=100-' });
    expect(later.status).toBe(206);
    await denial(await stream(f, NEWS, token), 'TOKEN_EXPIRED');
    f.context.clock.advance(PLAYBACK_GRACE_MS);
    await denial(await stream(f, NEWS, token, { Cookie: cookie }), 'TOKEN_EXPIRED');
  });

  it('403 for missing, malformed, expired, wrong-resource and foreign-signature tokens', async () => {
    const f = await ready();
    await denial(await stream(f, NEWS, undefined), 'INVALID_TOKEN_FORMAT');
    await denial(await stream(f, NEWS, ''), 'INVALID_TOKEN_FORMAT');
    await denial(await stream(f, NEWS, 'garbage'), 'INVALID_TOKEN_FORMAT');

    const wrong = await authorizeToken(f, 'summit-derby-day');
    await denial(await stream(f, NEWS, wrong), 'INVALID_RESOURCE_ID');
    // A refused attempt does not use the token up.
    expect((await stream(f, 'summit-derby-day', wrong)).status).toBe(200);

    const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const alien = signMediaToken(foreignKey, {
      userId: 'u',
      requestor: SP,
      resource: NEWS,
      ttlMs: 420_000,
      issuedAt: f.context.clock.now(),
      mvpd: 'AcmeCable',
    }).serializedToken;
    await denial(await stream(f, NEWS, alien), 'INVALID_SIGNATURE');

    const stale = await authorizeToken(f, NEWS);
    f.context.clock.advance(8 * 60_000);
    await denial(await stream(f, NEWS, stale), 'TOKEN_EXPIRED');
  });

  it('404 for an unknown resource, without using the token up; 405 for other methods', async () => {
    const f = await ready();
    const token = await authorizeToken(f, NEWS);
    await denial(await stream(f, 'no-such-title', token), 'UNKNOWN_RESOURCE', 404);
    expect((await stream(f, NEWS, token)).status).toBe(200);
    const post = await f.app.request(`/stream/${NEWS}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('Allow')).toBe('GET, HEAD');
  });
});
