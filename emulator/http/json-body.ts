import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { nodeRequest } from './node-request.ts';

/**
 * Reads a JSON request body without trusting its size: stops reading past `maxBytes`, rejects
 * invalid UTF-8 and invalid JSON. The Content-Type is not checked (a form body simply fails to
 * parse). Never throws.
 *
 * Under `@hono/node-server` the bytes come straight from Node's request: building the Web `Request`
 * body stream costs more than the rest of a decision's parsing. The server drains whatever is left
 * unread after an oversized body once the answer is sent (up to its own 64 MiB cap).
 */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'invalid' };

type Chunks = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'invalid' };

export async function readJsonBody(c: Context, maxBytes: number): Promise<JsonBody> {
  const declared = Number(c.req.header('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too_large' };
  const incoming = nodeRequest(c.env);
  const read =
    incoming instanceof Readable
      ? await readNode(incoming, maxBytes)
      : await readWeb(c.req.raw.body, maxBytes);
  if (!read.ok) return read;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

function readNode(incoming: IncomingMessage, maxBytes: number): Promise<Chunks> {
  if (incoming.readableEnded) return Promise.resolve({ ok: false, reason: 'invalid' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Chunks) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        incoming.pause();
        finish({ ok: false, reason: 'too_large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    // Also when the caller goes away before the whole body arrived (Node reports it as an error).
    const onError = () => finish({ ok: false, reason: 'invalid' });
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function readWeb(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Chunks> {
  if (!stream) return { ok: false, reason: 'invalid' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** true when the string holds no unpaired UTF-16 surrogate (it survives a UTF-8 round trip). */
export function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}
