import { z } from './zod';

/** One registered domain of the service provider. */
export const domainSchema = z.looseObject({ name: z.string(), mvpdInitiated: z.boolean() });
export type Domain = z.infer<typeof domainSchema>;

/**
 * One MVPD of the picker. Adobe omits the boolean flags when they do not apply (rather than sending
 * `false`), hence all optional.
 */
export const mvpdSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  displayName: z.string(),
  logoUrl: z.string(),
  isTempPass: z.optional(z.boolean()),
  isProxy: z.optional(z.boolean()),
  authPerAggregator: z.optional(z.boolean()),
  authPerBrowserSession: z.optional(z.boolean()),
  passiveAuthnEnabled: z.optional(z.boolean()),
  /** `PICKER` or `SUPPORTED` today; kept as a plain string because Adobe documents no closed list. */
  boardingStatus: z.optional(z.string()),
  platformMappingId: z.optional(z.string()),
  enablePlatformServices: z.optional(z.boolean()),
  displayInPlatformPicker: z.optional(z.boolean()),
  enforcePlatformPermissions: z.optional(z.boolean()),
});
export type Mvpd = z.infer<typeof mvpdSchema>;

/** The service provider ("requestor") with its domains and the MVPDs it is integrated with. */
export const requestorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  domains: z.array(domainSchema),
  mvpds: z.array(mvpdSchema),
});
export type Requestor = z.infer<typeof requestorSchema>;

/** 200 answer of `GET /api/v2/{serviceProvider}/configuration`. */
export const configurationResponseSchema = z.looseObject({
  device: z.string(),
  clientType: z.string(),
  os: z.string(),
  requestor: requestorSchema,
});
export type ConfigurationResponse = z.infer<typeof configurationResponseSchema>;
