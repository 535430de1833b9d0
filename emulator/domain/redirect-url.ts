import type { Seed } from './seed.ts';

/**
 * Where the emulator may send a browser at the end of a login or logout (spec sessions.md §6,
 * logout.md; inferred). A redirect URL is accepted only when it is an absolute http(s) URL without
 * embedded credentials whose host is a registered domain of the service provider (exactly, or a
 * sub-domain of it, as Adobe's domain whitelists match), or whose origin is the origin the request
 * came to (the reference app is served by the emulator itself). Everything else is refused, so the
 * emulator is never an open redirect.
 */
export const MAX_REDIRECT_URL_LENGTH = 2048;

export function isRegisteredHost(seed: Seed, hostname: string): boolean {
  const host = hostname.toLowerCase();
  return seed.domains.some((domain) => {
    const registered = domain.toLowerCase();
    return host === registered || host.endsWith(`.${registered}`);
  });
}

/** Control characters and spaces are refused outright (the URL parser would silently strip some). */
function hasUnsafeChars(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function parseHttpUrl(value: string): URL | undefined {
  if (value.length === 0 || value.length > MAX_REDIRECT_URL_LENGTH || hasUnsafeChars(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url;
}

/** `requestOrigin`: e.g. `http://localhost:4000`, the origin of the request being answered. */
export function isAllowedRedirectUrl(seed: Seed, value: string, requestOrigin?: string): boolean {
  const url = parseHttpUrl(value);
  if (!url) return false;
  if (requestOrigin !== undefined && url.origin === requestOrigin) return true;
  return isRegisteredHost(seed, url.hostname);
}

/** `domainName` of a session must name one of the SP's registered domains (case-insensitive). */
export function isRegisteredDomainName(seed: Seed, value: string): boolean {
  const name = value.toLowerCase();
  return seed.domains.some((domain) => domain.toLowerCase() === name);
}

/** The form safe to put in a Location header (non-ASCII percent-encoded), or undefined. */
export function redirectHref(value: string): string | undefined {
  return parseHttpUrl(value)?.href;
}
