import { expect, type Page } from '@playwright/test';

export interface Account {
  username: string;
  password: string;
}

export const PASSWORD = 'password';

/**
 * Fills the emulated MVPD login wherever the browser landed on it: the credentials page, then
 * (two-hop MVPDs such as MetroFiber) the device confirmation page.
 */
export async function completeMvpdLogin(page: Page, providerName: string, account: Account): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(providerName);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const confirm = page.getByRole('button', { name: 'Confirm' });
  // The two-hop login shows a second page on the MVPD's side; the plain one redirects straight back.
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  if (await confirm.isVisible()) await confirm.click();
}
