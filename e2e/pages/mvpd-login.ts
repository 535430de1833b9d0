import { expect, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';

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

/** Display names of the seeded MVPDs (`GET /__emulator/seed` has them all), by id. */
export const MVPD_NAMES = {
  AcmeCable: 'Acme Cable',
  MetroFiber: 'Metro Fiber',
  PixelBox: 'PixelBox TV',
  BeaconTV: 'Beacon TV',
  NorthStar: 'North Star Satellite',
  CanyonCable: 'Canyon Cable',
  BluebirdFiber: 'Bluebird Fiber',
  RiverValley: 'River Valley TV',
} as const;
export type MvpdId = keyof typeof MVPD_NAMES;

/**
 * Fills the credentials form and presses Sign in, without waiting for a navigation: for a login in
 * the app's dialog (`page.frameLocator(…)`), in a pop-up that closes itself, or one that fails.
 */
export async function submitMvpdCredentials(
  where: Page | FrameLocator,
  providerName: string,
  account: Account,
): Promise<void> {
  await expect(where.getByRole('heading', { level: 1 })).toHaveText(providerName);
  await where.getByLabel('Username').fill(account.username);
  await where.getByLabel('Password').fill(account.password);
  await where.getByRole('button', { name: 'Sign in' }).click();
}

/** The iframe of the app's MVPD login dialog (iframe MVPDs such as PixelBox). */
export function loginFrame(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="mvpd-login-frame"]');
}

/** Adds a scenario through the control plane (`POST /__emulator/scenarios`); returns its id. */
export async function addScenario(
  request: APIRequestContext,
  emulatorUrl: string,
  scenario: Record<string, unknown>,
): Promise<string> {
  const response = await request.post(`${emulatorUrl}/__emulator/scenarios`, { data: scenario });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export async function removeScenario(
  request: APIRequestContext,
  emulatorUrl: string,
  id: string,
): Promise<void> {
  expect((await request.delete(`${emulatorUrl}/__emulator/scenarios/${id}`)).ok()).toBe(true);
}
