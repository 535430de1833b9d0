import type { Page } from '@playwright/test';
import { expect, test, type EmulatorControl } from './fixtures.ts';

/**
 * The client under faults injected through the control plane (`fault` and `latency` scenarios),
 * each scoped to the test's own device. The retry rules (spec errors.md, decisions.md,
 * throttling.md; unit tests in src/pass/client.resilience.test.ts):
 * - an error is resent automatically only when Adobe's `action` says `retry` (twice at most, after
 *   1 s and 2 s). The emulator's injected 5xx is `internal_server_error`, action `none`: never resent,
 *   the viewer gets a clear error and a working "Try again";
 * - a dropped connection: a GET is resent once after 1 s, a POST never (a lost answer may hide a
 *   minted media token); then "No connection" with "Try again";
 * - HTTP 429: wait 1 s, then 2 s, and resend; still throttled → "Too many requests".
 * A login code that expires for Adobe while the TV still counts down: the last test here; the
 * device-clock expiry is in polling.spec.ts.
 */
const TITLE = 'summit-court-side';
const AUTHORIZE = /\/decisions\/authorize\//;
const PREAUTHORIZE = /\/decisions\/preauthorize\//;
const PROFILES = /^\/api\/v2\/REF30\/profiles$/;
const ALL_TITLES = 16;
/** performance.now() is coarsened (to 0.1 ms, 5 µs when cross-origin isolated): a grain of slack. */
const CLOCK_GRAIN_MS = 1;
const NETWORK_RETRY_DELAY_MS = 1_000;
/** The app paces itself to one request a second once a tab's burst of ten is spent. */
const PACED = { timeout: 20_000 };

interface Sent {
  name: string;
  /** `performance.now()` times in the page: when the request started, when its answer ended. */
  startTime: number;
  responseEnd: number;
  /** 0 when no answer came (a dropped connection). */
  responseStatus: number;
}

/** The page's Resource Timing entries for requests whose path matches (one clock: the page's). */
async function sentRequests(page: Page, path: RegExp): Promise<Sent[]> {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      name: entry.name,
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
      responseStatus: entry.responseStatus,
    })),
  );
  return entries.filter((entry) => path.test(new URL(entry.name).pathname));
}

/** Time from each answer (or failure) to the next request: the client's wait. */
const waits = (sent: readonly Sent[]) =>
  sent.slice(1).map((request, index) => request.startTime - sent[index]!.responseEnd);

/**
 * Chromium itself sends a request again, unseen by the page, when a reused keep-alive connection
 * closes without an answer — as a `drop` scenario does — until a fresh connection fails too. Those
 * extra sends would drain the device's throttle bucket and end in a 429 instead of the dropped
 * connection this test is about, so the device is exempt from throttling here.
 */
async function unthrottled(emulator: EmulatorControl, deviceId: string): Promise<void> {
  await emulator.addScenario({ type: 'throttle', throttled: false, deviceId });
}

test.describe('HTTP 5xx', () => {
  test('authorize: one request (action none is not resent), a clear error, and Try again plays', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'authorize',
      fault: 'server-error',
      status: 503,
      probability: 1,
      deviceId: deviceIds.primary,
    });

    await app.tile(TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'error', PACED);
    const panel = app.gate.getByTestId('error-panel');
    await expect(panel).toHaveAttribute('data-error-code', 'internal_server_error');
    await expect(panel.getByRole('heading')).toHaveText('The sign-in service had a problem');
    await expect(panel.getByTestId('error-message')).toContainText(`fault scenario ${fault.id}`);
    expect(await sentRequests(page, AUTHORIZE)).toHaveLength(1);
    await expect(page.getByTestId('player')).toHaveCount(0);

    await emulator.removeScenario(fault);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
    expect(await sentRequests(page, AUTHORIZE)).toHaveLength(2);
  });

  test('preauthorize: the catalog says it once, with Try again resending only the failed batches', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'basic' });
    await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(8, PACED);
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'preauthorize',
      fault: 'server-error',
      probability: 1,
      deviceId: deviceIds.primary,
    });

    await page.reload();
    const error = page.getByTestId('catalog-locks-error');
    await expect(error).toHaveAttribute('data-error-code', 'internal_server_error', PACED);
    await expect(error.getByRole('heading')).toHaveText('The sign-in service had a problem');
    // Four batches of at most five titles, each asked once: no resend storm.
    await expect.poll(async () => (await sentRequests(page, PREAUTHORIZE)).length, PACED).toBe(4);
    await expect(page.locator('[data-lock-state="checking"]')).toHaveCount(ALL_TITLES);
    // Still signed in: the failure is the locks, not the sign-in.
    await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');

    await emulator.removeScenario(fault);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(8, PACED);
    await expect(page.locator('[data-lock-state="locked"]')).toHaveCount(8);
    await expect(error).toHaveCount(0);
    expect(await sentRequests(page, PREAUTHORIZE)).toHaveLength(8);
    await app.expectLockState(TITLE, 'locked');
  });
});

test.describe('dropped connections', () => {
  test('authorize (POST) is not resent: "No connection", then Try again plays', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'MetroFiber', username: 'premium' });
    await unthrottled(emulator, deviceIds.primary);
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'authorize',
      fault: 'drop',
      probability: 1,
      deviceId: deviceIds.primary,
    });

    await app.tile(TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'error', PACED);
    await expect(app.gate.getByRole('heading')).toHaveText('No connection');
    expect(await sentRequests(page, AUTHORIZE)).toHaveLength(1);

    await emulator.removeScenario(fault);
    await app.gate.getByRole('button', { name: 'Try again' }).click();
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
  });

  test('profiles (GET) is resent once after ≥ 1 s, then "No connection"; Try again gets in', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
    await unthrottled(emulator, deviceIds.primary);
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'profiles',
      fault: 'drop',
      probability: 1,
      deviceId: deviceIds.primary,
    });

    // A deep link: the watch page first reads the sign-in, whose read now fails.
    await app.watch(TITLE);
    const panel = page.getByTestId('error-panel');
    await expect(panel.getByRole('heading')).toHaveText('No connection', PACED);
    const profiles = await sentRequests(page, PROFILES);
    expect(profiles.map((request) => request.responseStatus)).toEqual([0, 0]);
    expect(waits(profiles)[0]).toBeGreaterThanOrEqual(NETWORK_RETRY_DELAY_MS - CLOCK_GRAIN_MS);
    // Not treated as signed out: no detour to the provider picker.
    await expect(page).toHaveURL(new RegExp(`/watch/${TITLE}$`));

    await emulator.removeScenario(fault);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
  });
});

test.describe('HTTP 429', () => {
  test('authorize throttled once: the client waits ≥ 1 s, sends again and plays', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'authorize',
      fault: 'too-many-requests',
      probability: 1,
      deviceId: deviceIds.primary,
    });
    // Adobe lifts the throttle a second after the first 429: so does the scenario here.
    const throttled = page.waitForResponse(
      (response) => response.url().includes('/decisions/authorize/') && response.status() === 429,
    );

    await app.tile(TITLE).getByRole('link').click();
    await throttled;
    await emulator.removeScenario(fault);
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
    const authorize = await sentRequests(page, AUTHORIZE);
    expect(authorize.map((request) => request.responseStatus)).toEqual([429, 200]);
    expect(waits(authorize)[0]).toBeGreaterThanOrEqual(1_000 - CLOCK_GRAIN_MS);
  });

  test('authorize still throttled after 1 s and 2 s: "Too many requests", Try again plays', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
    const fault = await emulator.addScenario({
      type: 'fault',
      endpoint: 'authorize',
      fault: 'too-many-requests',
      probability: 1,
      deviceId: deviceIds.primary,
    });

    await app.tile(TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'error', PACED);
    await expect(app.gate.getByRole('heading')).toHaveText('Too many requests');
    const authorize = await sentRequests(page, AUTHORIZE);
    expect(authorize.map((request) => request.responseStatus)).toEqual([429, 429, 429]);
    const [first, second] = waits(authorize);
    expect(first).toBeGreaterThanOrEqual(1_000 - CLOCK_GRAIN_MS);
    expect(second).toBeGreaterThanOrEqual(2_000 - CLOCK_GRAIN_MS);

    await emulator.removeScenario(fault);
    await app.gate.getByRole('button', { name: 'Try again' }).click();
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
  });
});

test.describe('latency', () => {
  test('slow preauthorize and authorize: progress is shown, then the content', async ({
    page,
    app,
    emulator,
    deviceIds,
    signIn,
  }) => {
    await signIn.primary(page, { mvpd: 'AcmeCable', username: 'premium' });
    for (const endpoint of ['preauthorize', 'authorize'] as const) {
      await emulator.addScenario({ type: 'latency', delayMs: 2_000, endpoint, deviceId: deviceIds.primary });
    }

    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Checking which titles' })).toBeVisible(PACED);
    await expect(app.tile(TITLE)).toHaveAttribute('data-lock-state', 'checking');
    await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(ALL_TITLES, PACED);
    await expect(page.getByRole('status').filter({ hasText: 'Checking which titles' })).toHaveCount(0);

    await app.tile(TITLE).getByRole('link').click();
    await expect(app.gate).toHaveAttribute('data-state', 'authorizing');
    await expect(app.gate.getByRole('status')).toHaveText('Checking with Acme Cable…');
    await expect(page.getByTestId('player')).toHaveCount(0);
    await expect(app.gate).toHaveAttribute('data-state', 'play', PACED);
    await app.expectPlaying();
  });
});

test('a code that expires for Adobe before the TV’s own countdown ends: the next poll offers a new code', async ({
  tv,
  emulator,
}) => {
  // Only the emulator's clock moves; the TV still counts 29 minutes and polls on.
  await tv.page.clock.install();
  await tv.open({ poll: 3 });
  const code = await tv.readCode();
  await expect(tv.countdown).toHaveText(/^(30:00|29:[0-5]\d)$/);
  await tv.page.clock.pauseAt(await tv.page.evaluate(() => Date.now() + 1_000));

  // On an emulator other workers share, the clock is not this test's to move: a reset of the TV's
  // device makes Adobe forget the code, which it answers exactly as an expired one.
  if (emulator.shared) await emulator.resetDevice(tv.deviceId);
  else await emulator.advanceClock(31 * 60_000);
  const answer = tv.nextPollAnswer();
  await tv.page.clock.runFor(3_000);
  const refused = await answer;
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ code: 'invalid_authentication_session' });
  // Time runs again from here (React Query hands answers over on a timer of its own).
  await tv.page.clock.resume();

  await expect(tv.expired).toBeVisible();
  await expect(tv.expired).toContainText('This code has expired');
  await expect(tv.code).toHaveCount(0);
  await tv.newCodeButton().click();
  expect(await tv.readCode()).not.toBe(code);
});
