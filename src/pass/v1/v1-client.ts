/**
 * A small framework-free helper for the legacy Adobe Pass clientless REST API v1, made for showing
 * the raw traffic: every call returns the request as sent (bearer token masked) and the response as
 * received (status, headers, body text), never a parsed model. It borrows the DCR access token of
 * the REST v2 client (`PassClient.getAccessToken()`). No retries, no pacing: one click, one request.
 */
export type V1Format = 'json' | 'xml';
export type V1Method = 'GET' | 'POST' | 'DELETE';

export interface V1RawRequest {
  method: V1Method;
  url: string;
  /** As sent, with `Authorization` masked. */
  headers: Record<string, string>;
}

export interface V1RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface V1Exchange {
  request: V1RawRequest;
  /** Absent when no answer arrived (see `error`). */
  response?: V1RawResponse;
  /** Why no answer arrived (token or network failure). */
  error?: string;
  /** A 2xx answer. */
  ok: boolean;
}

export interface V1ClientOptions {
  /** Absolute origin of the v1 API (`/reggie/v1`, `/api/v1`). */
  baseUrl: string;
  serviceProvider: string;
  /** The device id sent as `deviceId` (the same string a v2 client puts in AP-Device-Identifier). */
  deviceId: string;
  /** `X-Device-Info` value (Base64 JSON). */
  deviceInfo: string;
  getAccessToken: () => Promise<string>;
  fetch?: typeof fetch;
}

export interface AuthenticateLink {
  code: string;
  mvpd: string;
  domainName: string;
  redirectUrl: string;
}

export interface V1Client {
  /** POST /reggie/v1/{requestor}/regcode */
  createRegcode(format: V1Format, options?: { mvpd?: string; ttlSeconds?: number }): Promise<V1Exchange>;
  /** GET /api/v1/config/{requestor} */
  getConfig(format: V1Format): Promise<V1Exchange>;
  /** GET /api/v1/checkauthn */
  checkAuthn(format: V1Format): Promise<V1Exchange>;
  /** GET /api/v1/tokens/authn */
  getAuthnToken(format: V1Format): Promise<V1Exchange>;
  /** GET /api/v1/authorize */
  authorize(resource: string, format: V1Format): Promise<V1Exchange>;
  /** GET /api/v1/tokens/media */
  getMediaToken(resource: string, format: V1Format): Promise<V1Exchange>;
  /** DELETE /api/v1/logout */
  logout(format: V1Format): Promise<V1Exchange>;
  /** Browser URL of GET /api/v1/authenticate (redirect_url last, as Adobe requires). */
  authenticateUrl(link: AuthenticateLink): string;
}

const ACCEPT: Record<V1Format, string> = { json: 'application/json', xml: 'application/xml' };

/** `Bearer eyJhbG…` → the first characters only, so a screenshot leaks nothing usable. */
export function maskAuthorization(value: string): string {
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return value;
  return `Bearer ${match[1].slice(0, 6)}… (masked, ${match[1].length} characters)`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createV1Client(options: V1ClientOptions): V1Client {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');
  const sp = encodeURIComponent(options.serviceProvider);
  const deviceQuery = () => ({ requestor: options.serviceProvider, deviceId: options.deviceId });

  async function call(
    method: V1Method,
    path: string,
    query: Record<string, string>,
    format: V1Format,
  ): Promise<V1Exchange> {
    const search = new URLSearchParams(query).toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;
    const headers: Record<string, string> = { Accept: ACCEPT[format], 'X-Device-Info': options.deviceInfo };
    const shown = (token?: string): V1RawRequest => ({
      method,
      url,
      headers: { ...(token ? { Authorization: maskAuthorization(`Bearer ${token}`) } : {}), ...headers },
    });
    let token: string;
    try {
      token = await options.getAccessToken();
    } catch (error) {
      return { request: shown(), error: `No access token: ${errorText(error)}`, ok: false };
    }
    try {
      const response = await fetchImpl(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...headers },
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return {
        request: shown(token),
        response: {
          status: response.status,
          statusText: response.statusText,
          headers: responseHeaders,
          body: await response.text(),
        },
        ok: response.ok,
      };
    } catch (error) {
      return { request: shown(token), error: errorText(error), ok: false };
    }
  }

  return {
    createRegcode: (format, extra = {}) =>
      call(
        'POST',
        `/reggie/v1/${sp}/regcode`,
        {
          deviceId: options.deviceId,
          ...(extra.mvpd ? { mvpd: extra.mvpd } : {}),
          ...(extra.ttlSeconds ? { ttl: String(extra.ttlSeconds) } : {}),
        },
        format,
      ),
    getConfig: (format) => call('GET', `/api/v1/config/${sp}`, {}, format),
    checkAuthn: (format) => call('GET', '/api/v1/checkauthn', deviceQuery(), format),
    getAuthnToken: (format) => call('GET', '/api/v1/tokens/authn', deviceQuery(), format),
    authorize: (resource, format) => call('GET', '/api/v1/authorize', { ...deviceQuery(), resource }, format),
    getMediaToken: (resource, format) =>
      call('GET', '/api/v1/tokens/media', { ...deviceQuery(), resource }, format),
    logout: (format) => call('DELETE', '/api/v1/logout', deviceQuery(), format),
    authenticateUrl: (link) => {
      const query = new URLSearchParams({
        requestor_id: options.serviceProvider,
        mso_id: link.mvpd,
        reg_code: link.code,
        domain_name: link.domainName,
        noflash: 'true',
        no_iframe: 'true',
      });
      // redirect_url must be the last parameter.
      query.append('redirect_url', link.redirectUrl);
      return `${base}/api/v1/authenticate?${query.toString()}`;
    },
  };
}
