import { z } from './zod';

/** 201 answer of `POST /o/client/register`. */
export const dcrRegisterResponseSchema = z
  .object({
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    /** Seconds since epoch (not milliseconds). */
    client_id_issued_at: z.number().int().nonnegative(),
    redirect_uris: z.array(z.string()),
    grant_types: z.array(z.string()),
    scopes: z.array(z.string()),
  })
  .loose();
export type DcrRegisterResponse = z.infer<typeof dcrRegisterResponseSchema>;

/** 201 answer of `POST /o/client/token`. */
export const dcrTokenResponseSchema = z
  .object({
    id: z.string(),
    access_token: z.string().min(1),
    /** Milliseconds since epoch. */
    created_at: z.number().int().nonnegative(),
    /** Validity in seconds. */
    expires_in: z.number().int().positive(),
    token_type: z.string(),
  })
  .loose();
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
export const dcrErrorSchema = z.object({ error: z.string().min(1) }).loose();
export type DcrErrorBody = z.infer<typeof dcrErrorSchema>;
