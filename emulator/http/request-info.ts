import type { Context } from 'hono';
import { remoteAddress } from './middleware.ts';

/**
 * Small readers of the raw request shared by the routes: the origin the request came to, the caller
 * IP, a size-capped body, and single-valued form/query parameters. None of them throws on bad input.
 */

/** e.g. `http://localhost:4000`, derived from the request URL (as Hono built it from the Host header). */
export function requestOrigin(c: Context): string {
  try {
    return new URL(c.req.url).origin;
  } catch {
    return 'http://localhost';
  }
}

const IP_LIKE = /^[0-9A-Fa-f:.[\]]{2,64}$/;

/** X-Forwarded-For first hop when it looks like an address, else the socket address. */
export function clientIp(c: Context): string | null {
  const first = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
  if (first && IP_LIKE.test(first)) return first;
  return remoteAddress(c) ?? null;
}

export function userAgent(c: Context): string | null {
  const value = c.req.header('User-Agent');
  return value ? value.slice(0, 1024) : null;
}

/** The body as text, or undefined when it is larger than `maxBytes` (or unreadable). */
export async function readBodyText(c: Context, maxBytes: number): Promise<string | undefined> {
  const declared = Number(c.req.header('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  try {
    const text = await c.req.text();
    return Buffer.byteLength(text, 'utf8') > maxBytes ? undefined : text;
  } catch {
    return undefined;
  }
}

export function isFormContentType(c: Context): boolean {
  return (c.req.header('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function isJsonContentType(c: Context): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test((c.req.header('Content-Type') ?? '').trim());
}

/** A parameter's single value: undefined when absent, `DUPLICATE` when sent more than once. */
export const DUPLICATE = Symbol('duplicate');

export function single(values: string[] | undefined): string | undefined | typeof DUPLICATE {
  if (!values || values.length === 0) return undefined;
  return values.length > 1 ? DUPLICATE : values[0];
}

/** Collects the named parameters from URLSearchParams into plain values (DUPLICATE kept as marker). */
export function pickParams<K extends string>(
  params: URLSearchParams,
  names: readonly K[],
): Partial<Record<K, string | typeof DUPLICATE>> {
  const out: Partial<Record<K, string | typeof DUPLICATE>> = {};
  for (const name of names) {
    const value = single(params.getAll(name));
    if (value !== undefined) out[name] = value;
  }
  return out;
}
