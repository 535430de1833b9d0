import { PassDcrError } from './errors';
import {
  dcrErrorSchema,
  dcrRegisterResponseSchema,
  dcrTokenResponseSchema,
  type DcrTokenResponse,
} from './schemas/dcr';
import {
  joinUrl,
  parseJsonBody,
  toSearchParams,
  validateBody,
  type RawResponse,
  type RawSender,
} from './transport';

/** Client credentials from `POST /o/client/register`; Adobe wants them kept for the app's lifetime. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Where client credentials persist (e.g. localStorage in the app). Losing them loses every profile,
 * so implementations should be durable. Sync or async.
 */
export interface CredentialStore {
  get(): MaybePromise<ClientCredentials | null>;
  set(credentials: ClientCredentials): MaybePromise<void>;
  clear(): MaybePromise<void>;
}

/** Non-persistent store: fine for tests and throw-away sessions. */
export function createMemoryCredentialStore(initial: ClientCredentials | null = null): CredentialStore {
  let current = initial;
  return {
    get: () => current,
    set: (credentials) => {
      current = { ...credentials };
    },
    clear: () => {
      current = null;
    },
  };
}

export interface DcrClientDeps {
  send: RawSender;
  /** Origin serving `/o/client/*` (`''` = same origin). */
  baseUrl: string;
  softwareStatement: string;
  redirectUri: string;
  /** Headers sent on every call (`Accept`, device headers). */
  baseHeaders: Readonly<Record<string, string>>;
  now: () => number;
  store: CredentialStore;
}

export interface DcrClient {
  /**
   * A valid access token: cached in memory, fetched when missing or close to expiry. Pass the token a
   * server just rejected (HTTP 401) as `rejected` to force a refresh; if another caller already
   * replaced it, the newer token is returned without a new request.
   */
  getAccessToken(rejected?: string): Promise<string>;
  /** Stored credentials, registering first if there are none. */
  ensureRegistered(): Promise<ClientCredentials>;
}

/** Refresh this long before expiry (capped at a tenth of the token lifetime). */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** If `created_at` and the local clock disagree by more than this, trust the local clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

interface CachedToken {
  token: string;
  refreshAt: number;
}

/** DCR error bodies are `{error}`; anything else is a transport-level surprise. */
function toDcrError(endpoint: 'register' | 'token', response: RawResponse): PassDcrError {
  const body = validateBody(dcrErrorSchema, parseJsonBody(response), response);
  return new PassDcrError(endpoint, response.status, body.error);
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Dynamic Client Registration: registers once (`POST /o/client/register`), then obtains and caches
 * access tokens (`POST /o/client/token`). Concurrent callers share one in-flight registration and one
 * in-flight token request. `invalid_client` on the token endpoint clears the stored credentials and
 * re-registers once (which, per Adobe, orphans every existing profile).
 */
export function createDcrClient(deps: DcrClientDeps): DcrClient {
  let cached: CachedToken | null = null;
  let tokenInFlight: Promise<string> | null = null;
  let registerInFlight: Promise<ClientCredentials> | null = null;

  const postHeaders = (contentType: string): Record<string, string> => ({
    ...deps.baseHeaders,
    'Content-Type': contentType,
  });

  /** `POST {base}/o/client/register` — software statement → client credentials (HTTP 201). */
  async function register(): Promise<ClientCredentials> {
    const response = await deps.send({
      method: 'POST',
      url: joinUrl(deps.baseUrl, '/o/client/register'),
      headers: postHeaders('application/json'),
      body: JSON.stringify({ software_statement: deps.softwareStatement, redirect_uri: deps.redirectUri }),
    });
    if (!isSuccess(response.status)) throw toDcrError('register', response);
    const body = validateBody(dcrRegisterResponseSchema, parseJsonBody(response), response);
    const credentials = { clientId: body.client_id, clientSecret: body.client_secret };
    await deps.store.set(credentials);
    return credentials;
  }

  async function ensureRegistered(): Promise<ClientCredentials> {
    const stored = await deps.store.get();
    if (stored) return stored;
    registerInFlight ??= register().finally(() => {
      registerInFlight = null;
    });
    return registerInFlight;
  }

  /** `POST {base}/o/client/token` — client credentials → access token (HTTP 201). */
  async function requestToken(credentials: ClientCredentials): Promise<DcrTokenResponse> {
    const response = await deps.send({
      method: 'POST',
      url: joinUrl(deps.baseUrl, '/o/client/token'),
      headers: postHeaders('application/x-www-form-urlencoded'),
      body: toSearchParams({
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        grant_type: 'client_credentials',
      }).toString(),
    });
    if (!isSuccess(response.status)) throw toDcrError('token', response);
    return validateBody(dcrTokenResponseSchema, parseJsonBody(response), response);
  }

  function cache(token: DcrTokenResponse): string {
    const now = deps.now();
    const lifetimeMs = token.expires_in * 1000;
    // created_at is the server's clock; fall back to ours when they clearly disagree.
    const issuedAt = Math.abs(token.created_at - now) > MAX_CLOCK_SKEW_MS ? now : token.created_at;
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 10);
    cached = { token: token.access_token, refreshAt: issuedAt + lifetimeMs - margin };
    return token.access_token;
  }

  async function fetchToken(): Promise<string> {
    const credentials = await ensureRegistered();
    try {
      return cache(await requestToken(credentials));
    } catch (error) {
      if (!(error instanceof PassDcrError) || error.code !== 'invalid_client') throw error;
      await deps.store.clear();
      return cache(await requestToken(await ensureRegistered()));
    }
  }

  return {
    ensureRegistered,
    getAccessToken(rejected?: string): Promise<string> {
      if (rejected !== undefined && cached?.token === rejected) cached = null;
      if (cached && deps.now() < cached.refreshAt) return Promise.resolve(cached.token);
      tokenInFlight ??= fetchToken().finally(() => {
        tokenInFlight = null;
      });
      return tokenInFlight;
    },
  };
}
