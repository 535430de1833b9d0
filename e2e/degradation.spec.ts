import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * Degraded access (spec decisions.md, sessions.md, profiles.md; Adobe's "Degraded access flows"),
 * switched on per device through the control plane's `degradation` scenario, and the seeded
 * degraded MVPD (River Valley TV, a standing AuthNAll rule). Every scenario here is scoped to the
 * test's own device, so the spec also runs on an emulator other workers share.
 */
const ALL_TITLES = 16;
const SPORTS_TITLE = 'summit-court-side';
/**
 * After the first ten requests of a tab the app paces itself to Adobe's one request a second (the
 * bucket lives in sessionStorage, so a reload does not refill it): screens that need several calls
 * after a reload take seconds.
 */
const PACED = { timeout: 20_000 };

/** Every hop towards an MVPD login this page makes (Adobe's authenticate URL, the MVPD's pages). */
function recordLoginHops(page: Page): string[] {
  const hops: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/(api\/v2\/authenticate|adobe-services\/authenticate|emulated-mvpd)\//.test(pathname))
      hops.push(pathname);
  });
  return hops;
}

test.describe('AuthNAll: no login needed', () => {
  test('a scenario on Acme Cable: picked, signed in without a login page, titles play; lifted, the login is back', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    const rule = await emulator.addScenario({
      type: 'degradation',
      rule: 'AuthNAll',
      mvpd: 'AcmeCable',
      deviceId: deviceIds.primary,
    });
    const hops = recordLoginHops(page);

    await page.goto('/providers');
    await page.locator('[data-testid="provider-option"][data-mvpd="AcmeCable"]').click();
    await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');
    await expect(page.getByTestId('catalog')).toBeVisible();
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);
    expect(hops).toEqual([]);

    await app.tile(SPORTS_TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'play');
    await app.expectPlaying();

    const events = await emulator.events({ deviceId: deviceIds.primary });
    expect(events.filter((event) => event.type === 'session')).toMatchObject([
      { action: 'created', actionName: 'authorize', reasonType: 'degraded', code: null, mvpd: 'AcmeCable' },
    ]);
    expect(events.filter((event) => event.type === 'profile')).toEqual([]);
    expect(events.find((event) => event.type === 'decision' && event.action === 'authorize')).toMatchObject({
      resource: SPORTS_TITLE,
      authorized: true,
      source: 'degradation',
    });
    expect(events.find((event) => event.type === 'media-token')).toMatchObject({
      mvpd: 'AcmeCable',
      resource: SPORTS_TITLE,
    });

    // The account shows the degraded access for what it is; signing out needs no MVPD page.
    await page.goto('/account');
    const card = page.getByTestId('profile-card');
    await expect(card).toHaveAttribute('data-mvpd', 'AcmeCable');
    await expect(card).toContainText('Acme Cable');
    await expect(card).toContainText(/Type\s*degraded/);
    await expect(card).toContainText('95cf93bcd183214a');

    // Rule lifted: the degraded profile is gone, and Acme Cable needs its login again.
    await emulator.removeScenario(rule);
    await page.reload();
    await expect(page.getByTestId('account-signed-out')).toBeVisible(PACED);
    await page.goto('/');
    await expect(page.locator('[data-lock-state="signed-out"]')).toHaveCount(ALL_TITLES, PACED);
    expect(await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' })).toBe('login');
    expect(hops.length).toBeGreaterThan(0);
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
  });

  test('the seeded degraded MVPD (River Valley TV): on this device and on a TV, no login and no code', async ({
    page,
    tv,
    phone,
    emulator,
    signIn,
  }) => {
    const hops = recordLoginHops(page);
    expect((await emulator.seed()).mvpds.find((mvpd) => mvpd.id === 'RiverValley')).toMatchObject({
      degradation: 'AuthNAll',
    });

    expect(await signIn.primary(page, { mvpd: 'RiverValley', username: 'premium' })).toBe('no-login');
    expect(hops).toEqual([]);
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);
    await page.goto('/account');
    await expect(page.getByTestId('profile-card')).toHaveAttribute('data-mvpd', 'RiverValley');
    await expect(page.getByTestId('profile-card')).toContainText(/Type\s*degraded/);

    // A TV choosing it gets no code to enter: it goes straight to Browse, signed in.
    expect(await signIn.onPhone(tv, phone, { mvpd: 'RiverValley', username: 'premium' })).toBe('no-login');
    await expect(tv.code).toHaveCount(0);
    await expect(tv.page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);
    expect(tv.polls).toEqual([]);
  });
});

test('AuthZAll: a basic account’s locked titles play while the rule holds, and lock again after', async ({
  page,
  app,
  emulator,
  deviceIds,
  signIn,
}) => {
  await signIn.primary(page, { mvpd: 'AcmeCable', username: 'basic' });
  await app.expectLockState(SPORTS_TITLE, 'locked');

  const rule = await emulator.addScenario({
    type: 'degradation',
    rule: 'AuthZAll',
    mvpd: 'AcmeCable',
    deviceId: deviceIds.primary,
  });
  await page.reload();
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
  await app.tile(SPORTS_TITLE).getByRole('link').click();
  await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
  await app.expectPlaying();
  const [authorized] = await emulator.events({ deviceId: deviceIds.primary, type: 'decision', limit: 1 });
  expect(authorized).toMatchObject({
    action: 'authorize',
    resource: SPORTS_TITLE,
    authorized: true,
    source: 'degradation',
  });
  // Still the viewer's own (regular) sign-in: AuthZAll needs one.
  await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');

  await emulator.removeScenario(rule);
  await page.goto('/');
  await expect(app.tile(SPORTS_TITLE)).toHaveAttribute('data-lock-state', 'locked', PACED);
  await expect(app.tile(SPORTS_TITLE).getByTestId('tile-message')).toContainText('Upgrade to Premium');
  await app.watch(SPORTS_TITLE);
  await expect(app.gate).toHaveAttribute('data-state', 'denied', PACED);
  await expect(page.getByTestId('playback-denied')).toHaveAttribute(
    'data-error-code',
    'authorization_denied_by_mvpd',
  );
});

test('AuthZNone: a premium account’s titles lock with one clear message; the watch page explains, no sign-out', async ({
  page,
  app,
  emulator,
  deviceIds,
  signIn,
}) => {
  await signIn.primary(page, { mvpd: 'MetroFiber', username: 'premium' });
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);

  const rule = await emulator.addScenario({
    type: 'degradation',
    rule: 'AuthZNone',
    mvpd: 'MetroFiber',
    deviceId: deviceIds.primary,
  });
  await page.reload();
  await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(ALL_TITLES, PACED);
  const banner = page.getByTestId('catalog-degraded');
  await expect(banner).toContainText('Metro Fiber can’t confirm your package right now');
  await expect(banner).toContainText('You’re still signed in');
  await expect(page.getByTestId('catalog-degraded-message')).toHaveText(
    'The AuthZNone degradation rule is applied to the integration of REF30 and MetroFiber.',
  );
  // Said once, not on each of the sixteen tiles.
  await expect(page.getByTestId('tile-message')).toHaveCount(0);

  await app.tile(SPORTS_TITLE).getByRole('link').click();
  await expect(app.gate).toHaveAttribute('data-state', 'denied', PACED);
  const denied = page.getByTestId('playback-denied');
  await expect(denied).toHaveAttribute('data-error-code', 'authorization_denied_by_degradation_rule');
  await expect(denied).toHaveAttribute('data-source', 'degradation');
  await expect(denied.getByRole('heading')).toHaveText('Metro Fiber can’t confirm your package right now');
  await expect(denied).toContainText('You’re still signed in with Metro Fiber');
  await expect(denied).not.toContainText('add this channel');
  await expect(page.getByTestId('player')).toHaveCount(0);
  // Not a sign-out: still on the title, still signed in.
  await expect(page).toHaveURL(new RegExp(`/watch/${SPORTS_TITLE}$`));
  await expect(page.getByTestId('current-provider')).toContainText('Metro Fiber');

  await emulator.removeScenario(rule);
  await page.reload();
  await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
  await app.expectPlaying();
  await page.getByRole('link', { name: 'Back to Browse' }).click();
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
  await expect(page.getByTestId('catalog-degraded')).toHaveCount(0);
});
