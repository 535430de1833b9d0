// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appConfigFromEnv } from '../app-config.ts';
import { createSeed } from '../domain/seed.ts';
import { createServerApp } from '../server.ts';
import { testSigningKeys } from '../test-support.ts';
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
    ['the SPA', '/'],
    ['a deep link', '/watch/harbor-morning-brief'],
    ['the API', '/api/v2/REF30/configuration'],
    ['an emulated MVPD error page', '/api/v2/authenticate/REF30/NOPE123'],
    [
      'the MVPD logout page',
      '/adobe-services/logout?mso_id=AcmeCable&requestor_id=REF30&redirect_url=http%3A%2F%2Flocalhost%2F',
    ],
    ['the control plane', '/__emulator/seed'],
  ])('are on %s', async (_label, path) => {
    const response = await makeServer().request(path);
    const csp = directives(response.headers.get('Content-Security-Policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('default-src')).toBe("'self'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
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
  });
});
