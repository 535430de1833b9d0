import { expect, test } from './fixtures.ts';
import { AppPage, type ProviderId } from './pages/app-page.ts';

const ALL_TITLES = 16;

test.describe('catalog lock states from preauthorize', () => {
  for (const provider of ['AcmeCable', 'MetroFiber'] as ProviderId[]) {
    test(`premium on ${provider}: every title unlocked`, async ({ page, emulator }) => {
      void emulator;
      const app = new AppPage(page);
      await app.signIn(provider, 'premium');
      await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);
    });
  }

  test('basic: news and kids unlocked, other channels locked with the MVPD message', async ({
    page,
    emulator,
  }) => {
    void emulator;
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'basic');
    await app.expectLockState('harbor-morning-brief', 'unlocked');
    await app.expectLockState('pebble-robot-garden', 'unlocked');
    await app.expectLockState('summit-derby-day', 'locked');
    await app.expectLockState('lantern-night-train', 'locked');
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(8);
    await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(8);
    await expect(app.tile('summit-derby-day').getByTestId('tile-message')).toHaveText(
      'Your Acme Cable Basic package does not include this channel. Upgrade to Premium to watch it.',
    );
  });

  test('lapsed: every title locked', async ({ page, emulator }) => {
    void emulator;
    const app = new AppPage(page);
    await app.signIn('MetroFiber', 'lapsed');
    await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(ALL_TITLES);
    await expect(app.tile('harbor-morning-brief').getByTestId('tile-message')).toContainText('not active');
  });

  test('preauthorize runs in batches of at most five, never one call per tile', async ({
    page,
    emulator,
  }) => {
    void emulator;
    const batches: string[][] = [];
    page.on('request', (request) => {
      if (request.url().includes('/decisions/preauthorize/')) {
        batches.push((request.postDataJSON() as { resources: string[] }).resources);
      }
    });
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'premium');
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES);
    expect(batches.map((batch) => batch.length)).toEqual([5, 5, 5, 1]);
    expect(new Set(batches.flat()).size).toBe(ALL_TITLES);
  });

  test('signed out: tiles ask to sign in and no decision is requested', async ({ page, emulator }) => {
    void emulator;
    let decisions = 0;
    page.on('request', (request) => {
      if (request.url().includes('/decisions/')) decisions += 1;
    });
    await page.goto('/');
    await expect(page.getByTestId('signed-out-banner')).toBeVisible();
    await expect(page.locator('[data-lock-state="signed-out"]')).toHaveCount(ALL_TITLES);
    expect(decisions).toBe(0);
  });

  test('arrow keys move focus across the grid like a remote', async ({ page, emulator }) => {
    void emulator;
    await page.goto('/');
    const first = page.getByTestId('tile-harbor-morning-brief').getByRole('link');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tile-harbor-city-desk').getByRole('link')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('tile-summit-trail-run').getByRole('link')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByTestId('tile-summit-pit-lane').getByRole('link')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('tile-harbor-market-watch').getByRole('link')).toBeFocused();
  });
});
