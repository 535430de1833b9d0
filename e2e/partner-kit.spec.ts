import type { Page } from '@playwright/test';
import { expect, test, type EmulatorEvent } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { deviceIdOf, openDevice } from './pages/device.ts';

/**
 * The partner test kit itself (fixtures.ts, e2e/README.md "Fixtures"): device ids of each test's
 * own, device resets that leave everyone else alone, the state round trip, the event log, and time
 * moving for the emulator and the page together. Runs as well on one emulator shared by every
 * worker: `EMULATOR_URL=http://127.0.0.1:8080 npx playwright test e2e/partner-kit.spec.ts`.
 */
const TITLE = 'summit-court-side';
const ALL_TITLES = 16;
const PACED = { timeout: 20_000 };

async function play(page: Page, resource: string): Promise<void> {
  const app = new AppPage(page);
  await app.watch(resource);
  await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
  await app.expectPlaying();
}

test('the app runs with the device id the kit gave it, before its first page load', async ({
  page,
  app,
  tv,
  phone,
  deviceIds,
}) => {
  await page.goto('/');
  await tv.page.goto('/');
  await phone.page.goto('/');
  expect(await deviceIdOf(page)).toBe(deviceIds.primary);
  expect(await deviceIdOf(tv.page)).toBe(deviceIds.tv);
  expect(await deviceIdOf(phone.page)).toBe(deviceIds.phone);
  expect([app.deviceId, tv.deviceId, phone.deviceId]).toEqual([
    deviceIds.primary,
    deviceIds.tv,
    deviceIds.phone,
  ]);
  expect(new Set(deviceIds.all).size).toBe(3);
  // The app keeps what it stores next to the id: a reload keeps the same device.
  await page.reload();
  expect(await deviceIdOf(page)).toBe(deviceIds.primary);
});

test('the README example: a blacked-out title on a TV signed in from a phone', async ({
  tv,
  phone,
  emulator,
  signIn,
}) => {
  expect(await signIn.onPhone(tv, phone, { mvpd: 'AcmeCable', username: 'premium' })).toBe('login');
  await emulator.addScenario({ type: 'deny-resource', resource: 'summit-derby-day', deviceId: tv.deviceId });
  await tv.page.goto('/watch/summit-derby-day');
  await expect(tv.page.getByTestId('playback-denied')).toHaveAttribute(
    'data-error-code',
    'authorization_denied_by_mvpd',
    PACED,
  );
  const [decision] = await emulator.events({ deviceId: tv.deviceId, type: 'decision', limit: 1 });
  expect(decision).toMatchObject({ resource: 'summit-derby-day', authorized: false });
  // The phone signed in for the TV: its own device holds nothing.
  expect(await emulator.events({ deviceId: phone.deviceId, type: ['profile', 'decision'] })).toEqual([]);
});

test('two partner tests at once on one emulator: each resets its own device, the other is untouched', async ({
  browser,
  baseURL,
  emulator,
  deviceIds,
  signIn,
}) => {
  const first = await openDevice(browser, deviceIds.make('partner-a'), { baseURL });
  const second = await openDevice(browser, deviceIds.make('partner-b'), { baseURL });
  try {
    // Both sign in at the same time, each with a scenario of its own.
    await Promise.all([
      signIn.primary(first.page, { mvpd: 'AcmeCable', username: 'premium' }),
      signIn.primary(second.page, { mvpd: 'MetroFiber', username: 'premium' }),
    ]);
    const firstScenario = await emulator.addScenario({
      type: 'deny-channel',
      channel: 'harbor-news',
      deviceId: first.deviceId,
    });
    const secondScenario = await emulator.addScenario({
      type: 'deny-resource',
      resource: 'lantern-glass-city',
      deviceId: second.deviceId,
    });

    // The first partner's test is done with its page: its catalog has every decision it asked for and
    // the page is left, so no request of its own can reach the emulator after its reset.
    await expect(first.page.locator('[data-lock-state="unlocked"], [data-lock-state="locked"]')).toHaveCount(
      ALL_TITLES,
      PACED,
    );
    await first.page.goto('about:blank');

    // The first resets its device while the second is in the middle of playing a title.
    const [reset] = await Promise.all([emulator.resetDevice(first.deviceId), play(second.page, TITLE)]);
    expect(reset).toMatchObject({ reset: 'device', deviceId: first.deviceId });
    expect(reset.removed).toMatchObject({ profiles: 1, scenarios: 1 });
    expect(reset.removed.events).toBeGreaterThan(0);

    // Only the first device's state went.
    expect(await emulator.events({ deviceId: first.deviceId })).toEqual([]);
    const secondEvents = await emulator.events({ deviceId: second.deviceId });
    expect(secondEvents.map((event) => event.type)).toEqual(
      expect.arrayContaining(['session', 'profile', 'decision', 'media-token']),
    );
    const scenarios = (await emulator.scenarios()).map((scenario) => scenario.id);
    expect(scenarios).toContain(secondScenario.id);
    expect(scenarios).not.toContain(firstScenario.id);

    await first.page.goto('/');
    await expect(first.page.locator('[data-lock-state="signed-out"]')).toHaveCount(ALL_TITLES, PACED);
    await second.page.goto('/');
    await expect(second.page.getByTestId('current-provider')).toContainText('Metro Fiber');
    await expect(new AppPage(second.page).tile('lantern-glass-city')).toHaveAttribute(
      'data-lock-state',
      'locked',
      PACED,
    );
    await expect(second.page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES - 1);
  } finally {
    await Promise.all([first.context.close(), second.context.close()]);
  }
});

test('events read the flow back, newest first: session, profile, decisions, media token', async ({
  page,
  app,
  emulator,
  deviceIds,
  signIn,
}) => {
  await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
  await app.tile(TITLE).getByRole('link').click();
  await app.expectPlaying();

  const events = await emulator.events({ deviceId: deviceIds.primary });
  const ids = events.map((event) => event.id);
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  expect(new Set(events.map((event) => event.deviceId))).toEqual(new Set([deviceIds.primary]));

  const position = (match: (event: EmulatorEvent) => boolean) => events.findIndex(match);
  const session = position((e) => e.type === 'session' && e.action === 'created');
  const profile = position((e) => e.type === 'profile' && e.action === 'created');
  const preauthorize = position((e) => e.type === 'decision' && e.action === 'preauthorize');
  const authorize = position((e) => e.type === 'decision' && e.action === 'authorize');
  const mediaToken = position((e) => e.type === 'media-token');
  expect([mediaToken, authorize, preauthorize, profile, session].every((index) => index >= 0)).toBe(true);
  expect(mediaToken).toBeLessThan(authorize);
  expect(authorize).toBeLessThan(preauthorize);
  expect(preauthorize).toBeLessThan(profile);
  expect(profile).toBeLessThan(session);
  expect(events[session]).toMatchObject({ mvpd: 'AcmeCable', actionName: 'authenticate' });
  expect(events[profile]).toMatchObject({ mvpd: 'AcmeCable', username: 'premium', cause: 'login' });
  expect(events[authorize]).toMatchObject({ resource: TITLE, authorized: true, source: 'mvpd' });
  expect(events[mediaToken]).toMatchObject({ mvpd: 'AcmeCable', resource: TITLE });
  expect(events.filter((e) => e.type === 'decision' && e.action === 'preauthorize')).toHaveLength(ALL_TITLES);

  // Filters: by type, newest n, and "what happened since".
  const decisions = await emulator.events({ deviceId: deviceIds.primary, type: 'decision', limit: 3 });
  expect(decisions).toHaveLength(3);
  expect(decisions[0]).toEqual(events[authorize]);
  const since = await emulator.events({ deviceId: deviceIds.primary, after: events[authorize]!.id });
  expect(since).toEqual(events.slice(0, authorize));
});

test('state export → reset → import brings a signed-in device back (on an emulator of its own)', async ({
  browser,
  ownEmulator,
  deviceIds,
  signIn,
}) => {
  const { control, url } = ownEmulator;
  const device = await openDevice(browser, deviceIds.make('state'), { baseURL: url });
  try {
    await signIn.primary(device.page, { mvpd: 'AcmeCable', username: 'premium' });
    const exported = await control.exportState();
    expect(exported.tables.profiles).toEqual(
      expect.arrayContaining([expect.objectContaining({ mvpd: 'AcmeCable' })]),
    );

    await control.reset();
    await device.page.goto('/');
    await expect(device.page.locator('[data-lock-state="signed-out"]')).toHaveCount(ALL_TITLES, PACED);

    const imported = await control.importState(exported);
    expect(imported.imported.profiles).toBe(exported.tables.profiles?.length);
    // The clock resumes at the instant of the export (and runs on from there).
    expect(imported.now - exported.clock.now).toBeGreaterThanOrEqual(0);
    expect(imported.now - exported.clock.now).toBeLessThan(1_000);
    await device.page.goto('/');
    await expect(device.page.getByTestId('current-provider')).toContainText('Acme Cable', PACED);
    await expect(device.page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
    await play(device.page, TITLE);
  } finally {
    await device.context.close();
  }
});

test('advanceTime moves the emulator clock and the page clock together', async ({
  browser,
  ownEmulator,
  deviceIds,
}) => {
  const { control, url } = ownEmulator;
  const device = await openDevice(browser, deviceIds.make('clock'), { baseURL: url });
  try {
    await device.page.clock.install();
    await device.page.goto('/');
    const [emulatorBefore, pageBefore] = [await control.now(), await device.page.evaluate(() => Date.now())];
    const hour = 3_600_000;

    const emulatorAfter = await control.advanceTime(hour, device.page);

    const pageAfter = await device.page.evaluate(() => Date.now());
    expect(emulatorAfter - emulatorBefore).toBeGreaterThanOrEqual(hour);
    expect(emulatorAfter - emulatorBefore).toBeLessThan(hour + 60_000);
    expect(pageAfter - pageBefore).toBeGreaterThanOrEqual(hour);
    expect(pageAfter - pageBefore).toBeLessThan(hour + 60_000);
  } finally {
    await device.context.close();
  }
});

test('revokeClients: the app meets invalid_client, registers again and plays, without a reload', async ({
  browser,
  ownEmulator,
  deviceIds,
  signIn,
}) => {
  const { control, url } = ownEmulator;
  const device = await openDevice(browser, deviceIds.make('revoked'), { baseURL: url });
  const dcr: string[] = [];
  device.page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/o/client/')) dcr.push(`${path} ${response.status()}`);
  });
  try {
    await signIn.primary(device.page, { mvpd: 'AcmeCable', username: 'premium' });
    await expect(device.page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
    // The app's statement (README "Seeded demo data": software id `passref-web-app`).
    expect(await control.revokeClients({ softwareId: 'passref-web-app' })).toBeGreaterThan(0);
    dcr.length = 0;

    // In-app navigation (the client in memory still holds the revoked credentials).
    const app = new AppPage(device.page);
    await app.tile(TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
    // The authorize got 401; the token refresh got invalid_client; the client registered again.
    expect(dcr).toEqual(['/o/client/token 400', '/o/client/register 201', '/o/client/token 201']);
  } finally {
    await device.context.close();
  }
});
