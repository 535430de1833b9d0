import type { PassClient, PassClientOptions } from './client';
import { normalizePassConfig } from './config-rules';
import { authenticateUrl, resolveApiUrl } from './endpoints/authenticate-url';

/**
 * The browser's `PassClient`, without the client in the page's initial JS: the transport, DCR and the
 * response schemas (zod) load in their own chunk, requested as soon as this is created (so in
 * parallel with the first render) and awaited by the first call. Each method forwards to a client
 * built by `createPassClient` with the same options; `config`, `authenticateUrl` and `resolveUrl`
 * answer synchronously, as before.
 *
 * Config validation (`resolvePassConfig`) runs when the chunk arrives: an invalid config rejects every
 * call with the "Invalid Pass configuration: …" error instead of throwing here.
 */
export function createLazyPassClient(
  options: PassClientOptions,
  load: () => Promise<Pick<typeof import('./client'), 'createPassClient'>> = () => import('./client'),
): PassClient {
  const config = normalizePassConfig(options.config);
  const real = load().then((module) => module.createPassClient(options));
  // Failures surface on the calls that await it, not as an unhandled rejection of the preload.
  real.catch(() => undefined);

  return {
    config,
    getConfiguration: async (callOptions) => (await real).getConfiguration(callOptions),
    createSession: async (parameters, callOptions) => (await real).createSession(parameters, callOptions),
    resumeSession: async (code, parameters, callOptions) =>
      (await real).resumeSession(code, parameters, callOptions),
    getSession: async (code, callOptions) => (await real).getSession(code, callOptions),
    getProfiles: async (callOptions) => (await real).getProfiles(callOptions),
    getProfile: async (mvpd, callOptions) => (await real).getProfile(mvpd, callOptions),
    getProfileByCode: async (code, callOptions) => (await real).getProfileByCode(code, callOptions),
    preauthorize: async (mvpd, resources, callOptions) =>
      (await real).preauthorize(mvpd, resources, callOptions),
    authorize: async (mvpd, resources, callOptions) => (await real).authorize(mvpd, resources, callOptions),
    logout: async (mvpd, callOptions) => (await real).logout(mvpd, callOptions),
    authenticateUrl: (code) => authenticateUrl(config.apiBaseUrl, config.serviceProvider, code),
    resolveUrl: (url) => resolveApiUrl(config.apiBaseUrl, url),
    getAccessToken: async (rejected) => (await real).getAccessToken(rejected),
  };
}
