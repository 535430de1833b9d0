import { createHash } from 'node:crypto';
import type { Page, Request } from '@playwright/test';
import { expect, test, type ThrottleMode } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { FreePage } from './pages/free-page.ts';
import { ResetTempPassPage } from './pages/reset-temppass-page.ts';
import { deviceIdOf } from './pages/tv-page.ts';

/**
 * TempPass (free viewing) in the app: the basic pass until it runs out, the promotional pass per
 * email across two devices, the programmer's reset, and what the browser keeps about the email.
 * Time moves with the emulator's clock (Adobe's side) and Playwright's clock (the page) — no sleeping.
 *
 * The emulator's throttle is off here: these flows make many decision calls in a row and throttling
 * has its own tests; the app still paces itself as always.
 */
let throttle: ThrottleMode = 'per-device';
test.beforeEach(async ({ emulator }) => {
  throttle = await emulator.throttleMode();
  await emulator.setThrottle('off');
});
test.afterEach(async ({ emulator }) => {
  await emulator.setThrottle(throttle);
});

const MINUTE = 60_000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Titles: three different ones for the allowance, a fourth that no longer fits. */
const CITY_DESK = 'harbor-city-desk';
const NIGHT_TRAIN = 'lantern-night-train';
const ROBOT_GARDEN = 'pebble-robot-garden';
const DERBY_DAY = 'summit-derby-day';

/** Uses the whole promotional allowance: three different titles, one of them twice (no extra slot). */
async function useThreeTitles(free: FreePage): Promise<void> {
  await free.play(CITY_DESK);
  await free.play(NIGHT_TRAIN);
  await free.play(CITY_DESK);
  await free.openFromHeader();
  await expect(free.titlesLeft).toHaveText('1');
  await expect(free.titlesWatched).toContainText('City Desk');
  await expect(free.titlesWatched).toContainText('The Night Train');
  await expect(free.expiry).not.toContainText('starting when you press play');
  await free.browse();
  await free.play(ROBOT_GARDEN);
}

test('basic TempPass: a countdown while watching, the player stops at expiry, later plays are refused', async ({
  page,
  emulator,
}) => {
  await page.clock.install();
  const free = new FreePage(page);
  await free.open();
  await expect(free.countdown).toHaveText('10 minutes, starting when you press play');
  await free.startBasic();
  await expect(page.getByTestId('catalog-free-pass')).toContainText(
    '10 minutes, starting when you press play',
  );
  await expect(page.getByTestId(`tile-${NIGHT_TRAIN}`)).toHaveAttribute('data-lock-state', 'unlocked');

  await free.openTitle(NIGHT_TRAIN);
  await expect(free.gate).toHaveAttribute('data-state', 'play');
  await expect(free.player).toBeVisible();
  await expect(free.countdown).toContainText(/Free time left:\s*(10:00|09:[0-5]\d)/);

  // Ten minutes (and a bit) pass for Adobe and for the page.
  await emulator.advanceClock(10 * MINUTE + 5_000);
  await page.clock.fastForward(10 * MINUTE + 5_000);
  // The app stops the stream itself (Adobe does not) and says what to do.
  await expect(free.expired).toBeVisible();
  await expect(free.expired.getByRole('heading')).toHaveText('Out of free time');
  await expect(free.expired).toContainText('Sign in with your TV provider');
  await expect(free.player).toHaveCount(0);
  await expect(free.gate).toHaveAttribute('data-state', 'ended');
  await expect(free.countdown).toHaveCount(0);

  // Playing again: Adobe refuses (item-level 403 duration code) and the page shows the same state.
  await free.expired.getByRole('link', { name: 'Back to Browse' }).click();
  await expect(page.getByTestId('catalog-free-pass')).toHaveAttribute('data-state', 'over');
  await free.openTitle(DERBY_DAY);
  await expect(free.gate).toHaveAttribute('data-state', 'denied');
  await expect(free.expired).toHaveAttribute('data-error-code', 'temporary_access_duration_limit_exceeded');
  await expect(free.expired).toContainText('Sign in with your TV provider to keep watching.');
  await expect(free.player).toHaveCount(0);
  const signIn = free.expired.getByRole('link', { name: 'Sign in with your TV provider' });
  await expect(signIn).toHaveAttribute('href', `/providers?to=${encodeURIComponent(`/watch/${DERBY_DAY}`)}`);

  // "Watch free" says so too, and the picker is one click away.
  await free.openFromHeader();
  await expect(free.expired).toBeVisible();
  await free.expired.getByRole('link', { name: 'Sign in with your TV provider' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in with your TV provider');
});

test('promotional TempPass: three different titles per email, then used up — on a second device too', async ({
  page,
  browser,
  baseURL,
  emulator,
}) => {
  void emulator;
  const email = 'Viewer.One@Example.com';
  const free = new FreePage(page);
  await free.open();
  await free.enterEmail(`  ${email} `);
  await expect(free.emailInput).toHaveCount(0);
  await expect(free.titlesLeft).toHaveText('3');
  await expect(free.titlesWatched).toHaveText('None yet');
  await expect(free.expiry).toHaveText('24 hours, starting when you press play');
  await free.browse();
  await expect(page.getByTestId('catalog-free-pass')).toContainText('Free titles left: 3');

  await useThreeTitles(free);

  // A fourth different title does not fit.
  await free.openTitle(DERBY_DAY);
  await expect(free.gate).toHaveAttribute('data-state', 'denied');
  await expect(free.exhausted).toHaveAttribute(
    'data-error-code',
    'temporary_access_resources_limit_exceeded',
  );
  await expect(free.exhausted.getByRole('heading')).toHaveText('You’ve used all your free titles');
  await expect(free.exhausted).toContainText('Sign in with your TV provider');
  await expect(free.player).toHaveCount(0);
  await free.openFromHeader();
  await expect(free.exhausted).toBeVisible();
  await expect(free.titlesLeft).toHaveText('0');

  // Another device, same email (typed differently): the same trial, already used up.
  const second = await browser.newContext({ baseURL });
  try {
    const phone = new FreePage(await second.newPage());
    await phone.open();
    expect(await deviceIdOf(phone.page)).not.toBe(await deviceIdOf(page));
    await phone.enterEmail(email.toUpperCase());
    await expect(phone.exhausted).toBeVisible();
    await expect(phone.titlesLeft).toHaveText('0');
    await expect(phone.exhausted).toContainText('Sign in with your TV provider');
  } finally {
    await second.close();
  }
});

test('the programmer’s Reset TempPass page lets a used-up email start again', async ({
  page,
  baseURL,
  emulator,
}) => {
  void emulator;
  const email = 'reset.me@example.com';
  const free = new FreePage(page);
  await free.open();
  await free.enterEmail(email);
  await free.browse();
  await useThreeTitles(free);
  await free.openFromHeader();
  await expect(free.exhausted).toBeVisible();

  const reset = new ResetTempPassPage(page);
  await reset.open();
  await reset.chooseMvpd('TempPassPromo');

  await reset.resetIdentityByEmail(email);
  await expect(reset.request).toContainText(
    `DELETE ${baseURL}/reset-tempass/v3/reset/generic?requestor_id=REF30&mvpd_id=TempPassPromo&key=${sha256(email)}`,
  );
  await expect(reset.request).toContainText(/Authorization: Bearer •+ \(\d+ characters, masked\)/);
  await expect(reset.request).not.toContainText(email);
  await expect(reset.result).toHaveAttribute('data-status', '204');
  await expect(reset.result).toContainText('Reset done');

  // The generic reset deleted the email's trial: a fresh one for the same email, on this device too.
  await free.open();
  await free.enterEmail(email);
  await expect(free.titlesLeft).toHaveText('3');
  await expect(free.titlesWatched).toHaveText('None yet');
  await expect(free.exhausted).toHaveCount(0);

  // Every device of the pass: the request shown, the token still masked.
  await reset.open();
  await reset.chooseMvpd('TempPassPromo');
  await reset.resetAllDevices();
  await expect(reset.request).toContainText(
    `DELETE ${baseURL}/reset-tempass/v3/reset?requestor_id=REF30&mvpd_id=TempPassPromo&device_id=all`,
  );
  await expect(reset.result).toHaveAttribute('data-status', '204');
  await expect(reset.result).toContainText('Reset done');
  const shown = (await reset.request.textContent()) ?? '';
  expect(shown).not.toMatch(/Bearer [A-Za-z0-9._-]{16,}/);
});

test('a viewer with both switches between the TV provider and the free pass without signing out', async ({
  page,
  emulator,
}) => {
  void emulator;
  const authorizations: string[] = [];
  page.on('request', (request) => {
    const match = /\/decisions\/authorize\/([^/?]+)/.exec(new URL(request.url()).pathname);
    if (match?.[1]) authorizations.push(match[1]);
  });
  const app = new AppPage(page);
  const free = new FreePage(page);
  await app.signIn('AcmeCable', 'basic');
  await app.expectLockState(DERBY_DAY, 'locked');

  await free.open();
  await free.startBasic();
  const accessSwitch = page.getByTestId('access-switch');
  await expect(accessSwitch.getByRole('radio', { name: 'Free pass' })).toBeChecked();
  await app.expectLockState(DERBY_DAY, 'unlocked');
  await free.openTitle(DERBY_DAY);
  await expect(free.gate).toHaveAttribute('data-state', 'play');
  await expect(free.countdown).toBeVisible();

  // Back to the TV provider: its package does not include the title.
  await accessSwitch.getByRole('radio', { name: 'Acme Cable' }).check();
  await expect(free.gate).toHaveAttribute('data-state', 'denied');
  await expect(page.getByTestId('playback-denied')).toHaveAttribute(
    'data-error-code',
    'authorization_denied_by_mvpd',
  );
  await expect(free.countdown).toHaveCount(0);

  // And to the free pass again: nobody signed out anywhere.
  await accessSwitch.getByRole('radio', { name: 'Free pass' }).check();
  await expect(free.gate).toHaveAttribute('data-state', 'play');
  expect(authorizations).toEqual(['TempPass', 'AcmeCable', 'TempPass']);
  await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');
});

/** Every place a browser keeps data the page can see, as text. */
async function browserTraces(page: Page): Promise<string> {
  const inPage = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`);
    const databases = (await indexedDB.databases?.())?.map((db) => db.name ?? '') ?? [];
    const cacheNames = 'caches' in globalThis ? await caches.keys() : [];
    return [
      ...dump(localStorage),
      ...dump(sessionStorage),
      document.cookie,
      ...databases,
      ...cacheNames,
      location.href,
      String(history.state ? JSON.stringify(history.state) : ''),
    ];
  });
  const cookies = await page.context().cookies();
  return [...inPage, ...cookies.map((cookie) => `${cookie.name}=${cookie.value}`), page.url()].join('\n');
}

test('the raw email is never stored, put in a URL or sent — only its SHA-256', async ({ page, emulator }) => {
  void emulator;
  const typed = 'Private.Person+tv@Example.org';
  const normalized = typed.toLowerCase();
  const hash = sha256(normalized);
  const sent: string[] = [];
  const identityHeaders = new Set<string>();
  page.on('request', (request: Request) => {
    void request.allHeaders().then((headers) => {
      if (headers['ap-temppass-identity']) identityHeaders.add(headers['ap-temppass-identity']);
      sent.push([request.url(), JSON.stringify(headers), request.postData() ?? ''].join('\n'));
    });
  });

  const free = new FreePage(page);
  await free.open();
  await free.enterEmail(typed);
  await free.browse();
  await free.play(CITY_DESK);
  await free.openFromHeader();
  await expect(free.titlesLeft).toHaveText('2');

  const leaks = [typed, normalized].flatMap((value) => [
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    Buffer.from(value).toString('base64'),
    Buffer.from(JSON.stringify({ email: value })).toString('base64'),
  ]);
  const traces = await browserTraces(page);
  for (const leak of leaks) {
    expect(traces.toLowerCase(), `browser storage or URL holds ${leak}`).not.toContain(leak.toLowerCase());
    expect(sent.join('\n').toLowerCase(), `a request carried ${leak}`).not.toContain(leak.toLowerCase());
  }
  // Not even the hash is kept in storage (memory only); it travels in AP-TempPass-Identity.
  expect(traces).not.toContain(hash);
  expect([...identityHeaders]).toEqual([Buffer.from(JSON.stringify({ email: hash })).toString('base64')]);
});
