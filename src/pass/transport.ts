import type { RequestPacer } from './pacer';
import { PassApiError, PassTransportError } from './errors';
import { enhancedErrorSchema } from './schemas/enhanced-error';
import { z } from './schemas/zod';

export type HttpMethod = 'GET' | 'POST';

/** One HTTP attempt as seen on the wire; retries produce one exchange each. */
export interface PassExchange {
  /** `DELETE`: the management API (Reset TempPass), recorded next to the client's own calls. */
  method: HttpMethod | 'DELETE';
  url: string;
  /** HTTP status, or `null` when fetch itself failed. */
  status: number | null;
  durationMs: number;
  /** 1 for the first attempt of a call, 2+ for its retries. */
  attempt: number;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
  /** Message of the fetch failure when `status` is `null`. */
  error?: string;
}

/** Observer for an API-trace view. Called after each attempt; must be quick; its throws are ignored. */
export type ExchangeObserver = (exchange: PassExchange) => void;

export type Sleep = (ms: number) => Promise<void>;

export interface RawRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface RawResponse {
  method: HttpMethod;
  url: string;
  status: number;
  text: string;
}

export type RawSender = (request: RawRequest) => Promise<RawResponse>;

export interface HttpSenderDeps {
  fetch: typeof fetch;
  sleep: Sleep;
  now: () => number;
  onExchange?: ExchangeObserver | undefined;
  /** Waits for a throttle token before every attempt (see pacer.ts); none = no pacing. */
  pacer?: RequestPacer | undefined;
}

/** Adobe lifts the throttle one second after the first 429; back off 1 s, then 2 s. */
export const THROTTLE_DELAYS_MS: readonly number[] = [1000, 2000];
/** Pause before the single retry of an idempotent request that failed at network level. */
export const NETWORK_RETRY_DELAY_MS = 1000;
/**
 * Backoff before resending an answer whose error says `"action": "retry"` (errors.md: retry only
 * those, 2–3 times with exponential backoff): 1 s, then 2 s, so at most three attempts in all.
 */
export const ACTION_RETRY_DELAYS_MS: readonly number[] = [1000, 2000];

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Performs one logical HTTP call with the client-wide retry rules:
 * - HTTP 429 (any endpoint, DCR included): sleep 1 s then 2 s and retry, at most twice; still 429 →
 *   `PassTransportError('throttled')`. The HTML body is never parsed.
 * - an error answer whose JSON body says `"action": "retry"` (top-level enhanced error, any status):
 *   sleep 1 s then 2 s and resend, at most twice; then the last answer goes to the caller. Errors
 *   with any other action (`internal_server_error` is `none`) are never resent automatically.
 * - decisions (`POST …/decisions/…` with `{"resources": […]}`): items denied with `"action":
 *   "retry"` are asked again, alone, with the same backoff and cap; their new answers replace them
 *   in place, so the caller sees one answer with every resource in the order it asked.
 * - fetch rejection: GET requests are retried once after 1 s (they are idempotent); POSTs are not,
 *   because a lost answer may hide a created session or a minted media token. Then `'network'`.
 * - aborts (caller's `signal`) are rethrown untouched and never retried.
 */
export function createHttpSender(deps: HttpSenderDeps): RawSender {
  const observe = (exchange: PassExchange): void => {
    try {
      deps.onExchange?.(exchange);
    } catch {
      // A broken observer must never break the call it observes.
    }
  };

  const pause = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
    await deps.sleep(ms);
    if (signal?.aborted) throw signal.reason;
  };

  const sendWithRetries = async (request: RawRequest): Promise<RawResponse> => {
    let actionRetries = 0;
    for (;;) {
      const response = await sendOnce(request);
      const delay = ACTION_RETRY_DELAYS_MS[actionRetries];
      if (delay === undefined || response.status < 400 || !asksToRetry(response.text)) return response;
      actionRetries += 1;
      await pause(delay, request.signal);
    }
  };

  return async function send(request: RawRequest): Promise<RawResponse> {
    let response = await sendWithRetries(request);
    const asked = decisionResources(request);
    if (!asked) return response;
    for (const delay of ACTION_RETRY_DELAYS_MS) {
      const merged = retriedItems(response, asked);
      if (!merged) return response;
      await pause(delay, request.signal);
      const again = await sendWithRetries({
        ...request,
        body: JSON.stringify({ resources: merged.failed.map(({ resource }) => resource) }),
      });
      if (again.status < 200 || again.status >= 300) return response;
      const replaced = mergeItems(merged, again.text);
      if (!replaced) return response;
      response = { ...response, text: replaced };
    }
    return response;
  };

  async function sendOnce(request: RawRequest): Promise<RawResponse> {
    let throttledRetries = 0;
    let networkRetries = 0;
    for (let attempt = 1; ; attempt += 1) {
      // A request given up (its query cancelled) while waiting for a token spends none.
      await deps.pacer?.acquire(request.signal);
      const started = deps.now();
      let status: number;
      let text: string;
      let responseHeaders: Headers | undefined;
      try {
        const init: RequestInit = { method: request.method, headers: request.headers };
        if (request.body !== undefined) init.body = request.body;
        if (request.signal) init.signal = request.signal;
        const response = await deps.fetch(request.url, init);
        status = response.status;
        responseHeaders = response.headers;
        text = await response.text();
      } catch (error) {
        if (deps.onExchange) {
          observe({
            ...exchangeBase(request, attempt, deps.now() - started),
            status: null,
            responseHeaders: {},
            responseBody: undefined,
            error: errorText(error),
          });
        }
        if (isAbort(error, request.signal)) throw error;
        if (request.method === 'GET' && networkRetries < 1) {
          networkRetries += 1;
          await deps.sleep(NETWORK_RETRY_DELAY_MS);
          continue;
        }
        throw new PassTransportError('network', `Network error: ${errorText(error)}`, {
          method: request.method,
          url: request.url,
          cause: error,
        });
      }

      if (deps.onExchange) {
        observe({
          ...exchangeBase(request, attempt, deps.now() - started),
          status,
          responseHeaders: responseHeaders ? Object.fromEntries(responseHeaders) : {},
          responseBody: text,
        });
      }

      if (status === 429) {
        deps.pacer?.throttled();
        const delay = THROTTLE_DELAYS_MS[throttledRetries];
        if (delay === undefined) {
          throw new PassTransportError('throttled', 'Throttled by Adobe Pass (HTTP 429) after retries', {
            method: request.method,
            url: request.url,
            httpStatus: 429,
          });
        }
        throttledRetries += 1;
        await pause(delay, request.signal);
        continue;
      }
      return { method: request.method, url: request.url, status, text };
    }
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A top-level enhanced error (JSON) whose `action` is `retry`. HTML and other bodies are not. */
function asksToRetry(text: string): boolean {
  return parseObject(text)?.action === 'retry';
}

/** The resources of a decisions request (`POST …/decisions/{kind}/{mvpd}`), or undefined. */
function decisionResources(request: RawRequest): string[] | undefined {
  if (request.method !== 'POST' || request.body === undefined) return undefined;
  let path: string;
  try {
    path = new URL(request.url, 'http://client.invalid').pathname;
  } catch {
    return undefined;
  }
  if (!/\/decisions\/(preauthorize|authorize)\/[^/]+$/.test(path)) return undefined;
  const resources = parseObject(request.body)?.resources;
  return Array.isArray(resources) && resources.every((r) => typeof r === 'string')
    ? (resources as string[])
    : undefined;
}

interface PendingItems {
  body: Record<string, unknown>;
  decisions: unknown[];
  /** Items denied with `action: "retry"`, with their index in `decisions`. */
  failed: { index: number; resource: string }[];
}

function isRetryItem(item: unknown): item is { resource: string } {
  if (typeof item !== 'object' || item === null) return false;
  const { authorized, error, resource } = item as {
    authorized?: unknown;
    error?: unknown;
    resource?: unknown;
  };
  return (
    authorized === false &&
    typeof resource === 'string' &&
    typeof error === 'object' &&
    error !== null &&
    (error as { action?: unknown }).action === 'retry'
  );
}

/** The items of a 200 decisions answer to ask again, or undefined when there are none. */
function retriedItems(response: RawResponse, asked: readonly string[]): PendingItems | undefined {
  if (response.status < 200 || response.status >= 300) return undefined;
  const body = parseObject(response.text);
  const decisions = body?.decisions;
  if (!body || !Array.isArray(decisions)) return undefined;
  const failed = decisions.flatMap((item: unknown, index) =>
    isRetryItem(item) && asked.includes(item.resource) ? [{ index, resource: item.resource }] : [],
  );
  return failed.length > 0 ? { body, decisions, failed } : undefined;
}

/** Puts the answers for the retried items in their places; undefined when they do not line up. */
function mergeItems(pending: PendingItems, text: string): string | undefined {
  const answers = parseObject(text)?.decisions;
  if (!Array.isArray(answers) || answers.length !== pending.failed.length) return undefined;
  const decisions = [...pending.decisions];
  for (const [position, { index, resource }] of pending.failed.entries()) {
    const answer: unknown = answers[position];
    if (
      typeof answer !== 'object' ||
      answer === null ||
      (answer as { resource?: unknown }).resource !== resource
    )
      return undefined;
    decisions[index] = answer;
  }
  return JSON.stringify({ ...pending.body, decisions });
}

function exchangeBase(request: RawRequest, attempt: number, durationMs: number) {
  return {
    method: request.method,
    url: request.url,
    attempt,
    durationMs,
    requestHeaders: { ...request.headers },
    requestBody: request.body,
  };
}

/** Parses a JSON body; an empty or non-JSON body → `PassTransportError('non-json')`. */
export function parseJsonBody(response: RawResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch (error) {
    throw new PassTransportError('non-json', `Expected JSON from ${response.url} (HTTP ${response.status})`, {
      method: response.method,
      url: response.url,
      httpStatus: response.status,
      cause: error,
    });
  }
}

/** Validates a parsed body against the endpoint schema → typed value or `'invalid-response'`. */
export function validateBody<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  response: RawResponse,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new PassTransportError('invalid-response', `Unexpected response shape from ${response.url}`, {
    method: response.method,
    url: response.url,
    httpStatus: response.status,
    issues: result.error.issues,
  });
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** Turns an error-status answer of `/api/v2` into `PassApiError` (or a transport error if unreadable). */
export function toApiError(response: RawResponse): PassApiError {
  const body = validateBody(enhancedErrorSchema, parseJsonBody(response), response);
  return new PassApiError(response.status, body);
}

export type QueryValues = Readonly<Record<string, string | undefined>>;

/** A protected `/api/v2` call. `path` must already have its segments URL-encoded. */
export interface ApiRequest<S extends z.core.$ZodType> {
  method: HttpMethod;
  path: string;
  schema: S;
  query?: QueryValues;
  /** Sent as `application/x-www-form-urlencoded` (sessions). */
  form?: QueryValues;
  /** Sent as `application/json` (decisions). */
  json?: unknown;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
}

export interface ApiTransport {
  request<S extends z.core.$ZodType>(request: ApiRequest<S>): Promise<z.output<S>>;
}

export interface ApiTransportDeps {
  send: RawSender;
  baseUrl: string;
  /** Headers sent on every call (`Accept`, device headers). */
  baseHeaders: Readonly<Record<string, string>>;
  /**
   * Current access token. When `rejected` is given and still cached, a fresh token must be fetched
   * (concurrent callers that saw the same 401 then share a single refresh).
   */
  getAccessToken: (rejected?: string) => Promise<string>;
}

export function toSearchParams(values: QueryValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.append(key, value);
  }
  return params;
}

/** Joins a base origin (`''` = same origin) and a path starting with `/`. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * The one wrapper for `/api/v2`: Bearer token, device headers, body encoding, JSON parsing, enhanced
 * errors and schema validation. On HTTP 401 it fetches a fresh token once and retries once; a second
 * 401 surfaces as `PassApiError`.
 */
export function createApiTransport(deps: ApiTransportDeps): ApiTransport {
  return {
    async request<S extends z.core.$ZodType>(request: ApiRequest<S>): Promise<z.output<S>> {
      let url = joinUrl(deps.baseUrl, request.path);
      if (request.query) {
        const search = toSearchParams(request.query).toString();
        if (search) url += `?${search}`;
      }
      const headers: Record<string, string> = { ...deps.baseHeaders, ...request.headers };
      let body: string | undefined;
      if (request.form) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        body = toSearchParams(request.form).toString();
      } else if (request.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(request.json);
      }

      let token = await deps.getAccessToken();
      for (let attempt = 1; ; attempt += 1) {
        const response = await deps.send({
          method: request.method,
          url,
          headers: { ...headers, Authorization: `Bearer ${token}` },
          ...(body === undefined ? {} : { body }),
          ...(request.signal ? { signal: request.signal } : {}),
        });
        if (response.status === 401 && attempt === 1) {
          token = await deps.getAccessToken(token);
          continue;
        }
        if (!isSuccess(response.status)) throw toApiError(response);
        return validateBody(request.schema, parseJsonBody(response), response);
      }
    },
  };
}
