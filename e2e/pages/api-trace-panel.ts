import { expect, type Download, type Page } from '@playwright/test';

/** The developer API-trace drawer (header button "API trace", or Alt+Shift+T). */
export class ApiTracePanel {
  constructor(readonly page: Page) {}

  get button() {
    return this.page.getByRole('button', { name: 'API trace', exact: true });
  }

  get drawer() {
    return this.page.getByRole('dialog', { name: 'API trace' });
  }

  get calls() {
    return this.drawer.getByTestId('api-trace-call');
  }

  callsInPhase(phase: string) {
    return this.drawer.locator(`[data-testid="api-trace-call"][data-phase="${phase}"]`);
  }

  get revealButton() {
    return this.drawer.getByRole('button', { name: 'Reveal secrets' });
  }

  async open(): Promise<void> {
    await this.button.click();
    await expect(this.drawer).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.drawer).toBeHidden();
  }

  /** Expands a call (its summary button) and returns its details region. */
  async expand(index: number, phase?: string) {
    const call = (phase ? this.callsInPhase(phase) : this.calls).nth(index);
    await call.getByRole('button', { expanded: false }).first().click();
    const details = call.getByTestId('api-trace-details');
    await expect(details).toBeVisible();
    return details;
  }

  async downloadHar(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.drawer.getByRole('button', { name: 'Download HAR' }).click();
    return download;
  }
}
