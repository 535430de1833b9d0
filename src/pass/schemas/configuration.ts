import { z } from './zod';

/** One registered domain of the service provider. */
export const domainSchema = z.object({ name: z.string(), mvpdInitiated: z.boolean() }).loose();
export type Domain = z.infer<typeof domainSchema>;

/**
 * One MVPD of the picker. Adobe omits the boolean flags when they do not apply (rather than sending
 * `false`), hence all optional.
 */
export const mvpdSchema = z
  .object({
    id: z.string().min(1),
    displayName: z.string(),
    logoUrl: z.string(),
    isTempPass: z.boolean().optional(),
    isProxy: z.boolean().optional(),
    authPerAggregator: z.boolean().optional(),
    authPerBrowserSession: z.boolean().optional(),
    passiveAuthnEnabled: z.boolean().optional(),
    /** `PICKER` or `SUPPORTED` today; kept as a plain string because Adobe documents no closed list. */
    boardingStatus: z.string().optional(),
    platformMappingId: z.string().optional(),
    enablePlatformServices: z.boolean().optional(),
    displayInPlatformPicker: z.boolean().optional(),
    enforcePlatformPermissions: z.boolean().optional(),
  })
  .loose();
export type Mvpd = z.infer<typeof mvpdSchema>;

/** The service provider ("requestor") with its domains and the MVPDs it is integrated with. */
export const requestorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(domainSchema),
    mvpds: z.array(mvpdSchema),
  })
  .loose();
export type Requestor = z.infer<typeof requestorSchema>;

/** 200 answer of `GET /api/v2/{serviceProvider}/configuration`. */
export const configurationResponseSchema = z
  .object({
    device: z.string(),
    clientType: z.string(),
    os: z.string(),
    requestor: requestorSchema,
  })
  .loose();
export type ConfigurationResponse = z.infer<typeof configurationResponseSchema>;
