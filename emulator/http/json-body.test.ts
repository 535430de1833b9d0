// @vitest-environment node
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody } from './json-body.ts';

/** What readJsonBody made of each body, in order (also for callers that left before the answer). */
const results: unknown[] = [];

/** Echoes what readJsonBody made of the body (limit 64 bytes). */
function echoApp(): Hono {
  const app = new Hono();
  app.post('/echo', async (c) => {
    const result = await readJsonBody(c, 64);
    results.push(result);
    return c.json(result);
  });
  return app;
}

let server: ServerType;
let port = 0;

beforeAll(async () => {
  await new Promise<void>((ready) => {
    server = serve({ fetch: echoApp().fetch, port: 0, hostname: '127.0.0.1' }, () => ready());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

/** A POST over a real socket; `chunks` are sent one by one without Content-Length (chunked). */
function post(
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/echo', headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('readJsonBody over a real socket (bytes read from Node’s request)', () => {
  it('parses a JSON body sent in several chunks', async () => {
    const answer = await post([utf8('{"resources":'), utf8('["a",'), utf8('"b"]}')]);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { resources: ['a', 'b'] } });
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const answer = await post([utf8('{}')], { 'Content-Length': '2' });
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: {} });
    const big = await post([utf8(`{"pad":"${'x'.repeat(100)}"}`)], { 'Content-Length': '110' });
    expect(JSON.parse(big.body)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('stops reading a chunked body once it passes the limit, and still answers', async () => {
    const answer = await post([utf8('{"pad":"'), utf8('x'.repeat(40)), utf8('x'.repeat(40)), utf8('"}')]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses invalid UTF-8, invalid JSON and an empty body', async () => {
    const badUtf8 = await post([Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])]);
    expect(JSON.parse(badUtf8.body)).toEqual({ ok: false, reason: 'invalid' });
    expect(JSON.parse((await post([utf8('{"a":')])).body)).toEqual({ ok: false, reason: 'invalid' });
    expect(JSON.parse((await post([])).body)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('readJsonBody when the caller leaves mid-body', () => {
  it('settles as invalid instead of waiting for bytes that never come', async () => {
    const before = results.length;
    await new Promise<void>((done) => {
      const outgoing = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/echo',
        headers: { 'Content-Length': '60' },
        agent: false,
      });
      outgoing.on('error', () => done());
      outgoing.write('{"resources":');
      setTimeout(() => {
        outgoing.destroy();
        done();
      }, 50);
    });
    await expect.poll(() => results.length, { timeout: 2_000 }).toBe(before + 1);
    expect(results.at(-1)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('readJsonBody in-process (app.request: bytes read from the Web Request)', () => {
  const app = echoApp();
  const send = async (body: string) =>
    (await (await app.request('/echo', { method: 'POST', body })).json()) as unknown;

  it('gives the same answers as over a socket', async () => {
    expect(await send('{"resources":["a","b"]}')).toEqual({ ok: true, value: { resources: ['a', 'b'] } });
    expect(await send(`{"pad":"${'x'.repeat(100)}"}`)).toEqual({ ok: false, reason: 'too_large' });
    expect(await send('{"a":')).toEqual({ ok: false, reason: 'invalid' });
  });
});
