/**
 * Adobe's Reset TempPass management API (v3): wipes TempPass trials so that devices or people can
 * get temporary access again. Framework-free; one function per endpoint:
 *
 * - `resetTempPassDevice`   → `DELETE {base}/reset-tempass/v3/reset?requestor_id&mvpd_id&device_id`
 * - `resetTempPassIdentity` → `DELETE {base}/reset-tempass/v3/reset/generic?requestor_id&mvpd_id&key`
 *
 * (`tempass` with one "p" is Adobe's spelling.) Both take `Authorization: Bearer <DCR access token>`
 * and answer 204 on success; 400 (malformed or unknown ids), 401 (token missing, invalid or expired:
 * fetch a new token and retry — done here once) and 403 (the client may not use the management API:
 * register again) become a `ResetTempPassError` whose `kind` tells them apart.
 *
 * Adobe serves this API from `https://mgmt.auth.adobe.com` (prequal `mgmt-prequal.auth.adobe.com`);
 * the emulator serves it on its own origin, so `baseUrl` is the Pass client's by default.
 */

import type { ExchangeObserver, PassExchange } from '../transport';

export interface ResetTempPassContext {
  /** Origin of the management API; `''` = this page's origin. */
  baseUrl: string;
  /** `requestor_id`: the service provider. */
  serviceProvider: string;
  /** A DCR access token; with `rejected`, a fresh one (the previous one got a 401). */
  getAccessToken(rejected?: string): Promise<string>;
  fetch?: typeof fetch;
  /** Sees every HTTP attempt, like the Pass client's (the API trace: phase "temporary access"). */
  onExchange?: ExchangeObserver;
  now?: () => number;
}

/** The request as sent, for display. Use `maskedHeaders` before showing `headers` to anyone. */
export interface ResetTempPassRequest {
  method: 'DELETE';
  url: string;
  headers: Record<string, string>;
}

export interface ResetTempPassDone {
  status: number;
  request: ResetTempPassRequest;
}

/**
 * - `bad-request` (400): missing/unknown `requestor_id` or `mvpd_id`, or not a TempPass MVPD;
 * - `unauthorized` (401, after one retry with a fresh token): get a new access token;
 * - `forbidden` (403): the client is not allowed to use the API; register again;
 * - `unexpected-status`: any other status; `network`: no answer at all.
 */
export type ResetTempPassErrorKind =
  'bad-request' | 'unauthorized' | 'forbidden' | 'unexpected-status' | 'network';

export class ResetTempPassError extends Error {
  override readonly name = 'ResetTempPassError';
  readonly kind: ResetTempPassErrorKind;
  /** HTTP status; `null` when the request never got an answer. */
  readonly status: number | null;
  readonly request: ResetTempPassRequest;

  constructor(
    kind: ResetTempPassErrorKind,
    status: number | null,
    request: ResetTempPassRequest,
    cause?: unknown,
  ) {
    super(
      status === null
        ? `Reset TempPass request failed: no answer (${cause instanceof Error ? cause.message : 'network error'})`
        : `Reset TempPass answered HTTP ${status} (${kind})`,
      cause === undefined ? undefined : { cause },
    );
    this.kind = kind;
    this.status = status;
    this.request = request;
  }
}

export function isResetTempPassError(error: unknown): error is ResetTempPassError {
  return error instanceof ResetTempPassError;
}

/** The error kind of an HTTP status that is not a success. */
export function resetErrorKind(status: number): ResetTempPassErrorKind {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'unexpected-status';
}

/** Literal accepted by `device_id` and `key` meaning "every device" / "every identity key". */
export const RESET_ALL = 'all';

export interface ResetDeviceTarget {
  /** The TempPass MVPD (`mvpd_id`). */
  mvpd: string;
  /** The raw device id the app sends Base64-encoded in `AP-Device-Identifier`, or `'all'`. */
  deviceId: string;
}

export interface ResetIdentityTarget {
  /** The promotional TempPass MVPD (`mvpd_id`). */
  mvpd: string;
  /** The identity hash sent under the identity key of `AP-TempPass-Identity` (not the JSON), or `'all'`. */
  key: string;
}

export interface ResetCallOptions {
  signal?: AbortSignal;
}

/** `DELETE /reset-tempass/v3/reset` — one device's trial (or every device's) for a TempPass MVPD. */
export function resetTempPassDevice(
  context: ResetTempPassContext,
  target: ResetDeviceTarget,
  options: ResetCallOptions = {},
): Promise<ResetTempPassDone> {
  return sendReset(
    context,
    '/reset-tempass/v3/reset',
    { mvpd_id: target.mvpd, device_id: target.deviceId },
    options,
  );
}

/** `DELETE /reset-tempass/v3/reset/generic` — promotional trials of one identity key (or of all). */
export function resetTempPassIdentity(
  context: ResetTempPassContext,
  target: ResetIdentityTarget,
  options: ResetCallOptions = {},
): Promise<ResetTempPassDone> {
  return sendReset(
    context,
    '/reset-tempass/v3/reset/generic',
    { mvpd_id: target.mvpd, key: target.key },
    options,
  );
}

async function sendReset(
  context: ResetTempPassContext,
  path: string,
  parameters: Record<string, string>,
  options: ResetCallOptions,
): Promise<ResetTempPassDone> {
  for (const [name, value] of Object.entries({ requestor_id: context.serviceProvider, ...parameters })) {
    if (value.trim() === '') throw new TypeError(`Reset TempPass: ${name} must not be empty`);
  }
  const query = new URLSearchParams({ requestor_id: context.serviceProvider, ...parameters });
  const url = `${context.baseUrl.replace(/\/+$/, '')}${path}?${query.toString()}`;
  // Call through globalThis so browsers do not throw "Illegal invocation" on a detached fetch.
  const fetchImpl: typeof fetch = context.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const now = context.now ?? Date.now;
  const observe = (exchange: PassExchange): void => {
    try {
      context.onExchange?.(exchange);
    } catch {
      // A broken observer must never break the call it observes.
    }
  };

  let token = await context.getAccessToken();
  for (let attempt = 1; ; attempt += 1) {
    const request: ResetTempPassRequest = {
      method: 'DELETE',
      url,
      headers: { Authorization: `Bearer ${token}` },
    };
    const sent = { method: 'DELETE' as const, url, attempt, requestHeaders: { ...request.headers } };
    const started = now();
    let status: number;
    try {
      const response = await fetchImpl(url, {
        method: 'DELETE',
        headers: request.headers,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      status = response.status;
      // The body is empty on 204 and undocumented on errors: drain it, never parse it.
      const text = await response.text().catch(() => '');
      observe({
        ...sent,
        requestBody: undefined,
        status,
        durationMs: now() - started,
        responseHeaders: response.headers ? Object.fromEntries(response.headers) : {},
        responseBody: text,
      });
    } catch (error) {
      observe({
        ...sent,
        requestBody: undefined,
        status: null,
        durationMs: now() - started,
        responseHeaders: {},
        responseBody: undefined,
        error: error instanceof Error ? error.message : String(error),
      });
      if (options.signal?.aborted) throw error;
      throw new ResetTempPassError('network', null, request, error);
    }
    if (status >= 200 && status < 300) return { status, request };
    if (status === 401 && attempt === 1) {
      token = await context.getAccessToken(token);
      continue;
    }
    throw new ResetTempPassError(resetErrorKind(status), status, request);
  }
}

/** Headers safe to show: the bearer token is replaced by a mask that keeps only its length. */
export function maskedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name.toLowerCase() === 'authorization'
        ? value.replace(
            /^(Bearer\s+)(.+)$/i,
            (_, scheme: string, secret: string) =>
              `${scheme}${'•'.repeat(8)} (${secret.length} characters, masked)`,
          )
        : value,
    ]),
  );
}
