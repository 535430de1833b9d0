import { viewCall } from './api-trace-mask';

/** POSIX shell single-quoting: `'` becomes `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface CurlOptions {
  reveal?: boolean;
  /** Origin for relative URLs (same-origin calls), e.g. `location.origin`. */
  baseUrl?: string;
}

export function absoluteUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

/** What a curl command needs of a call (a `TraceEntry`, or any request). */
export interface CurlCall {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string | undefined;
}

/** One call as a `curl` command line (secrets masked unless `reveal`). */
export function toCurl(call: CurlCall, options: CurlOptions = {}): string {
  const view = viewCall(
    { ...call, requestBody: call.requestBody, responseHeaders: {}, responseBody: undefined },
    options.reveal === true,
  );
  const parts = ['curl'];
  const hasBody = view.requestBody !== undefined;
  const method = call.method.toUpperCase();
  if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) parts.push(`-X ${method}`);
  parts.push(shellQuote(absoluteUrl(view.url, options.baseUrl)));
  for (const [name, value] of Object.entries(view.requestHeaders))
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (view.requestBody !== undefined) parts.push(`--data-raw ${shellQuote(view.requestBody)}`);
  return parts.join(' \\\n  ');
}
