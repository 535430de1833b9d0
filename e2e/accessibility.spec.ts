import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ApiTracePanel } from './pages/api-trace-panel.ts';
import { AppPage } from './pages/app-page.ts';
import { FreePage } from './pages/free-page.ts';
import { ResetTempPassPage } from './pages/reset-temppass-page.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, label: string): Promise<void> {
  // Wait for the page to settle: no spinner left.
  await expect(page.locator('.spinner')).toHaveCount(0, { timeout: 15_000 });
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

test.describe('axe WCAG 2.1 A/AA scan of every route', () => {
  test('signed-out routes', async ({ page, emulator }) => {
    void emulator;
    for (const path of [
      '/',
      '/providers',
      '/account',
      '/signed-out',
      '/sign-in/complete',
      '/no-such-page',
      '/activate',
      '/activate/done',
      '/free',
      '/programmer/reset-temppass',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, path);
    }
  });

  test('TV activation screen', async ({ page, emulator }) => {
    void emulator;
    await page.goto('/tv');
    await expect(page.getByTestId('activation-code')).toBeVisible();
    await expectNoViolations(page, '/tv');
  });

  test('emulated MVPD login page', async ({ page, emulator }) => {
    void emulator;
    await page.goto('/providers');
    await page.getByRole('button', { name: 'Acme Cable' }).click();
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectNoViolations(page, 'MVPD login');
  });

  test('signed-in routes: catalog, playback, deny, account', async ({ page, emulator }) => {
    void emulator;
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'basic');
    await expect(page.locator('[data-lock-state="locked"]').first()).toBeVisible();
    await expectNoViolations(page, '/ (signed in)');
    await page.goto('/watch/harbor-city-desk');
    await app.expectPlaying(0.1);
    await expectNoViolations(page, '/watch (playing)');
    await page.goto('/watch/summit-court-side');
    await expect(page.getByTestId('playback-denied')).toBeVisible();
    await expectNoViolations(page, '/watch (denied)');
    await page.goto('/account');
    await expect(page.getByTestId('profile-card')).toBeVisible();
    await expectNoViolations(page, '/account (signed in)');
  });

  test('the API trace drawer, open with a call expanded', async ({ page, emulator }) => {
    void emulator;
    await page.goto('/');
    await expect(page.getByTestId('catalog')).toBeVisible();
    const trace = new ApiTracePanel(page);
    await trace.open();
    await expect(trace.calls.first()).toBeVisible();
    await trace.expand(0);
    await expectNoViolations(page, 'API trace drawer');
  });

  test('free viewing and the programmer’s reset: status, playback countdown, result', async ({
    page,
    emulator,
  }) => {
    void emulator;
    const free = new FreePage(page);
    await free.open();
    await free.emailInput.fill('not an email');
    await page.getByRole('button', { name: 'Get my free titles' }).click();
    await expect(page.getByTestId('promo-email-error')).toBeVisible();
    await expectNoViolations(page, '/free (invalid email)');
    await free.enterEmail('a11y@example.com');
    await expectNoViolations(page, '/free (promotional status)');
    await free.browse();
    await expectNoViolations(page, '/ (free pass)');
    await free.openFromHeader();
    await free.startBasic();
    await free.openTitle('pebble-star-school');
    await expect(free.countdown).toBeVisible();
    await expectNoViolations(page, '/watch (free pass, countdown)');

    const reset = new ResetTempPassPage(page);
    await reset.open();
    await reset.resetThisDevice();
    await expect(reset.result).toContainText('Reset done');
    await expectNoViolations(page, '/programmer/reset-temppass (result)');
  });
});
