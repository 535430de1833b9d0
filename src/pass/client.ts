import type { RequestPacer } from './pacer';
import { resolvePassConfig, type PassConfig, type ResolvedPassConfig } from './config';
import { createDcrClient, createMemoryCredentialStore, type CredentialStore } from './dcr';
import {
  buildBrowserDeviceInfo,
  encodeDeviceIdentifier,
  encodeDeviceInfo,
  type DeviceInfo,
  type NavigatorLike,
  type ScreenLike,
} from './device';
import { authenticateUrl, resolveApiUrl } from './endpoints/authenticate-url';
import { authorize } from './endpoints/authorize';
import type { CallOptions, EndpointContext, TempPassCallOptions } from './endpoints/context';
import { createSession, type SessionParameters } from './endpoints/create-session';
import { getConfiguration } from './endpoints/get-configuration';
import { getProfile } from './endpoints/get-profile';
import { getProfileByCode } from './endpoints/get-profile-by-code';
import { getProfiles } from './endpoints/get-profiles';
import { getSession } from './endpoints/get-session';
import { logout, type LogoutOptions } from './endpoints/logout';
import { preauthorize } from './endpoints/preauthorize';
import { resumeSession } from './endpoints/resume-session';
import type { ConfigurationResponse } from './schemas/configuration';
import type { DecisionsResponse } from './schemas/decisions';
import type { LogoutResponse } from './schemas/logout';
import type { ProfilesResponse } from './schemas/profiles';
import type { SessionResponse, SessionStatusResponse } from './schemas/session';
import { createApiTransport, createHttpSender, type ExchangeObserver, type Sleep } from './transport';

export interface PassClientOptions {
  config: PassConfig;
  /** Stable id of this device/browser (persist it); sent as `AP-Device-Identifier`. */
  deviceId: string;
  /** `X-Device-Info` content; derived from `navigator`/`screen` when omitted. */
  deviceInfo?: DeviceInfo;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  /** Where DCR client credentials persist; in memory by default. */
  credentialStore?: CredentialStore;
  /** Sees every HTTP attempt (API-trace view). */
  onExchange?: ExchangeObserver;
  /** Paces requests under Adobe's throttle (see `createRequestPacer`); none by default. */
  pacer?: RequestPacer;
}

/** Typed Adobe Pass REST API v2 client. Each method maps to one Adobe endpoint. */
export interface PassClient {
  readonly config: ResolvedPassConfig;
  /** GET /api/v2/{sp}/configuration */
  getConfiguration(options?: CallOptions): Promise<ConfigurationResponse>;
  /** POST /api/v2/{sp}/sessions */
  createSession(parameters?: SessionParameters, options?: CallOptions): Promise<SessionResponse>;
  /** POST /api/v2/{sp}/sessions/{code} */
  resumeSession(code: string, parameters: SessionParameters, options?: CallOptions): Promise<SessionResponse>;
  /** GET /api/v2/{sp}/sessions/{code} */
  getSession(code: string, options?: CallOptions): Promise<SessionStatusResponse>;
  /** GET /api/v2/{sp}/profiles */
  getProfiles(options?: CallOptions): Promise<ProfilesResponse>;
  /** GET /api/v2/{sp}/profiles/{mvpd} */
  getProfile(mvpd: string, options?: TempPassCallOptions): Promise<ProfilesResponse>;
  /** GET /api/v2/{sp}/profiles/code/{code} */
  getProfileByCode(code: string, options?: TempPassCallOptions): Promise<ProfilesResponse>;
  /** POST /api/v2/{sp}/decisions/preauthorize/{mvpd} */
  preauthorize(
    mvpd: string,
    resources: readonly string[],
    options?: TempPassCallOptions,
  ): Promise<DecisionsResponse>;
  /** POST /api/v2/{sp}/decisions/authorize/{mvpd} */
  authorize(
    mvpd: string,
    resources: readonly string[],
    options?: TempPassCallOptions,
  ): Promise<DecisionsResponse>;
  /** GET /api/v2/{sp}/logout/{mvpd}?redirectUrl= */
  logout(mvpd: string, options?: LogoutOptions): Promise<LogoutResponse>;
  /** Absolute browser URL of GET /api/v2/authenticate/{sp}/{code}. */
  authenticateUrl(code: string): string;
  /** Resolves a (possibly relative) `url` from a session or logout answer against the API host. */
  resolveUrl(url: string): string;
  /**
   * Current DCR access token (registers and fetches as needed). Pass a token a server just rejected
   * (HTTP 401) as `rejected` to get a fresh one (e.g. for the management API).
   */
  getAccessToken(rejected?: string): Promise<string>;
}

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function defaultDeviceInfo(applicationId: string): DeviceInfo {
  const scope = globalThis as { navigator?: NavigatorLike; screen?: ScreenLike; devicePixelRatio?: number };
  return buildBrowserDeviceInfo(scope.navigator ?? {}, scope.screen, {
    applicationId,
    ...(scope.devicePixelRatio === undefined ? {} : { devicePixelRatio: scope.devicePixelRatio }),
  });
}

/** Builds a client bound to one service provider and one device. */
export function createPassClient(options: PassClientOptions): PassClient {
  const config = resolvePassConfig(options.config);
  const now = options.now ?? Date.now;
  // Call through globalThis so browsers do not throw "Illegal invocation" on a detached fetch.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseHeaders: Readonly<Record<string, string>> = {
    Accept: 'application/json',
    'AP-Device-Identifier': encodeDeviceIdentifier(options.deviceId),
    'X-Device-Info': encodeDeviceInfo(options.deviceInfo ?? defaultDeviceInfo(config.serviceProvider)),
  };
  const send = createHttpSender({
    fetch: fetchImpl,
    sleep: options.sleep ?? defaultSleep,
    now,
    onExchange: options.onExchange,
    pacer: options.pacer,
  });
  const dcr = createDcrClient({
    send,
    baseUrl: config.dcrBaseUrl,
    softwareStatement: config.softwareStatement,
    redirectUri: config.redirectUri,
    baseHeaders,
    now,
    store: options.credentialStore ?? createMemoryCredentialStore(),
  });
  const context: EndpointContext = {
    serviceProvider: config.serviceProvider,
    transport: createApiTransport({
      send,
      baseUrl: config.apiBaseUrl,
      baseHeaders,
      getAccessToken: (rejected) => dcr.getAccessToken(rejected),
    }),
  };

  return {
    config,
    getConfiguration: (callOptions) => getConfiguration(context, callOptions),
    createSession: (parameters, callOptions) => createSession(context, parameters, callOptions),
    resumeSession: (code, parameters, callOptions) => resumeSession(context, code, parameters, callOptions),
    getSession: (code, callOptions) => getSession(context, code, callOptions),
    getProfiles: (callOptions) => getProfiles(context, callOptions),
    getProfile: (mvpd, callOptions) => getProfile(context, mvpd, callOptions),
    getProfileByCode: (code, callOptions) => getProfileByCode(context, code, callOptions),
    preauthorize: (mvpd, resources, callOptions) => preauthorize(context, mvpd, resources, callOptions),
    authorize: (mvpd, resources, callOptions) => authorize(context, mvpd, resources, callOptions),
    logout: (mvpd, callOptions) => logout(context, mvpd, callOptions),
    authenticateUrl: (code) => authenticateUrl(config.apiBaseUrl, config.serviceProvider, code),
    resolveUrl: (url) => resolveApiUrl(config.apiBaseUrl, url),
    getAccessToken: (rejected) => dcr.getAccessToken(rejected),
  };
}
