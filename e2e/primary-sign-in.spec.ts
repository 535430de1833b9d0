import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { completeMvpdLogin } from './pages/mvpd-login.ts';

test.describe('primary-screen sign-in', () => {
  test('picker → MVPD login → back on the catalog, provider remembered', async ({ page, emulator }) => {
    void emulator;
    const app = new AppPage(page);
    await page.goto('/providers');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in with your TV provider');
    await expect(page.getByTestId('provider-option')).toHaveCount(8); // the seeded MVPDs, TempPass hidden
    await app.signIn('MetroFiber', 'premium', '');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('catalog-provider')).toContainText('Metro Fiber');
    const stored = await app.storedDeviceState();
    expect(stored.chosenMvpd).toMatchObject({ id: 'MetroFiber', displayName: 'Metro Fiber' });
    expect(stored.pendingCode).toBeNull();
  });

  test('on return, a remembered provider is offered as "continue with" or "change provider"', async ({
    page,
    emulator,
  }) => {
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'basic');
    // 31 days later the 30-day Acme Cable profile has expired; the app still knows the provider.
    await emulator.advanceClock(31 * 24 * 3_600_000);
    await page.goto('/providers');
    await expect(page.getByTestId('remembered-provider')).toContainText('Acme Cable');
    await page.getByRole('button', { name: 'Change provider' }).click();
    await expect(page.getByTestId('provider-option')).toHaveCount(8); // the seeded MVPDs, TempPass hidden
    await page.goto('/providers');
    await page.getByRole('button', { name: 'Continue with Acme Cable' }).click();
    await completeMvpdLogin(page, 'Acme Cable', { username: 'basic', password: 'password' });
    await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');
  });

  test('a cancelled MVPD login says so and offers to try again', async ({ page, emulator }) => {
    void emulator;
    await page.clock.install();
    await page.goto('/providers');
    await page.getByRole('button', { name: 'Acme Cable' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Confirming your sign-in')).toBeVisible();
    await page.clock.runFor(31_000);
    await expect(page.getByTestId('sign-in-incomplete')).toBeVisible();
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.getByRole('button', { name: /Continue with Acme Cable/ }).click();
    await completeMvpdLogin(page, 'Acme Cable', { username: 'premium', password: 'password' });
    await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');
  });
});
