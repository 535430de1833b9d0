import { expect, type Locator, type Page } from '@playwright/test';

/** The second screen: `/activate`, the emulated MVPD login, then `/activate/done`. */
export class PhonePage {
  readonly codeInput: Locator;
  readonly error: Locator;
  readonly done: Locator;

  /** @param deviceId the device id the fixture gave the phone's browser context (`''`: unknown). */
  constructor(
    readonly page: Page,
    readonly deviceId = '',
  ) {
    this.codeInput = page.getByLabel('Activation code');
    this.error = page.getByTestId('activation-error');
    this.done = page.getByTestId('activation-done');
  }

  async open(code?: string): Promise<void> {
    await this.page.goto(code ? `/activate?code=${encodeURIComponent(code)}` : '/activate');
  }

  /** Types the code key by key, as a person would, and continues. */
  async enterCode(typed: string): Promise<void> {
    await this.codeInput.fill('');
    await this.codeInput.pressSequentially(typed);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async chooseProvider(displayName: string): Promise<void> {
    await this.page.getByTestId('provider-option').filter({ hasText: displayName }).click();
  }

  /** Signs in on the emulated MVPD's login page. */
  async signInAtMvpd(displayName: string, username = 'premium', password = 'password'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(displayName);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** The second page of a two-hop MVPD login. */
  async confirmDevice(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Confirm this device' })).toBeVisible();
    await this.page.getByRole('button', { name: 'Confirm' }).click();
  }
}

/** A code as a person might type it: lower case, with a dash in the middle. */
export function casuallyTyped(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`.toLowerCase();
}
