import type { Context } from 'hono';

/**
 * Reads a JSON request body without trusting its size: stops reading past `maxBytes`, rejects
 * invalid UTF-8 and invalid JSON. The Content-Type is not checked (a form body simply fails to
 * parse). Never throws.
 */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'invalid' };

export async function readJsonBody(c: Context, maxBytes: number): Promise<JsonBody> {
  const declared = Number(c.req.header('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too_large' };
  const stream = c.req.raw.body;
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
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/** true when the string holds no unpaired UTF-16 surrogate (it survives a UTF-8 round trip). */
export function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}
