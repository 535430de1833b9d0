/**
 * Masks the secrets of a recorded call for display, `curl` and HAR: bearer (and other scheme)
 * credentials in `Authorization`, `AP-TempPass-Identity`, and `access_token`, `refresh_token`,
 * `client_secret`, `serializedToken`, `token` in JSON bodies, form bodies and query strings.
 * Works on text (also truncated text), so the rest of a body keeps its exact formatting.
 */
export const MASK = '[MASKED]';

export const SECRET_FIELDS = [
  'access_token',
  'refresh_token',
  'client_secret',
  'serializedToken',
  'token',
] as const;

const FIELDS = SECRET_FIELDS.join('|');
/** `"field": "value"` in JSON; a value cut off by truncation is masked up to the end too. */
const JSON_FIELD = new RegExp(`("(?:${FIELDS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\[^]?)*"?`, 'gi');
/** `field=value` after `?`/`&` (query strings) or at the start (form bodies). */
const PARAM_FIELD = new RegExp(`(^|[?&])((?:${FIELDS})=)[^&#]*`, 'gi');

const MASKED_HEADERS = new Set(['ap-temppass-identity', 'cookie', 'set-cookie', 'x-emulator-admin-token']);

export function maskHeaderValue(name: string, value: string): string {
  const key = name.toLowerCase();
  if (key === 'authorization' || key === 'proxy-authorization') {
    const scheme = /^(\s*[A-Za-z][\w-]*\s+)\S/.exec(value);
    return scheme ? `${scheme[1]}${MASK}` : MASK;
  }
  return MASKED_HEADERS.has(key) ? MASK : value;
}

export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, maskHeaderValue(name, value)]),
  );
}

/** Masks secret parameters in a URL's query string (the path is left alone). */
export function maskUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  return url.slice(0, query) + url.slice(query, end).replace(PARAM_FIELD, `$1$2${MASK}`) + url.slice(end);
}

/** Masks a body: JSON fields and form parameters (both are tried when the type is unknown). */
export function maskBody(body: string | undefined, contentType?: string): string | undefined {
  if (body === undefined || body === '') return body;
  const type = (contentType ?? '').toLowerCase();
  const json = type.includes('json') || /^\s*[[{]/.test(body);
  const form = type.includes('x-www-form-urlencoded') || (!json && !type);
  let masked = body;
  if (json || !type) masked = masked.replace(JSON_FIELD, `$1"${MASK}"`);
  if (form) masked = masked.replace(PARAM_FIELD, `$1$2${MASK}`);
  return masked;
}

export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = name.toLowerCase();
  for (const [header, value] of Object.entries(headers)) if (header.toLowerCase() === key) return value;
  return undefined;
}

export interface CallView {
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
}

/** The parts of a call as shown: masked unless `reveal`. */
export function viewCall(call: CallView, reveal: boolean): CallView {
  if (reveal) return call;
  return {
    url: maskUrl(call.url),
    requestHeaders: maskHeaders(call.requestHeaders),
    requestBody: maskBody(call.requestBody, headerValue(call.requestHeaders, 'content-type')),
    responseHeaders: maskHeaders(call.responseHeaders),
    responseBody: maskBody(call.responseBody, headerValue(call.responseHeaders, 'content-type')),
  };
}
