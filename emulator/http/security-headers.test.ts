// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appConfigFromEnv } from '../app-config.ts';
import { createSeed } from '../domain/seed.ts';
import { createServerApp } from '../server.ts';
import { formBody, registerAndToken, testSigningKeys } from '../test-support.ts';
import { startSession } from './mvpd-test-helpers.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const dist = mkdtempSync(join(tmpdir(), 'passref-dist-'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title><div id="root"></div>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function makeServer(env: NodeJS.ProcessEnv = {}) {
  return createServerApp({
    database: ':memory:',
    throttleMode: 'off',
    keys: testSigningKeys(),
    staticDir: dist,
    appConfig: (context) => appConfigFromEnv(env, context.seed),
  }).app;
}

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('security headers', () => {
  it.each([
    ['the SPA', '/', 'SAMEORIGIN'],
    ['a deep link', '/watch/harbor-morning-brief', 'SAMEORIGIN'],
    ['the API', '/api/v2/REF30/configuration', 'SAMEORIGIN'],
    ['an emulated MVPD error page', '/api/v2/authenticate/REF30/NOPE123', 'DENY'],
    [
      'the MVPD logout page',
      '/adobe-services/logout?mso_id=AcmeCable&requestor_id=REF30&redirect_url=http%3A%2F%2Flocalhost%2F',
      'DENY',
    ],
    ['the control plane', '/__emulator/seed', 'SAMEORIGIN'],
  ])('are on %s', async (_label, path, frameOptions) => {
    const response = await makeServer().request(path);
    const csp = directives(response.headers.get('Content-Security-Policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('default-src')).toBe("'self'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('X-Frame-Options')).toBe(frameOptions);
    expect(csp.get('frame-ancestors')).toBe(frameOptions === 'DENY' ? "'none'" : "'self'");
  });

  it('never allows inline or eval script', () => {
    const csp = contentSecurityPolicy({ config: appConfigFromEnv({}, createSeed()) });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('lets the app reach real Adobe hosts and their logo host when configured, nothing else', async () => {
    const csp = contentSecurityPolicy({
      config: appConfigFromEnv(
        { PASS_API_BASE_URL: 'https://sp.auth.adobe.com', PLAYBACK_BASE_URL: 'https://play.example.com/' },
        createSeed(),
      ),
      imageOrigins: ['https://entitlement.auth.adobe.com/some/path'],
    });
    const parsed = directives(csp);
    expect(parsed.get('connect-src')).toBe("'self' https://sp.auth.adobe.com https://play.example.com");
    expect(parsed.get('img-src')).toBe(
      "'self' data: https://entitlement.auth.adobe.com https://sp.auth.adobe.com https://play.example.com",
    );
    expect(parsed.get('media-src')).toBe("'self' https://sp.auth.adobe.com https://play.example.com");
    // The login dialog frames Adobe's authenticate URL; nothing else may be framed.
    expect(parsed.get('frame-src')).toBe("'self' https://sp.auth.adobe.com");
  });

  it("frames only this origin's pages when the app is on the emulator", () => {
    const parsed = directives(contentSecurityPolicy({ config: appConfigFromEnv({}, createSeed()) }));
    expect(parsed.get('frame-src')).toBe("'self'");
    expect(parsed.get('frame-ancestors')).toBe("'self'");
    expect(
      directives(contentSecurityPolicy({ config: appConfigFromEnv({}, createSeed()) }, 'none')).get(
        'frame-ancestors',
      ),
    ).toBe("'none'");
  });
});

describe('framing of the emulated MVPD pages', () => {
  /** The server app (with the security headers) and a live session for one MVPD. */
  async function loginPage(mvpd: string) {
    const app = makeServer();
    const token = await registerAndToken(app);
    const session = await startSession(app, token, {
      mvpd,
      domainName: 'localhost',
      redirectUrl: 'http://localhost/sign-in/complete',
    });
    const authenticate = await app.request(session.url);
    const saml = await app.request(authenticate.headers.get('location') ?? '');
    const login = await app.request(saml.headers.get('location') ?? '');
    expect(login.status).toBe(200);
    return { app, authenticate, saml, login };
  }

  it('lets the app frame every page of an iframe MVPD (frame-ancestors self, SAMEORIGIN)', async () => {
    const { authenticate, saml, login } = await loginPage('PixelBox');
    for (const response of [authenticate, saml, login]) {
      expect(directives(response.headers.get('Content-Security-Policy')).get('frame-ancestors')).toBe(
        "'self'",
      );
      expect(response.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    }
  });

  it.each(['AcmeCable', 'MetroFiber', 'BeaconTV', 'BluebirdFiber'])(
    'lets nobody frame the pages of %s (frame-ancestors none, DENY)',
    async (mvpd) => {
      const { authenticate, saml, login } = await loginPage(mvpd);
      for (const response of [authenticate, saml, login]) {
        expect(directives(response.headers.get('Content-Security-Policy')).get('frame-ancestors')).toBe(
          "'none'",
        );
        expect(response.headers.get('X-Frame-Options')).toBe('DENY');
      }
    },
  );

  it('keeps the framing of an iframe MVPD on its error pages once the flow is known', async () => {
    const { app, login } = await loginPage('PixelBox');
    const flow = /name="flow" value="([a-f0-9]{32})"/.exec(await login.text())?.[1] ?? '';
    const forged = await app.request('/emulated-mvpd/PixelBox/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: formBody({ flow, csrf: 'x', username: 'premium', password: 'password' }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    const unknown = await app.request('/emulated-mvpd/PixelBox/login?flow=nope');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('X-Frame-Options')).toBe('DENY');
  });
});
