/** The page origin when running in a browser, used when the API base is `''` (same origin). */
function currentOrigin(): string | undefined {
  const location = (globalThis as { location?: { origin?: unknown } }).location;
  return typeof location?.origin === 'string' && location.origin !== 'null' ? location.origin : undefined;
}

/**
 * Resolves a `url` returned by sessions or logout against the API host. Absolute URLs are returned
 * unchanged; relative ones are prefixed with `apiBaseUrl`, or with the page origin when the base is
 * `''` (left relative if there is no page, e.g. in Node).
 */
export function resolveApiUrl(
  apiBaseUrl: string,
  url: string,
  origin: string | undefined = currentOrigin(),
): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) return url;
  const base = apiBaseUrl.replace(/\/+$/, '') || origin || '';
  const path = url.startsWith('/') ? url : `/${url}`;
  return `${base}${path}`;
}

/**
 * Absolute browser URL for GET /api/v2/authenticate/{serviceProvider}/{code} — opened in a user agent
 * (no Authorization header) to start the MVPD login, e.g. by a second-screen app after a typed code.
 */
export function authenticateUrl(
  apiBaseUrl: string,
  serviceProvider: string,
  code: string,
  origin: string | undefined = currentOrigin(),
): string {
  const path = `/api/v2/authenticate/${encodeURIComponent(serviceProvider)}/${encodeURIComponent(code)}`;
  return resolveApiUrl(apiBaseUrl, path, origin);
}
