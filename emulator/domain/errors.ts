/**
 * Adobe's enhanced error codes as the emulator emits them (spec: errors.md). Domain code throws a
 * `PassError` with a code; the HTTP layer turns it into the enhanced error object. Messages are our
 * own wording; clients must branch on `code`, never on `message`.
 */
export type ErrorAction =
  'none' | 'configuration' | 'application-registration' | 'authentication' | 'authorization' | 'retry';

interface CodeInfo {
  status: number;
  action: ErrorAction;
  message: string;
}

export const ERROR_CODES = {
  invalid_parameter_service_provider: {
    status: 400,
    action: 'none',
    message: 'The service provider is missing or unknown.',
  },
  invalid_parameter_mvpd: { status: 400, action: 'none', message: 'The MVPD is missing or unknown.' },
  invalid_parameter_code: {
    status: 400,
    action: 'none',
    message: 'The authentication code is missing or malformed.',
  },
  invalid_parameter_resources: {
    status: 400,
    action: 'none',
    message: 'The resources parameter is missing or invalid.',
  },
  invalid_parameter_redirect_url: {
    status: 400,
    action: 'none',
    message: 'The redirect URL is missing or not allowed.',
  },
  invalid_parameter_partner: { status: 400, action: 'none', message: 'The partner is not supported.' },
  invalid_header_device_info: {
    status: 400,
    action: 'none',
    message: 'The X-Device-Info header is invalid.',
  },
  invalid_header_device_identifier: {
    status: 400,
    action: 'none',
    message: 'The AP-Device-Identifier header is missing or invalid.',
  },
  invalid_header_identity_for_temporary_access: {
    status: 400,
    action: 'none',
    message: 'The AP-TempPass-Identity header is missing or invalid.',
  },
  invalid_integration: {
    status: 400,
    action: 'none',
    message: 'There is no active integration between the service provider and the MVPD.',
  },
  invalid_authentication_session: {
    status: 400,
    action: 'none',
    message: 'The authentication session is unknown or has expired.',
  },
  invalid_http_method: {
    status: 405,
    action: 'none',
    message: 'The HTTP method is not allowed for this resource.',
  },
  preauthorization_denied_by_mvpd: {
    status: 403,
    action: 'none',
    message: 'The MVPD denied preauthorization for this resource.',
  },
  authorization_denied_by_mvpd: {
    status: 403,
    action: 'none',
    message: 'The MVPD denied authorization for this resource.',
  },
  authorization_denied_by_parental_controls: {
    status: 403,
    action: 'none',
    message: 'The MVPD denied authorization because of parental controls.',
  },
  authorization_denied_by_degradation_rule: {
    status: 403,
    action: 'none',
    message: 'Authorization was denied by a degradation rule.',
  },
  internal_server_error: { status: 500, action: 'none', message: 'The request could not be completed.' },
  too_many_resources: {
    status: 403,
    action: 'configuration',
    message: 'The request names more resources than allowed in one call.',
  },
  invalid_configuration_temporary_access: {
    status: 500,
    action: 'configuration',
    message: 'The temporary access configuration is invalid.',
  },
  invalid_access_token_service_provider: {
    status: 401,
    action: 'application-registration',
    message: 'The access token is not valid for this service provider.',
  },
  invalid_access_token_client_application: {
    status: 401,
    action: 'application-registration',
    message: 'The access token is missing, expired or invalid.',
  },
  authenticated_profile_missing: {
    status: 403,
    action: 'authentication',
    message: 'No authenticated profile was found for this request.',
  },
  authenticated_profile_expired: {
    status: 403,
    action: 'authentication',
    message: 'The authenticated profile has expired.',
  },
  authenticated_profile_invalidated: {
    status: 403,
    action: 'authentication',
    message: 'The authenticated profile was invalidated.',
  },
  temporary_access_duration_limit_exceeded: {
    status: 403,
    action: 'authentication',
    message: 'The temporary access duration limit has been exceeded.',
  },
  temporary_access_resources_limit_exceeded: {
    status: 403,
    action: 'authentication',
    message: 'The temporary access resources limit has been exceeded.',
  },
  /** Historical code (errors.md §5); used only by the Reset TempPass API for malformed values. */
  bad_request: {
    status: 400,
    action: 'configuration',
    message: 'The request is malformed.',
  },
  network_connection_timeout: {
    status: 403,
    action: 'retry',
    message: 'The connection to a partner timed out.',
  },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const HELP_URL =
  'https://experienceleague.adobe.com/docs/pass/authentication/auth-features/error-reportn/enhanced-error-codes.html';

/** The enhanced error object (spec errors.md §1). */
export interface EnhancedError {
  status: number;
  code: string;
  message: string;
  details?: string;
  helpUrl: string;
  trace: string;
  action: ErrorAction;
}

export class PassError extends Error {
  readonly status: number;
  readonly action: ErrorAction;

  constructor(
    readonly code: ErrorCode,
    readonly details?: string,
    overrides: { status?: number; message?: string } = {},
  ) {
    const info: CodeInfo = ERROR_CODES[code];
    super(overrides.message ?? info.message);
    this.status = overrides.status ?? info.status;
    this.action = info.action;
  }

  toEnhanced(trace: string): EnhancedError {
    return enhancedError(this.code, trace, this.details, { status: this.status, message: this.message });
  }
}

export function enhancedError(
  code: ErrorCode,
  trace: string,
  details?: string,
  overrides: { status?: number; message?: string } = {},
): EnhancedError {
  const info: CodeInfo = ERROR_CODES[code];
  return {
    status: overrides.status ?? info.status,
    code,
    message: overrides.message ?? info.message,
    ...(details !== undefined ? { details } : {}),
    helpUrl: HELP_URL,
    trace,
    action: info.action,
  };
}

/** OAuth-style errors of the DCR endpoints (spec dcr.md): HTTP 400 `{"error": code}`. */
export type DcrErrorCode =
  | 'invalid_request'
  | 'invalid_redirect_uri'
  | 'invalid_software_statement'
  | 'unapproved_software_statement'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

export class DcrError extends Error {
  constructor(readonly error: DcrErrorCode) {
    super(error);
  }
}
