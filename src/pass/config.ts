import { BASE_URL_MESSAGE, isBaseUrl, stripTrailingSlashes } from './config-rules';
import { z } from './schemas/zod';

/** An origin such as `https://sp.auth.adobe.com`, or `''` for "same origin as the page". */
const baseUrlSchema = z.pipe(
  z.string().check(z.trim(), z.refine(isBaseUrl, { message: BASE_URL_MESSAGE })),
  z.transform(stripTrailingSlashes),
);

/**
 * Runtime configuration of the Pass client. Read at start-up (never baked in at build time) so the
 * same bundle can talk to Adobe's hosts or to the local emulator.
 */
export const passConfigSchema = z.object({
  /** Origin serving `/api/v2` (and, unless `dcrBaseUrl` is set, `/o/client`). `''` = same origin. */
  apiBaseUrl: baseUrlSchema,
  /** Origin serving `/o/client/*`; defaults to `apiBaseUrl`. */
  dcrBaseUrl: z.optional(baseUrlSchema),
  /** Adobe "requestor id", e.g. `REF30`. */
  serviceProvider: z.string().check(z.trim(), z.minLength(1)),
  /** Software statement (compact JWS) from the TVE Dashboard. */
  softwareStatement: z.string().check(z.trim(), z.minLength(1)),
  /** `redirect_uri` sent at registration. */
  redirectUri: z.string().check(z.trim(), z.minLength(1)),
});

export type PassConfigInput = z.input<typeof passConfigSchema>;
export type PassConfig = z.output<typeof passConfigSchema>;

/** Config with defaults applied; what the client works with internally. */
export interface ResolvedPassConfig extends PassConfig {
  dcrBaseUrl: string;
}

/** Validates raw config (e.g. from a JSON file or env) and throws one readable error listing every problem. */
export function parsePassConfig(input: unknown): PassConfig {
  const result = passConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid Pass configuration: ${problems}`);
  }
  return result.data;
}

/** Applies defaults and normalisation (trailing slashes) to an already typed config. */
export function resolvePassConfig(config: PassConfig): ResolvedPassConfig {
  const parsed = parsePassConfig(config);
  return { ...parsed, dcrBaseUrl: parsed.dcrBaseUrl ?? parsed.apiBaseUrl };
}
