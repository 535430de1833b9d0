import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';

test.describe('playback gate', () => {
  test('a permit plays: authorize, verified media token, the video time advances', async ({
    page,
    emulator,
  }) => {
    void emulator;
    const authorizations: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/decisions/authorize/')) authorizations.push(request.url());
    });
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'premium');
    await page.goto('/watch/lantern-night-train');
    await app.expectPlaying();
    expect(authorizations).toHaveLength(1);

    // A new play authorizes again: media tokens are single use and never cached.
    await page.getByRole('button', { name: 'Start over' }).click();
    await app.expectPlaying();
    expect(authorizations).toHaveLength(2);
  });

  test('a media token that expires mid-play does not stop playback', async ({ page, emulator }) => {
    const app = new AppPage(page);
    await app.signIn('AcmeCable', 'premium');
    await page.goto('/watch/pebble-star-school');
    await app.expectPlaying(0.2);
    // The 7-minute media token is long expired by the emulator's clock; the holder keeps streaming.
    await emulator.advanceClock(20 * 60_000);
    const player = page.getByTestId('player');
    await player.evaluate((video: HTMLVideoElement) => {
      video.currentTime = 0;
      return video.play();
    });
    await app.expectPlaying(1);
    await expect(player).toHaveJSProperty('error', null);
  });

  test('a deny shows the MVPD message and what to do, and keeps the viewer signed in', async ({
    page,
    emulator,
  }) => {
    void emulator;
    const app = new AppPage(page);
    await app.signIn('MetroFiber', 'basic');
    await page.goto('/watch/summit-derby-day');
    const denied = page.getByTestId('playback-denied');
    await expect(denied).toBeVisible();
    await expect(denied).toHaveAttribute('data-error-code', 'authorization_denied_by_mvpd');
    await expect(denied.getByTestId('error-message')).toHaveText(
      'Your Metro Fiber Basic package does not include this channel. Upgrade to Premium to watch it.',
    );
    await expect(denied).toContainText('Contact Metro Fiber');
    await expect(page.getByTestId('player')).toHaveCount(0);
    await expect(page.getByTestId('current-provider')).toContainText('Metro Fiber');
    await denied.getByRole('link', { name: 'Back to Browse' }).click();
    await expect(page.getByTestId('catalog-provider')).toContainText('Metro Fiber');
  });

  test('the stream is refused without a valid token from the gate', async ({ page, emulator }) => {
    void emulator;
    const response = await page.request.get('/stream/harbor-morning-brief?token=forged');
    expect(response.status()).toBe(403);
  });
});
