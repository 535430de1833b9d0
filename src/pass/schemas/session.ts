import { z } from './zod';
import { epochMsStringSchema, openEnum } from './open-enum';

/** `actionName` values of session responses (create/resume/retrieve, partner SSO). Open: Adobe may add. */
export const SESSION_ACTION_NAMES = [
  'authenticate',
  'resume',
  'retry',
  'authorize',
  'partner_profile',
] as const;
export type SessionActionName = (typeof SESSION_ACTION_NAMES)[number];

/** `actionType`: `interactive` = open `url` in a user agent, `direct` = call `url` with an HTTP client. */
export const SESSION_ACTION_TYPES = ['interactive', 'direct'] as const;
export type SessionActionType = (typeof SESSION_ACTION_TYPES)[number];

/** `reasonType` values; the partner SSO fallbacks are included. Open: Adobe may add. */
export const SESSION_REASON_TYPES = [
  'none',
  'authenticated',
  'temporary',
  'degraded',
  'authenticatedSSO',
  'pfs_fallback',
  'configuration_fallback',
  'missing_parameters_fallback',
] as const;
export type SessionReasonType = (typeof SESSION_REASON_TYPES)[number];

/**
 * `SessionResponse`: 200 answer of create (`POST …/sessions`) and resume (`POST …/sessions/{code}`).
 * `url` is usually a path relative to the API host. `notBefore`/`notAfter` are epoch-ms **strings**.
 */
export const sessionResponseSchema = z.looseObject({
  actionName: openEnum(SESSION_ACTION_NAMES),
  actionType: openEnum(SESSION_ACTION_TYPES),
  reasonType: openEnum(SESSION_REASON_TYPES),
  missingParameters: z.optional(z.array(z.string())),
  url: z.optional(z.string()),
  code: z.optional(z.string()),
  sessionId: z.string(),
  mvpd: z.optional(z.string()),
  serviceProvider: z.string(),
  notBefore: z.optional(epochMsStringSchema),
  notAfter: z.optional(epochMsStringSchema),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * Server-normalised description of the device that created the session. Adobe's nested shape is large
 * and uses `null` for unknown values, so only its outline is checked.
 */
export const sessionDeviceSchema = z.looseObject({});
export type SessionDevice = z.infer<typeof sessionDeviceSchema>;

/** `SessionStatusResponse`: 200 answer of `GET /api/v2/{serviceProvider}/sessions/{code}`. */
export const sessionStatusResponseSchema = z.looseObject({
  existingParameters: z.record(z.string(), z.string()),
  missingParameters: z.optional(z.array(z.string())),
  device: sessionDeviceSchema,
  notBefore: epochMsStringSchema,
  notAfter: epochMsStringSchema,
});
export type SessionStatusResponse = z.infer<typeof sessionStatusResponseSchema>;
