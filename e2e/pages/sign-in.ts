import { expect, type Page } from '@playwright/test';
import type { SeedView } from './emulator-control.ts';
import { completeMvpdLogin, PASSWORD } from './mvpd-login.ts';
import type { PhonePage } from './phone-page.ts';
import type { TvPage } from './tv-page.ts';

/** A seeded account (`GET /__emulator/seed` → `accounts`); the password defaults to the seed's. */
export interface SeededAccount {
  mvpd: string;
  username: string;
  password?: string;
}

/** How the sign-in went: through the MVPD's login page, or straight in (e.g. an AuthNAll rule). */
export type SignInPath = 'login' | 'no-login';

function seededMvpd(seed: SeedView, id: string): SeedView['mvpds'][number] {
  const mvpd = seed.mvpds.find((entry) => entry.id === id);
  if (!mvpd) throw new Error(`${id} is not a seeded MVPD (${seed.mvpds.map((m) => m.id).join(', ')})`);
  return mvpd;
}

/**
 * Primary-screen sign-in from the picker (`/providers?change=1`, so a remembered provider does not
 * get in the way): picks the MVPD, signs in on its login page wherever the app shows it (this tab,
 * the app's dialog, a pop-up) — or not at all when Adobe answers `authorize` (an existing profile, or
 * an AuthNAll degradation rule) — and resolves once the header shows the provider. `to`: the app
 * path to come back to (default `/`).
 */
export async function signInPrimary(
  page: Page,
  account: SeededAccount,
  seed: SeedView,
  options: { to?: string } = {},
): Promise<SignInPath> {
  const mvpd = seededMvpd(seed, account.mvpd);
  const credentials = { username: account.username, password: account.password ?? PASSWORD };
  const query = `change=1${options.to ? `&to=${encodeURIComponent(options.to)}` : ''}`;
  await page.goto(`/providers?${query}`);
  const option = page.locator(`[data-testid="provider-option"][data-mvpd="${mvpd.id}"]`);
  const signedIn = page.getByTestId('current-provider').filter({ hasText: mvpd.displayName });
  const loginHeading = page.getByRole('heading', { level: 1, name: mvpd.displayName, exact: true });
  let path: SignInPath = 'no-login';

  if (mvpd.loginDisplay === 'popup') {
    const popup = page.waitForEvent('popup');
    await option.click();
    const window = await popup;
    const heading = window.getByRole('heading', { level: 1, name: mvpd.displayName, exact: true });
    const loginShown = async () => !window.isClosed() && (await heading.isVisible().catch(() => false));
    // The app closes the pop-up itself when no login is needed.
    await expect.poll(async () => (await loginShown()) || (await signedIn.isVisible())).toBe(true);
    if (await loginShown()) {
      path = 'login';
      await window.getByLabel('Username').fill(credentials.username);
      await window.getByLabel('Password').fill(credentials.password);
      await window.getByRole('button', { name: 'Sign in' }).click();
    }
  } else if (mvpd.loginDisplay === 'iframe') {
    await option.click();
    const frame = page.frameLocator('[data-testid="mvpd-login-frame"]');
    const heading = frame.getByRole('heading', { level: 1, name: mvpd.displayName, exact: true });
    await expect(heading.or(signedIn)).toBeVisible();
    if (await heading.isVisible()) {
      path = 'login';
      await frame.getByLabel('Username').fill(credentials.username);
      await frame.getByLabel('Password').fill(credentials.password);
      await frame.getByRole('button', { name: 'Sign in' }).click();
    }
  } else {
    await option.click();
    await expect(loginHeading.or(signedIn)).toBeVisible({ timeout: 15_000 });
    if (await loginHeading.isVisible()) {
      path = 'login';
      await completeMvpdLogin(page, mvpd.displayName, credentials);
    }
  }
  await expect(signedIn).toBeVisible({ timeout: 15_000 });
  return path;
}

/**
 * Second-screen sign-in: the TV asks for a code with the MVPD chosen (`?mvpd=`, polling every 3 s),
 * the phone enters it and signs in at the MVPD, and the TV continues to Browse by itself. Without a
 * login (Adobe answered `authorize` on the TV) the TV goes straight to Browse and the phone is not
 * used. With `chooseOnPhone`, the TV asks without an MVPD and the phone picks it (resume).
 */
export async function signInOnPhone(
  tv: TvPage,
  phone: PhonePage,
  account: SeededAccount,
  seed: SeedView,
  options: { chooseOnPhone?: boolean } = {},
): Promise<SignInPath> {
  const mvpd = seededMvpd(seed, account.mvpd);
  await tv.open(options.chooseOnPhone ? { poll: 3 } : { mvpd: mvpd.id, poll: 3 });
  const catalog = tv.page.getByTestId('catalog');
  await expect(tv.code.or(catalog)).toBeVisible();
  if (await catalog.isVisible()) {
    await expect(tv.currentProvider).toContainText(mvpd.displayName);
    return 'no-login';
  }
  const code = await tv.readCode();
  await phone.open();
  await phone.enterCode(code);
  if (options.chooseOnPhone) await phone.chooseProvider(mvpd.displayName);
  await phone.signInAtMvpd(mvpd.displayName, account.username, account.password ?? PASSWORD);
  const confirm = phone.page.getByRole('button', { name: 'Confirm' });
  await expect(phone.done.or(confirm)).toBeVisible({ timeout: 15_000 });
  if (await confirm.isVisible()) await confirm.click();
  await expect(phone.done).toContainText(mvpd.displayName);
  await expect(tv.currentProvider).toContainText(mvpd.displayName, { timeout: 15_000 });
  await expect(catalog).toBeVisible();
  return 'login';
}
