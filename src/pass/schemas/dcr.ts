import { z } from './zod';

/** 201 answer of `POST /o/client/register`. */
export const dcrRegisterResponseSchema = z.looseObject({
  client_id: z.string().check(z.minLength(1)),
  client_secret: z.string().check(z.minLength(1)),
  /** Seconds since epoch (not milliseconds). */
  client_id_issued_at: z.number().check(z.int(), z.nonnegative()),
  redirect_uris: z.array(z.string()),
  grant_types: z.array(z.string()),
  scopes: z.array(z.string()),
});
export type DcrRegisterResponse = z.infer<typeof dcrRegisterResponseSchema>;

/** 201 answer of `POST /o/client/token`. */
export const dcrTokenResponseSchema = z.looseObject({
  id: z.string(),
  access_token: z.string().check(z.minLength(1)),
  /** Milliseconds since epoch. */
  created_at: z.number().check(z.int(), z.nonnegative()),
  /** Validity in seconds. */
  expires_in: z.number().check(z.int(), z.positive()),
  token_type: z.string(),
});
export type DcrTokenResponse = z.infer<typeof dcrTokenResponseSchema>;

/** Documented OAuth error codes of the two DCR endpoints. */
export const DCR_ERROR_CODES = [
  'invalid_request',
  'invalid_redirect_uri',
  'invalid_software_statement',
  'unapproved_software_statement',
  'invalid_client',
  'unauthorized_client',
  'unsupported_grant_type',
] as const;
export type DcrErrorCode = (typeof DCR_ERROR_CODES)[number];

/**
 * OAuth-style error body of `/o/client/*` (HTTP 400). `error` stays a plain string: OAuth servers may
 * answer codes outside the documented list.
 */
export const dcrErrorSchema = z.looseObject({ error: z.string().check(z.minLength(1)) });
export type DcrErrorBody = z.infer<typeof dcrErrorSchema>;
