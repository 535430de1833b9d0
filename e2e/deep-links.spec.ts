import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { ScenarioPanel } from './pages/scenario-panel.ts';

function notice(page: Page) {
  return page.getByTestId('deep-link-notice');
}

test('a link with provider, title and scenario reproduces the demo on a signed-out device', async ({
  page,
  emulator,
}) => {
  const app = new AppPage(page);
  await page.goto('/?provider=AcmeCable&title=harbor-morning-brief&scenario=deny');

  // Applied once, then the app goes to the title, which asks a signed-out viewer to sign in first;
  // the link's provider is the one offered.
  await expect(page).toHaveURL(/\/providers\?to=%2Fwatch%2Fharbor-morning-brief$/);
  await expect(notice(page).getByTestId('deep-link-applied')).toHaveText(
    ['Deny “The Morning Brief” on this device', 'Acme Cable preselected', 'Opening “The Morning Brief”'].join(
      '',
    ),
  );
  await expect(notice(page).getByTestId('deep-link-ignored')).toHaveCount(0);
  await expect(page.getByTestId('remembered-provider')).toContainText('Acme Cable');
  const { deviceId } = await app.storedDeviceState();
  expect(await emulator.scenarios()).toEqual([
    expect.objectContaining({ type: 'deny-resource', resource: 'harbor-morning-brief', deviceId }),
  ]);

  await app.signIn('AcmeCable', 'premium', '');
  await expect(page).toHaveURL(/\/watch\/harbor-morning-brief$/);
  await expect(page.getByTestId('playback-denied')).toBeVisible();
  await expect(page.getByTestId('playback-denied').getByTestId('error-message')).toHaveText(
    'Acme Cable does not allow this title to be watched on this account.',
  );

  // The link's keys are gone from history: going back or reloading applies nothing again.
  await page.goto('/');
  await expect(page.getByTestId('catalog')).toBeVisible();
  await expect(app.tile('harbor-morning-brief')).toHaveAttribute('data-lock-state', 'locked');
  await expect(notice(page)).toHaveCount(0);
  expect(await emulator.scenarios()).toHaveLength(1);
});

test('signed in: provider + degrade:AuthZNone locks every title, and the address bar is cleaned', async ({
  page,
  emulator,
}) => {
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16);

  await page.goto('/?provider=AcmeCable&scenario=degrade:AuthZNone');
  // After the configuration request, which the client paces under Adobe's throttle.
  await expect(notice(page).getByTestId('deep-link-applied')).toContainText(
    'Degrade Acme Cable: AuthZNone on this device',
    { timeout: 15_000 },
  );
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(16, { timeout: 15_000 });
  const { deviceId } = await app.storedDeviceState();
  expect(await emulator.scenarios()).toEqual([
    expect.objectContaining({ type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable', deviceId }),
  ]);
  await notice(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice(page)).toHaveCount(0);
});

test('a link naming a degraded provider (standing AuthNAll) opens the catalog signed in, not the picker', async ({
  page,
}) => {
  // River Valley TV answers every device with a degraded profile that /profiles leaves out.
  await page.goto('/?provider=RiverValley');
  await expect(notice(page).getByTestId('deep-link-applied')).toHaveText('River Valley TV preselected', {
    timeout: 15_000,
  });
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16, { timeout: 15_000 });
  await page.goto('/account');
  await expect(page.getByTestId('profile-card')).toHaveAttribute('data-mvpd', 'RiverValley');
});

test('malformed or unknown parts are left out with a visible notice; the rest applies; nothing crashes', async ({
  page,
  emulator,
}) => {
  await page.goto(
    `/?provider=Nope&title=${encodeURIComponent('../etc')}&scenario=explode,fault:register:drop,degrade:AuthZSome,throttle:off,deny:summit-nowhere`,
  );
  await expect(page.getByTestId('catalog')).toBeVisible();
  const ignored = notice(page).getByTestId('deep-link-ignored').getByRole('listitem');
  await expect(ignored).toHaveText([
    'title “../etc” is not a title id.',
    'Scenario “explode” is not a known scenario preset.',
    'Scenario “fault:register:drop”: register requests name no device, so a link cannot apply it.',
    'Scenario “degrade:AuthZSome” is not degrade:AuthNAll|AuthZAll|AuthZNone.',
    'provider “Nope” is not one of this app’s TV providers.',
    'Scenario “deny:summit-nowhere”: Unknown resource "summit-nowhere": use a catalog title id (GET /__emulator/seed).',
  ]);
  await expect(notice(page).getByTestId('deep-link-applied')).toHaveText(
    'Never throttle the device on this device',
  );
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  expect((await emulator.scenarios()).map((s) => s.type)).toEqual(['throttle']);
});

test('the drawer’s share link reproduces the page and this device’s scenarios on another device', async ({
  page,
  browser,
  emulator,
}) => {
  // Device A: signed in, on a title, denies it from the drawer (the page's title is preselected).
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await page.goto('/watch/summit-derby-day');
  await app.expectPlaying(0.1);
  const scenarios = new ScenarioPanel(page);
  await scenarios.open();
  await expect(scenarios.field('Title')).toHaveValue('summit-derby-day');
  await scenarios.add('Deny a title');
  await expect(scenarios.status).toHaveText('Added s1: Deny “Derby Day Live” (this device).');
  const link = await scenarios.shareLink();
  expect(link).toBe(
    `${emulator.url}/?provider=AcmeCable&title=summit-derby-day&scenario=deny:summit-derby-day`,
  );

  // Device B: another browser, nothing stored.
  const other = await browser.newContext({ baseURL: emulator.url });
  try {
    const phone = await other.newPage();
    const appB = new AppPage(phone);
    await phone.goto(link);
    await expect(phone).toHaveURL(/\/providers\?to=%2Fwatch%2Fsummit-derby-day$/);
    await appB.signIn('AcmeCable', 'premium', '');
    await expect(phone.getByTestId('playback-denied')).toBeVisible();
    const deviceB = (await appB.storedDeviceState()).deviceId;
    const deviceA = (await app.storedDeviceState()).deviceId;
    expect(deviceB).not.toBe(deviceA);
    expect((await emulator.scenarios()).map((s) => [s.type, s.deviceId])).toEqual([
      ['deny-resource', deviceA],
      ['deny-resource', deviceB],
    ]);
  } finally {
    await other.close();
  }
});
