import type { Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';

interface Recorded {
  document: number;
  key: string;
}

const API = /^\/(o\/client|api\/v2|media-token)\//;

/**
 * A full sign-in → catalog → play flow, counted from the requests the page made: no request twice
 * within one page load, and nothing beyond the cookbook's calls. (DCR runs once per page load: the
 * client secret lives in memory only, never in browser storage; the MVPD login is a full-page
 * redirect, so the app registers again when the browser comes back.)
 */
test('sign-in → catalog → play makes no duplicate and no unneeded request', async ({ page, emulator }) => {
  void emulator;
  let document = 0;
  const recorded: Recorded[] = [];
  page.on('request', (request: Request) => {
    // A new document starts with each main-frame navigation request (SPA route changes make none).
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) document += 1;
    const url = new URL(request.url());
    // The app's own calls (fetch); the browser's authenticate navigation is not one of them.
    if (!API.test(url.pathname) || request.resourceType() !== 'fetch') return;
    recorded.push({
      document,
      key: `${request.method()} ${url.pathname}${url.search} ${request.postData() ?? ''}`,
    });
  });

  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16);
  await app.tile('summit-court-side').getByRole('link').click();
  await app.expectPlaying();

  const byDocument = new Map<number, string[]>();
  for (const { document: doc, key } of recorded) byDocument.set(doc, [...(byDocument.get(doc) ?? []), key]);
  for (const [doc, keys] of byDocument) {
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates, `duplicate requests in page load ${doc}`).toEqual([]);
  }

  const paths = recorded.map(({ key }) => key.split(' ').slice(0, 2).join(' ').replace(/\?.*$/, ''));
  const count = (prefix: string) => paths.filter((p) => p.startsWith(prefix)).length;
  expect(paths.filter((p) => p === 'GET /api/v2/REF30/profiles')).toHaveLength(1);
  expect(count('GET /api/v2/REF30/configuration')).toBe(1);
  expect(count('POST /api/v2/REF30/sessions')).toBe(1);
  expect(count('GET /api/v2/REF30/profiles/code/')).toBe(1);
  expect(count('POST /api/v2/REF30/decisions/preauthorize/AcmeCable')).toBe(4);
  expect(count('POST /api/v2/REF30/decisions/authorize/AcmeCable')).toBe(1);
  expect(count('POST /media-token/verify')).toBe(1);
  // Registration and a token once per page load that calls Adobe, and never more.
  const loadsCallingAdobe = [...byDocument.values()].filter((keys) =>
    keys.some((k) => k.includes('/api/v2/')),
  ).length;
  expect(count('POST /o/client/register')).toBe(loadsCallingAdobe);
  expect(count('POST /o/client/token')).toBe(loadsCallingAdobe);
  const known = [
    'POST /o/client/register',
    'POST /o/client/token',
    'GET /api/v2/REF30/profiles',
    'GET /api/v2/REF30/configuration',
    'POST /api/v2/REF30/sessions',
    'POST /api/v2/REF30/decisions/preauthorize/AcmeCable',
    'POST /api/v2/REF30/decisions/authorize/AcmeCable',
    'POST /media-token/verify',
  ];
  expect(paths.filter((p) => !known.some((k) => p.startsWith(k)))).toEqual([]);
});
