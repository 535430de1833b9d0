import type { z } from 'zod/mini';
import type { EnhancedError } from './schemas/enhanced-error';

/**
 * A top-level enhanced error: the whole response body was Adobe's error object. Branch on `code`
 * (and `action`), never on `message`. Item-level decision denies are NOT thrown; they stay in results.
 */
export class PassApiError extends Error {
  override readonly name = 'PassApiError';
  /** HTTP status of the response. */
  readonly httpStatus: number;
  /** `status` inside the error object (normally equal to `httpStatus`). */
  readonly status: number;
  readonly code: EnhancedError['code'];
  readonly action: EnhancedError['action'];
  readonly details: string | undefined;
  readonly helpUrl: string | undefined;
  readonly trace: string | undefined;
  /** The parsed body, including any fields Adobe adds later. */
  readonly body: EnhancedError;

  constructor(httpStatus: number, body: EnhancedError) {
    super(body.message ?? `Adobe Pass error ${body.code} (HTTP ${httpStatus})`);
    this.httpStatus = httpStatus;
    this.status = body.status;
    this.code = body.code;
    this.action = body.action;
    this.details = body.details;
    this.helpUrl = body.helpUrl;
    this.trace = body.trace;
    this.body = body;
  }
}

/** Which DCR endpoint answered with an OAuth error. */
export type DcrEndpoint = 'register' | 'token';

/** OAuth-style `{ "error": … }` answer from `/o/client/register` or `/o/client/token`. */
export class PassDcrError extends Error {
  override readonly name = 'PassDcrError';
  readonly httpStatus: number;
  /** The OAuth `error` value, e.g. `invalid_client`. */
  readonly code: string;
  readonly endpoint: DcrEndpoint;

  constructor(endpoint: DcrEndpoint, httpStatus: number, code: string) {
    super(`Adobe Pass ${endpoint} failed: ${code} (HTTP ${httpStatus})`);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.code = code;
  }
}

/**
 * The exchange itself failed:
 * - `network`: fetch rejected (offline, DNS, CORS…), after the allowed retry;
 * - `non-json`: the body could not be parsed as JSON;
 * - `invalid-response`: JSON that does not match the endpoint's schema (`issues` lists why), or an
 *   error status whose body is not a recognisable error object;
 * - `throttled`: still HTTP 429 after the capped retries.
 */
export type PassTransportErrorKind = 'network' | 'non-json' | 'invalid-response' | 'throttled';

export interface PassTransportErrorDetails {
  method: string;
  url: string;
  httpStatus?: number;
  issues?: readonly z.core.$ZodIssue[];
  cause?: unknown;
}

export class PassTransportError extends Error {
  override readonly name = 'PassTransportError';
  readonly kind: PassTransportErrorKind;
  readonly method: string;
  readonly url: string;
  readonly httpStatus: number | undefined;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(kind: PassTransportErrorKind, message: string, details: PassTransportErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.method = details.method;
    this.url = details.url;
    this.httpStatus = details.httpStatus;
    this.issues = details.issues ?? [];
  }
}

export type PassError = PassApiError | PassDcrError | PassTransportError;

export function isPassApiError(error: unknown): error is PassApiError {
  return error instanceof PassApiError;
}

export function isPassDcrError(error: unknown): error is PassDcrError {
  return error instanceof PassDcrError;
}

export function isPassTransportError(error: unknown): error is PassTransportError {
  return error instanceof PassTransportError;
}

export function isPassError(error: unknown): error is PassError {
  return isPassApiError(error) || isPassDcrError(error) || isPassTransportError(error);
}
