import { PassError } from './errors.ts';

/**
 * Errors of the legacy clientless REST API v1 (spec clientless-v1.md, "Plain error body"): HTTP
 * status plus `{"status","message"[,"details"]}` (JSON) or `<error>…</error>` (XML). The seeded
 * programmer has not opted in to enhanced v1 error codes (errors.md §3), so the plain shape is the
 * one emitted; `legacyCode` names the matching v1 enhanced code for readers and tests only.
 *
 * `details`: omitted when `undefined`; `null` is rendered as JSON `null` (the authZ-token samples
 * carry `"details":null`) and left out of XML.
 */
export class V1Error extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 410 | 412 | 500,
    message: string,
    readonly details?: string | null,
    readonly legacyCode?: string,
  ) {
    super(message);
  }
}

export function missingParameter(name: string): V1Error {
  return new V1Error(400, `Required '${name}' is not present`, undefined, 'malformed_authz_request');
}

export function invalidParameter(name: string, details?: string): V1Error {
  return new V1Error(400, `Invalid '${name}'`, details, 'malformed_authz_request');
}

export function notFound(details?: string | null): V1Error {
  return new V1Error(404, 'Not Found', details);
}

export const NOT_AUTHENTICATED = 'User not authenticated';
export const AUTHN_EXPIRED = 'Authentication token expired';
export const NOT_AUTHORIZED = 'User not authorized';

/**
 * A v2 domain error raised by shared rules (decisions, TempPass) in the v1 shape: same status, same
 * message. v2-only codes keep their meaning in `legacyCode`.
 */
export function fromPassError(error: PassError): V1Error {
  return fromEnhanced(error);
}

/** An enhanced error (top-level or item-level) in the v1 plain shape. */
export function fromEnhanced(error: {
  status: number;
  code: string;
  message: string;
  details?: string | undefined;
}): V1Error {
  const status = ([400, 401, 403, 404, 405, 410, 412, 500] as const).find((s) => s === error.status) ?? 400;
  return new V1Error(status, error.message, error.details, error.code);
}
