/**
 * Test fixtures for the decision / media-token / playback tests: a fresh in-memory emulator, a
 * registered client with a bearer token, and profiles written straight into the store (no login
 * flow). Test-only code.
 */
import { signAccessToken } from '../domain/access-token.ts';
import type { EnhancedError } from '../domain/errors.ts';
import { findAccount } from '../domain/seed.ts';
import type { EmulatorContext } from '../context.ts';
import { saveProfile } from '../store/profiles.ts';
import { deviceHeader as encodeDeviceHeader, makeEmulator, SP } from '../test-support.ts';
import type { createEmulatorApp } from './app.ts';

export { SP };
export const DEVICE_ID = 'ba23d141-d715-561c-94f4-e9e4c966b1eb';

export function deviceHeader(deviceId = DEVICE_ID): string {
  return encodeDeviceHeader(deviceId);
}

export interface Fixture {
  context: EmulatorContext;
  app: ReturnType<typeof createEmulatorApp>;
  accessToken: string;
  appId: string;
  /** Headers of a well-formed decisions request. */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** Stores a regular profile for a seed account (as a completed MVPD login would). */
  signIn(username: string, mvpd?: string, deviceId?: string): void;
  decide(
    kind: 'preauthorize' | 'authorize',
    mvpd: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export function makeFixture(): Fixture {
  const { context, app } = makeEmulator();
  const statement = context.seed.softwareStatements[0];
  if (!statement) throw new Error('seed has no software statement');
  const clientId = 'test-client-0001';
  const now = context.clock.now();
  context.db
    .prepare(
      `INSERT INTO clients (client_id, client_secret, software_id, redirect_uris, scopes, issued_at, revoked)
       VALUES (?, ?, ?, ?, ?, ?, 0)`,
    )
    .run(clientId, 'secret', statement.softwareId, '[]', JSON.stringify(statement.scopes), now);
  const seconds = Math.floor(now / 1000);
  const accessToken = signAccessToken(context.keys, {
    sub: clientId,
    client_id: clientId,
    iss: 'auth.adobe.com',
    scopes: statement.scopes.join(' '),
    nbf: seconds,
    iat: seconds,
    // Long enough to survive the clock advances the tests make.
    exp: seconds + 365 * 86_400,
  });

  const headers = (extra: Record<string, string> = {}) => ({
    Authorization: `Bearer ${accessToken}`,
    'Content-Type': 'application/json',
    'AP-Device-Identifier': deviceHeader(),
    ...extra,
  });

  return {
    context,
    app,
    accessToken,
    appId: statement.softwareId,
    headers,
    signIn(username, mvpd = 'AcmeCable', deviceId = DEVICE_ID) {
      const account = findAccount(context.seed, mvpd, username);
      const seedMvpd = context.seed.mvpds.find((m) => m.id === mvpd);
      if (!account || !seedMvpd) throw new Error(`no seed account ${mvpd}/${username}`);
      const at = context.clock.now();
      saveProfile(context.db, {
        appId: statement.softwareId,
        deviceId,
        serviceProvider: SP,
        mvpd,
        type: 'regular',
        issuer: mvpd,
        username,
        notBefore: at,
        notAfter: at + seedMvpd.authnTtlMs,
        attributes: { userID: { value: account.userId, state: 'plain' } },
        sessionCode: null,
      });
    },
    async decide(kind, mvpd, body, extra) {
      return app.request(`/api/v2/${SP}/decisions/${kind}/${mvpd}`, {
        method: 'POST',
        headers: headers(extra),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}

export interface DecisionItem {
  resource: string;
  serviceProvider: string;
  mvpd: string;
  source: string;
  authorized: boolean;
  token?: { notBefore: number; notAfter: number; serializedToken: string };
  notBefore?: number;
  notAfter?: number;
  error?: EnhancedError;
}

/** Authorizes one resource for a signed-in premium user and returns its serialized token. */
export async function authorizeToken(
  fixture: Fixture,
  resource: string,
  mvpd = 'AcmeCable',
): Promise<string> {
  const response = await fixture.decide('authorize', mvpd, { resources: [resource] });
  const body = (await response.json()) as { decisions: DecisionItem[] };
  const token = body.decisions[0]?.token?.serializedToken;
  if (!token) throw new Error(`no token for ${resource}: ${JSON.stringify(body)}`);
  return token;
}
