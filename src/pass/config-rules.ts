import type { PassConfig, ResolvedPassConfig } from './config';

/**
 * The rules of `passConfigSchema` as plain functions (no zod), shared by the schema and by the lazy
 * client, which needs the normalised config synchronously before the validating chunk has loaded.
 */
const BASE_URL = /^https?:\/\/[^/?#]+(\/[^?#]*)?$/;

export const BASE_URL_MESSAGE = 'must be empty (same origin) or an absolute http(s) URL';

/** `''` (same origin as the page) or an absolute http(s) origin, optionally with a path. */
export function isBaseUrl(value: string): boolean {
  return value === '' || BASE_URL.test(value);
}

export function stripTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * What `resolvePassConfig` returns for a valid config (trimmed, trailing slashes removed,
 * `dcrBaseUrl` defaulted), without validating it: the caller validates with the schema.
 */
export function normalizePassConfig(config: PassConfig): ResolvedPassConfig {
  const apiBaseUrl = stripTrailingSlashes(config.apiBaseUrl.trim());
  return {
    apiBaseUrl,
    dcrBaseUrl: config.dcrBaseUrl === undefined ? apiBaseUrl : stripTrailingSlashes(config.dcrBaseUrl.trim()),
    serviceProvider: config.serviceProvider.trim(),
    softwareStatement: config.softwareStatement.trim(),
    redirectUri: config.redirectUri.trim(),
  };
}
