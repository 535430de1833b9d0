import { expect, type Page } from '@playwright/test';
import { completeMvpdLogin, PASSWORD } from './mvpd-login.ts';

export const PROVIDERS = { AcmeCable: 'Acme Cable', MetroFiber: 'Metro Fiber' } as const;
export type ProviderId = keyof typeof PROVIDERS;

/** The streaming app on the primary screen: sign-in, catalog, playback, account. */
export class AppPage {
  /** @param deviceId the device id the fixture gave this browser context (`''`: unknown). */
  constructor(
    readonly page: Page,
    readonly deviceId = '',
  ) {}

  tile(resource: string) {
    return this.page.getByTestId(`tile-${resource}`);
  }

  /** The playback gate of `/watch/<id>` (`data-state`: authorizing, play, denied, refused, error, ended). */
  get gate() {
    return this.page.getByTestId('playback-gate');
  }

  /** Opens a title's playback gate directly (a deep link, i.e. a full page load). */
  async watch(resource: string): Promise<void> {
    await this.page.goto(`/watch/${encodeURIComponent(resource)}`);
  }

  /** Picker → MVPD login → back on the app, signed in. */
  async signIn(provider: ProviderId, username: string, from = '/providers'): Promise<void> {
    if (from) await this.page.goto(from);
    await this.page.getByRole('button', { name: PROVIDERS[provider] }).click();
    await completeMvpdLogin(this.page, PROVIDERS[provider], { username, password: PASSWORD });
    await expect(this.page.getByTestId('current-provider')).toContainText(PROVIDERS[provider]);
  }

  async expectLockState(resource: string, state: 'locked' | 'unlocked'): Promise<void> {
    await expect(this.tile(resource)).toHaveAttribute('data-lock-state', state);
  }

  /** Resolves once the player's time has advanced past `seconds`. */
  async expectPlaying(seconds = 0.5): Promise<void> {
    const player = this.page.getByTestId('player');
    await expect(player).toBeVisible();
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 15_000 })
      .toBeGreaterThan(seconds);
  }

  /** Device id and chosen provider kept in localStorage by the app. */
  async storedDeviceState(): Promise<{ deviceId: string; chosenMvpd: unknown; pendingCode: unknown }> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem('passref.device');
      return raw
        ? (JSON.parse(raw) as { state: { deviceId: string; chosenMvpd: unknown; pendingCode: unknown } })
            .state
        : { deviceId: '', chosenMvpd: null, pendingCode: null };
    });
  }
}
