import { expect, type Locator, type Page } from '@playwright/test';

/** The programmer's Reset TempPass page (`/programmer/reset-temppass`). */
export class ResetTempPassPage {
  readonly request: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.request = page.getByTestId('reset-request');
    this.result = page.getByTestId('reset-result');
  }

  async open(): Promise<void> {
    await this.page.goto('/programmer/reset-temppass');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Reset TempPass');
    await expect(this.page.getByLabel('TempPass MVPD')).toBeVisible();
  }

  async chooseMvpd(mvpd: string): Promise<void> {
    await this.page.getByLabel('TempPass MVPD').selectOption(mvpd);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset TempPass' }).click();
    await expect(this.page.getByRole('button', { name: 'Reset TempPass' })).toBeEnabled();
    await expect(this.result).toBeVisible();
  }

  async resetThisDevice(): Promise<void> {
    await this.page.getByLabel('One device').check();
    await this.submit();
  }

  async resetAllDevices(): Promise<void> {
    await this.page.getByLabel('All devices').check();
    await this.submit();
  }

  /** One identity, given by email (hashed in the page like the app does). */
  async resetIdentityByEmail(email: string): Promise<void> {
    await this.page.getByLabel('One identity (promotional TempPass)').check();
    await this.page.getByLabel('Email address, hashed here like the app does').check();
    await this.page.getByLabel('Email address', { exact: true }).fill(email);
    await this.submit();
  }
}
