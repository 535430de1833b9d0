import { open, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { verifyMediaToken } from '../domain/media-token.ts';
import { openPlayback, PLAYBACK_GRACE_MS } from '../domain/playback.ts';
import { findResource } from '../domain/seed.ts';
import { parseByteRange } from './byte-range.ts';
import type { EmulatorEnv } from './env.ts';
import { readJsonBody } from './json-body.ts';
import { methodNotAllowed } from './middleware.ts';
import { sendJson } from './respond.ts';

/**
 * The programmer-side half of playback (spec media-token.md), served by the emulator for the demo:
 *
 * - `POST /media-token/verify` `{"token","resource"}` → 200 `{"status": <verifier status>, …}`;
 *   read-only (the token is not used up). Malformed request → 400
 *   `{"status":"INVALID_REQUEST","message":…}`.
 * - `GET /emulator/media-token/public-key` → the verification key (PEM, text/plain).
 * - `GET /stream/{resource}?token=…` → the protected origin: a valid token opens one playback
 *   (see domain/playback.ts); 403 `{"status": …}` otherwise; 404 for an unknown resource.
 */

export const PLAYBACK_COOKIE = 'pass_playback';
export const MAX_VERIFY_BODY_BYTES = 96 * 1024;

/** Static media live in `<repo>/public/media/`; resolved from this file, not the working directory. */
export const VIDEO_DIR = fileURLToPath(new URL('../../public/media/video/', import.meta.url));

const VerifyBody = z.object({ token: z.string(), resource: z.string() });

const VIDEO_TYPES: Record<string, string> = { '.webm': 'video/webm', '.mp4': 'video/mp4' };

function invalidRequest(c: Context<EmulatorEnv>, message: string): Response {
  return sendJson(c, { status: 'INVALID_REQUEST', message }, 400);
}

async function verifyHandler(context: EmulatorContext, c: Context<EmulatorEnv>): Promise<Response> {
  const body = await readJsonBody(c, MAX_VERIFY_BODY_BYTES);
  if (!body.ok) {
    return invalidRequest(
      c,
      body.reason === 'too_large' ? 'The request body is too large.' : 'The body is not valid JSON.',
    );
  }
  const parsed = VerifyBody.safeParse(body.value);
  if (!parsed.success) return invalidRequest(c, 'Expected {"token": string, "resource": string}.');
  const { token, resource } = parsed.data;
  const verdict = verifyMediaToken(
    context.keys,
    token,
    resource,
    context.clock.now(),
    context.seed.serviceProvider,
  );
  if (verdict.status !== 'VALID_TOKEN') return sendJson(c, { status: verdict.status });
  return sendJson(c, {
    status: verdict.status,
    resource: verdict.resourceID,
    requestor: verdict.requestorID,
    mvpd: verdict.mvpdId,
    ...(verdict.proxyMvpdId !== undefined ? { proxyMvpd: verdict.proxyMvpdId } : {}),
    sessionGUID: verdict.sessionGUID,
    issuedAt: verdict.issueTime,
    ttl: verdict.ttl,
    expires: verdict.issueTime + verdict.ttl,
  });
}

function denied(c: Context<EmulatorEnv>, status: string, code: 403 | 404 | 416 = 403): Response {
  c.header('Cache-Control', 'no-store');
  return sendJson(c, { status }, code);
}

async function streamHandler(context: EmulatorContext, c: Context<EmulatorEnv>): Promise<Response> {
  const resource = c.req.param('resource') ?? '';
  const item = findResource(context.seed, resource);
  if (!item) return denied(c, 'UNKNOWN_RESOURCE', 404);
  const file = join(VIDEO_DIR, basename(item.stream));
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (size === undefined) return denied(c, 'STREAM_NOT_FOUND', 404);

  const result = openPlayback(context, {
    token: c.req.query('token'),
    resource: item.id,
    holder: getCookie(c, PLAYBACK_COOKIE),
  });
  if (!result.ok) return denied(c, result.status);
  if (result.claimed) {
    setCookie(c, PLAYBACK_COOKIE, result.holder, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/stream',
      maxAge: Math.floor(PLAYBACK_GRACE_MS / 1000),
    });
  }

  const headers: Record<string, string> = {
    'Content-Type': VIDEO_TYPES[extname(item.stream).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  const range = parseByteRange(c.req.header('Range'), size);
  if (range.kind === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${size}`);
    c.header('Accept-Ranges', 'bytes');
    return denied(c, 'RANGE_NOT_SATISFIABLE', 416);
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  const bytes = await readSlice(file, start, end - start + 1);
  if (!bytes) return denied(c, 'STREAM_NOT_FOUND', 404);
  headers['Content-Length'] = String(bytes.byteLength);
  if (range.kind === 'partial') {
    headers['Content-Range'] = `bytes ${start}-${start + bytes.byteLength - 1}/${size}`;
    return c.body(bytes, 206, headers);
  }
  return c.body(bytes, 200, headers);
}

async function readSlice(
  file: string,
  start: number,
  length: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = new Uint8Array(Math.max(0, length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

export function mediaRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();

  router.post('/media-token/verify', (c) => verifyHandler(context, c));
  router.all('/media-token/verify', methodNotAllowed(['POST']));

  router.get('/emulator/media-token/public-key', (c) => c.text(context.keys.publicKeyPem));
  router.all('/emulator/media-token/public-key', methodNotAllowed(['GET']));

  router.get('/stream/:resource', (c) => streamHandler(context, c));
  router.all('/stream/:resource', methodNotAllowed(['GET', 'HEAD']));

  return router;
}
