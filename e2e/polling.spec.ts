import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type ThrottleMode } from './fixtures.ts';
import { casuallyTyped, PhonePage } from './pages/phone-page.ts';
import { TvPage } from './pages/tv-page.ts';

/**
 * Polling of profiles/code/{code} on the TV, driven by Playwright's clock (the page's timers) and the
 * emulator's clock (code expiry) — no sleeping. The page clock runs normally while the page loads,
 * then is paused: from there on, only `runFor`/`fastForward` move it.
 *
 * The throttle is off here: polls are fired back to back in real time, and a throttled retry would
 * wait on the (paused) page clock. Throttling has its own tests.
 */
let throttle: ThrottleMode = 'per-device';
test.beforeEach(async ({ emulator }) => {
  throttle = await emulator.throttleMode();
  await emulator.setThrottle('off');
});
test.afterEach(async ({ emulator }) => {
  await emulator.setThrottle(throttle);
});

/** Opens /tv, waits for the code and its first poll answer, then pauses the page clock. */
async function openPausedTv(page: Page, options: { mvpd?: string; poll?: number } = {}) {
  await page.clock.install();
  const tv = new TvPage(page);
  const firstAnswer = tv.nextPollAnswer();
  await tv.open(options);
  const code = await tv.readCode();
  await tv.settle(await firstAnswer);
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  return { tv, code };
}

/** Moves the page clock by `ms` and waits for the poll that must fire in that window. */
async function expectOnePoll(tv: TvPage, ms: number) {
  const before = tv.polls.length;
  const answer = tv.nextPollAnswer();
  await tv.page.clock.runFor(ms);
  await tv.settle(await answer);
  expect(tv.polls.length).toBe(before + 1);
}

test('polls once per interval (5 s by default) and stops once the profile arrives', async ({
  page,
  browser,
  baseURL,
}) => {
  const { tv, code } = await openPausedTv(page);
  expect(tv.polls).toHaveLength(1);
  for (let interval = 0; interval < 3; interval += 1) await expectOnePoll(tv, 5_000);
  expect(tv.polls).toHaveLength(4);
  expect(new Set(tv.polls.map((url) => new URL(url).pathname))).toEqual(
    new Set([`/api/v2/REF30/profiles/code/${code}`]),
  );

  // The viewer signs in on the phone (its own browser, real time).
  const phoneContext = await browser.newContext({ baseURL });
  try {
    const phone = new PhonePage(await phoneContext.newPage());
    await phone.open();
    await phone.enterCode(casuallyTyped(code));
    await phone.chooseProvider('Acme Cable');
    await phone.signInAtMvpd('Acme Cable');
    await expect(phone.done).toBeVisible();
  } finally {
    await phoneContext.close();
  }

  // The next poll finds the profile…
  const answer = tv.nextPollAnswer();
  await page.clock.runFor(5_000);
  const found = (await (await answer).json()) as { profiles: Record<string, unknown> };
  expect(Object.keys(found.profiles)).toEqual(['AcmeCable']);
  expect(tv.polls).toHaveLength(5);

  // …and no request follows, however long the TV waits.
  await page.clock.runFor(60_000);
  expect(tv.polls).toHaveLength(5);
  await page.clock.resume();
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(tv.currentProvider).toContainText(/Acme ?Cable/);
  await page.clock.runFor(60_000);
  expect(tv.polls).toHaveLength(5);
});

test('on expiry: the expired state shows, polling stops, and "Get a new code" brings a different code', async ({
  page,
  emulator,
}) => {
  const { tv, code } = await openPausedTv(page);
  await expect(tv.countdown).toHaveText(/^(30:00|29:[0-5]\d)$/);

  // Thirty-one minutes pass for Adobe and for the TV.
  await emulator.advanceClock(31 * 60_000);
  await page.clock.fastForward(31 * 60_000);
  await expect(tv.expired).toBeVisible();
  await expect(tv.expired).toContainText('This code has expired');
  await expect(tv.code).toHaveCount(0);
  await expect(tv.newCodeButton()).toBeFocused();

  const afterExpiry = tv.polls.length;
  expect(afterExpiry).toBeLessThanOrEqual(2);
  await page.clock.runFor(60_000);
  await page.clock.fastForward(10 * 60_000);
  expect(tv.polls).toHaveLength(afterExpiry);

  await page.clock.resume();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await tv.newCodeButton().click();
  const next = await tv.readCode();
  expect(next).not.toBe(code);
  await expect(tv.countdown).toHaveText(/^(30:00|29:[0-5]\d)$/);
  await expect(tv.expired).toHaveCount(0);
});

test('?poll=3 polls every 3 s', async ({ page }) => {
  const { tv } = await openPausedTv(page, { poll: 3 });
  for (let interval = 0; interval < 5; interval += 1) await expectOnePoll(tv, 3_000);
  expect(tv.polls).toHaveLength(6);
});
