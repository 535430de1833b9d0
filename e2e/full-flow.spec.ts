import { expect, test } from './fixtures.ts';

/**
 * The whole REST API v2 path in a real browser against the real emulator process, no mocks:
 * DCR → configuration → session → MVPD login → profile by code → preauthorize → authorize →
 * media token verified → the protected stream plays → logout (with the MVPD logout page).
 */
test('primary-screen flow from registration to logout', async ({ page, emulator }) => {
  void emulator; // reset before the test
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/(o\/client|api\/v2|media-token|stream)\//.test(url.pathname)) {
      apiCalls.push(`${request.method()} ${url.pathname}`);
    }
  });

  await page.goto('/');
  await page.getByRole('button', { name: 'Load TV providers' }).click();
  await page.getByRole('radio', { name: 'Acme Cable' }).check();
  await page.getByRole('button', { name: 'Sign in with Acme Cable' }).click();

  // The emulated MVPD login page.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Acme Cable');
  await page.getByLabel('Username').fill('premium');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on redirectUrl: the profile is found by the session's code.
  await expect(page.getByTestId('profile-status')).toContainText('Signed in with Acme Cable');

  await page.getByRole('button', { name: 'Check which titles you can watch' }).click();
  await expect(page.getByTestId('tile-harbor-morning-brief')).toHaveAttribute('data-lock-state', 'unlocked');
  await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Play The Morning Brief' }).click();
  await expect(page.getByTestId('verifier-status')).toContainText('VALID_TOKEN');
  const player = page.getByTestId('player');
  await expect
    .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(0.5);

  await page.getByRole('button', { name: 'Sign out of your TV provider' }).click();
  await expect(page.getByTestId('logout-result')).toContainText('Signed out (logout)');
  await page.getByRole('link', { name: 'Finish signing out at your TV provider' }).click();
  await expect(page.getByText(/signed out/i).first()).toBeVisible();

  const expected = [
    'POST /o/client/register',
    'POST /o/client/token',
    'GET /api/v2/REF30/configuration',
    'POST /api/v2/REF30/sessions',
    'GET /api/v2/authenticate/REF30/',
    'POST /o/client/register',
    'POST /o/client/token',
    'GET /api/v2/REF30/profiles/code/',
    'POST /api/v2/REF30/decisions/preauthorize/AcmeCable',
    'POST /api/v2/REF30/decisions/authorize/AcmeCable',
    'POST /media-token/verify',
    'GET /stream/harbor-morning-brief',
    'GET /api/v2/REF30/logout/AcmeCable',
  ];
  let cursor = 0;
  for (const call of apiCalls)
    if (cursor < expected.length && call.startsWith(expected[cursor] ?? '')) cursor += 1;
  expect(expected.slice(cursor), `missing in order from ${JSON.stringify(apiCalls)}`).toEqual([]);
});
