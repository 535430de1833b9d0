import { generateKeyPairSync } from 'node:crypto';
import { createEmulatorContext, type EmulatorContext, type EmulatorOptions } from './context.ts';
import type { SigningKeys } from './domain/keys.ts';
import { createSeed } from './domain/seed.ts';
import { createEmulatorApp } from './http/app.ts';

/**
 * Shared helpers for emulator tests: an in-memory emulator, DCR in one call, device headers, and a
 * full browser sign-in (session → authenticate → MVPD form(s) with CSRF → profile). Helpers throw
 * plain Errors (no test-framework import) so any test runner can use them.
 */
export interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}
/** The in-process Hono app, or `httpRequester(url)` for a running emulator process. */
export type EmulatorApp = Requester;
export const SP = 'REF30';
export const ORIGIN = 'http://localhost';

/** Talks to a running emulator over HTTP, not following redirects (like `app.request`). */
export function httpRequester(baseUrl: string): Requester {
  return { request: (input, init) => fetch(new URL(input, baseUrl), { ...init, redirect: 'manual' }) };
}

let sharedKeys: SigningKeys | undefined;

/** One RSA key for every in-memory emulator of a test process (generating one costs ~100–300 ms). */
export function testSigningKeys(): SigningKeys {
  if (!sharedKeys) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sharedKeys = {
      privateKey,
      publicKey,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return sharedKeys;
}

export function makeEmulator(options: Partial<EmulatorOptions> = {}): {
  context: EmulatorContext;
  app: ReturnType<typeof createEmulatorApp>;
} {
  const context = createEmulatorContext({
    database: ':memory:',
    throttleMode: 'off',
    keys: testSigningKeys(),
    ...options,
  });
  return { context, app: createEmulatorApp(context) };
}

/** `AP-Device-Identifier: fingerprint <base64(id)>`. */
export function deviceHeader(id: string): string {
  return `fingerprint ${Buffer.from(id, 'utf8').toString('base64')}`;
}

export function formBody(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

/** Authorization (+ device when given) headers for the REST v2 API. */
export function apiHeaders(
  token: string,
  deviceId?: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    ...(deviceId !== undefined ? { 'AP-Device-Identifier': deviceHeader(deviceId) } : {}),
    ...extra,
  };
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) {
    throw new Error(
      `${what}: expected HTTP ${status}, got ${response.status}: ${(await response.text()).slice(0, 500)}`,
    );
  }
}

export async function registerClient(
  app: EmulatorApp,
  softwareStatement?: string,
): Promise<{ client_id: string; client_secret: string }> {
  const statement = softwareStatement ?? createSeed().softwareStatement;
  const response = await app.request('/o/client/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ software_statement: statement }),
  });
  await expectStatus(response, 201, 'register');
  return (await response.json()) as { client_id: string; client_secret: string };
}

/** Registers a client with the seed's software statement (or the one given) and returns an access token. */
export async function registerAndToken(app: EmulatorApp, softwareStatement?: string): Promise<string> {
  const client = await registerClient(app, softwareStatement);
  const response = await app.request('/o/client/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody({ ...client, grant_type: 'client_credentials' }),
  });
  await expectStatus(response, 201, 'token');
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Hidden inputs (flow, csrf) of an emulated MVPD page plus the CSRF cookie it set. */
export interface MvpdForm {
  action: string;
  flow: string;
  csrf: string;
  cookie: string;
  html: string;
}

export async function readMvpdForm(response: Response): Promise<MvpdForm> {
  const html = await response.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const flow = field('flow');
  const csrf = field('csrf');
  if (!action || !flow || !csrf || !cookie) throw new Error(`not an MVPD form page: ${html.slice(0, 300)}`);
  return { action, flow, csrf, cookie, html };
}

export async function postMvpdForm(
  app: EmulatorApp,
  form: MvpdForm,
  fields: Record<string, string>,
  cookie = form.cookie,
): Promise<Response> {
  return await app.request(form.action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: formBody({ flow: form.flow, csrf: form.csrf, ...fields }),
  });
}

function location(response: Response): string {
  const value = response.headers.get('location');
  if (!value) throw new Error(`expected a redirect, got ${response.status}`);
  return value;
}

/** Opens `/api/v2/authenticate/{sp}/{code}` like a browser and follows the redirects to the MVPD form. */
export async function openLoginForm(app: EmulatorApp, authenticateUrl: string): Promise<MvpdForm> {
  const first = await app.request(authenticateUrl);
  await expectStatus(first, 302, 'authenticate');
  const saml = await app.request(location(first));
  await expectStatus(saml, 302, 'saml hop');
  const page = await app.request(location(saml));
  await expectStatus(page, 200, 'MVPD login page');
  return readMvpdForm(page);
}

/**
 * Fills the MVPD form(s) from an authenticate URL: credentials, then (two-hop) the device
 * confirmation. Returns the final response (302 to the redirectUrl on success).
 */
export async function completeBrowserLogin(
  app: EmulatorApp,
  authenticateUrl: string,
  credentials: { username: string; password: string },
): Promise<Response> {
  const form = await openLoginForm(app, authenticateUrl);
  const posted = await postMvpdForm(app, form, { ...credentials, action: 'sign-in' });
  if (posted.status !== 303) return posted;
  const confirmPage = await app.request(location(posted));
  await expectStatus(confirmPage, 200, 'confirm page');
  return await postMvpdForm(app, await readMvpdForm(confirmPage), { action: 'confirm' });
}

export interface SignInOptions {
  token: string;
  deviceId: string;
  mvpd: string;
  username: string;
  password: string;
  redirectUrl?: string;
  domainName?: string;
}

/** Session → authenticate → MVPD form(s) → profile. Throws unless a profile exists for the code. */
export async function signIn(
  app: EmulatorApp,
  options: SignInOptions,
): Promise<{ code: string; profile: Record<string, unknown> }> {
  const redirectUrl = options.redirectUrl ?? `${ORIGIN}/auth/done`;
  const created = await app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(options.token, options.deviceId, {
      'Content-Type': 'application/x-www-form-urlencoded',
    }),
    body: formBody({ mvpd: options.mvpd, domainName: options.domainName ?? 'localhost', redirectUrl }),
  });
  await expectStatus(created, 200, 'create session');
  const session = (await created.json()) as { actionName: string; url: string; code?: string };
  if (session.actionName !== 'authenticate' || !session.code) {
    throw new Error(`expected actionName authenticate, got ${JSON.stringify(session)}`);
  }
  const done = await completeBrowserLogin(app, session.url, options);
  await expectStatus(done, 302, 'MVPD login');
  if (done.headers.get('location') !== new URL(redirectUrl).href) {
    throw new Error(`login ended at ${done.headers.get('location')}, not ${redirectUrl}`);
  }
  const polled = await app.request(`/api/v2/${SP}/profiles/code/${session.code}`, {
    headers: apiHeaders(options.token),
  });
  await expectStatus(polled, 200, 'profiles by code');
  const profile = ((await polled.json()) as { profiles: Record<string, Record<string, unknown>> }).profiles[
    options.mvpd
  ];
  if (!profile) throw new Error(`no profile for ${options.mvpd} after sign-in`);
  return { code: session.code, profile };
}
