import type { AppConfig } from '../src/config/app-config.ts';
import type { Seed } from './domain/seed.ts';

/**
 * The SPA's runtime configuration from the environment. With no PASS_* variables set, the app talks
 * to the embedded emulator on its own origin with the seeded software statement.
 */
export function appConfigFromEnv(env: NodeJS.ProcessEnv, seed: Seed): AppConfig {
  const apiBaseUrl = (env.PASS_API_BASE_URL ?? '').replace(/\/+$/, '');
  return {
    backend: apiBaseUrl === '' ? 'emulator' : 'adobe',
    apiBaseUrl,
    serviceProvider: env.PASS_SERVICE_PROVIDER || seed.serviceProvider,
    softwareStatement: env.PASS_SOFTWARE_STATEMENT || seed.softwareStatement,
    redirectUri: env.PASS_REDIRECT_URI || seed.redirectUris[0] || 'adobepass://com.example.passref',
    domainName: env.PASS_DOMAIN_NAME ?? '',
    playbackBaseUrl: (env.PLAYBACK_BASE_URL ?? '').replace(/\/+$/, ''),
  };
}
