import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';

test('logout clears every trace of the session in the browser', async ({ page, emulator }) => {
  void emulator;
  const app = new AppPage(page);
  await app.signIn('MetroFiber', 'premium');
  const before = await app.storedDeviceState();
  await page.goto('/account');
  await expect(page.getByTestId('profile-card')).toContainText('Metro Fiber');
  await page.getByRole('button', { name: 'Sign out of Metro Fiber' }).click();
  // Metro Fiber has no MVPD logout page: straight to the app's signed-out page.
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await expect(page.getByTestId('header-sign-in')).toBeVisible();

  const after = await app.storedDeviceState();
  expect(after.chosenMvpd).toBeNull();
  expect(after.pendingCode).toBeNull();
  expect(after.deviceId).toBe(before.deviceId);
  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  // Only the device id survives sign-out (and the tab's request-pacing bucket, which is not personal).
  expect(storage).toEqual({ local: ['passref.device'], session: ['passref.pace'], cookies: '' });

  await page.goto('/account');
  await expect(page.getByTestId('account-signed-out')).toBeVisible();
  await page.goto('/');
  await expect(page.locator('[data-lock-state="signed-out"]').first()).toBeVisible();
});

test('a signed-out deep link to a title goes through sign-in and comes back to it', async ({
  page,
  emulator,
}) => {
  void emulator;
  const app = new AppPage(page);
  await page.goto('/watch/lantern-glass-city');
  await expect(page).toHaveURL(/\/providers\?to=%2Fwatch%2Flantern-glass-city$/);
  await app.signIn('AcmeCable', 'premium', '');
  await expect(page).toHaveURL(/\/watch\/lantern-glass-city$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glass City');
  await app.expectPlaying();
});

test('the return path is allowlisted: a foreign URL in ?to= lands on the catalog', async ({
  page,
  emulator,
}) => {
  void emulator;
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium', '/providers?to=https%3A%2F%2Fevil.example%2F');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});
