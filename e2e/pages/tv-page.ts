import { expect, type Locator, type Page, type Response } from '@playwright/test';

// Kept here for existing imports; the device helpers live in device.ts.
export { DEVICE_STORE_KEY, deviceIdOf } from './device.ts';

export const isPollRequest = (url: string) => new URL(url).pathname.includes('/profiles/code/');

/** The TV's activation screen (`/tv`): code, URL, QR code, countdown, status. */
export class TvPage {
  readonly code: Locator;
  readonly activationUrl: Locator;
  readonly qr: Locator;
  readonly countdown: Locator;
  readonly status: Locator;
  readonly expired: Locator;
  readonly currentProvider: Locator;
  /** Every `profiles/code/{code}` request this page made, in order. */
  readonly polls: string[] = [];

  /**
   * @param deviceId the device id the fixture gave this TV's browser context (`''` when the page
   *   was opened without one: read it with `deviceIdOf(page)`).
   */
  constructor(
    readonly page: Page,
    readonly deviceId = '',
  ) {
    this.code = page.getByTestId('activation-code');
    this.activationUrl = page.getByTestId('activation-url');
    this.qr = page.getByTestId('activation-qr');
    this.countdown = page.getByTestId('code-countdown');
    this.status = page.getByTestId('tv-status');
    this.expired = page.getByTestId('code-expired');
    this.currentProvider = page.getByTestId('current-provider');
    page.on('request', (request) => {
      if (isPollRequest(request.url())) this.polls.push(request.url());
    });
  }

  async open(options: { mvpd?: string; poll?: number } = {}): Promise<void> {
    const query = new URLSearchParams();
    if (options.mvpd) query.set('mvpd', options.mvpd);
    if (options.poll !== undefined) query.set('poll', String(options.poll));
    const search = query.toString();
    await this.page.goto(`/tv${search ? `?${search}` : ''}`);
  }

  /** Waits for a code to show and returns it. */
  async readCode(): Promise<string> {
    await expect(this.code).toHaveText(/^[A-Z0-9]{6,7}$/);
    return ((await this.code.textContent()) ?? '').trim();
  }

  newCodeButton(): Locator {
    return this.page.getByRole('button', { name: 'Get a new code' });
  }

  /** Resolves when the next poll has been answered and the page has had time to handle the answer. */
  nextPollAnswer(): Promise<Response> {
    return this.page.waitForResponse((response) => isPollRequest(response.url()));
  }

  async settle(response: Response): Promise<void> {
    await response.finished();
    // A few real macrotasks (MessageChannel is not faked by page.clock) so the app handles the answer.
    for (let turn = 0; turn < 3; turn += 1) {
      await this.page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            channel.port2.postMessage(null);
          }),
      );
    }
  }
}
