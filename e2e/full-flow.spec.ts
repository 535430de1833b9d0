import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';

/**
 * The whole REST API v2 path in a real browser against the real emulator process, no mocks:
 * DCR → configuration → session → MVPD login → profile by code → preauthorize → authorize →
 * media token verified → the protected stream plays → logout (with the MVPD logout page).
 */
test('primary-screen flow from registration to logout', async ({ page, emulator }) => {
  void emulator;
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/(o\/client|api\/v2|media-token|stream|adobe-services)\//.test(url.pathname)) {
      apiCalls.push(`${request.method()} ${url.pathname}`);
    }
  });
  const app = new AppPage(page);

  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with your TV provider' }).click();
  await app.signIn('AcmeCable', 'premium', '');
  await app.expectLockState('harbor-morning-brief', 'unlocked');
  await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(0);

  await app.tile('harbor-morning-brief').getByRole('link').click();
  await app.expectPlaying();

  await page.getByRole('link', { name: /Signed in with Acme Cable/ }).click();
  await page.getByRole('button', { name: 'Sign out of Acme Cable' }).click();
  // Acme Cable has an MVPD logout page; it ends on the app's signed-out page.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed out of Acme Cable');
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await expect(page.getByTestId('header-sign-in')).toBeVisible();

  const expected = [
    'POST /o/client/register',
    'POST /o/client/token',
    'GET /api/v2/REF30/profiles',
    'GET /api/v2/REF30/configuration',
    'POST /api/v2/REF30/sessions',
    'GET /api/v2/authenticate/REF30/',
    'GET /api/v2/REF30/profiles/code/',
    'POST /api/v2/REF30/decisions/preauthorize/AcmeCable',
    'POST /api/v2/REF30/decisions/authorize/AcmeCable',
    'POST /media-token/verify',
    'GET /stream/harbor-morning-brief',
    'GET /api/v2/REF30/logout/AcmeCable',
    'GET /adobe-services/logout',
  ];
  let cursor = 0;
  for (const call of apiCalls)
    if (cursor < expected.length && call.startsWith(expected[cursor] ?? '')) cursor += 1;
  expect(expected.slice(cursor), `missing, in this order, from ${JSON.stringify(apiCalls)}`).toEqual([]);
});
