import { expect, type Page } from '@playwright/test';
import { ApiTracePanel } from './api-trace-panel.ts';

/** A preset of the drawer's "Add a scenario" form, by its label in the "Scenario" select. */
export type ScenarioPreset =
  | 'Deny a title'
  | 'Deny a channel'
  | 'Degrade an MVPD'
  | 'Slow MVPD login'
  | 'Failing MVPD login'
  | 'Added latency on an endpoint'
  | 'Injected 5xx, 429 or dropped connection'
  | 'Throttle this device on or off';

/**
 * The API-trace drawer's scenario controls (emulator backend): the active scenarios of this device,
 * the "Add a scenario" form, device reset, the emulator clock and the share link.
 */
export class ScenarioPanel {
  readonly trace: ApiTracePanel;

  constructor(readonly page: Page) {
    this.trace = new ApiTracePanel(page);
  }

  get drawer() {
    return this.trace.drawer;
  }

  get panel() {
    return this.drawer.getByTestId('scenario-panel');
  }

  get form() {
    return this.panel.getByRole('form', { name: 'Add a scenario' });
  }

  /** The drawer's `role=status` line, where every result and error is announced. */
  get status() {
    return this.drawer.getByTestId('api-trace-status');
  }

  get error() {
    return this.panel.getByTestId('scenario-error');
  }

  get items() {
    return this.panel.getByTestId('scenario-item');
  }

  item(id: string) {
    return this.panel.locator(`[data-testid="scenario-item"][data-scenario-id="${id}"]`);
  }

  field(label: string) {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Opens the drawer and its scenario controls; resolves once the form is ready. */
  async open(): Promise<void> {
    await this.trace.open();
    const toggle = this.drawer.getByRole('button', { name: 'Scenario controls' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(this.form).toBeVisible();
  }

  /**
   * Fills the form and presses "Add scenario". `fields`: label → option value (selects) or text
   * (inputs); `scope` picks "This device" (default) or "All devices".
   */
  async add(
    preset: ScenarioPreset,
    fields: Record<string, string> = {},
    scope: 'This device' | 'All devices' = 'This device',
  ): Promise<void> {
    await this.field('Scenario').selectOption({ label: preset });
    for (const [label, value] of Object.entries(fields)) {
      const control = this.field(label);
      if ((await control.evaluate((element) => element.tagName)) === 'SELECT')
        await control.selectOption(value);
      else await control.fill(value);
    }
    await this.form.getByRole('radio', { name: scope }).check();
    await this.form.getByRole('button', { name: 'Add scenario' }).click();
  }

  async remove(id: string): Promise<void> {
    await this.item(id)
      .getByRole('button', { name: /^Remove / })
      .click();
  }

  /** "Reset this device…", then the confirmation. */
  async resetDevice(): Promise<void> {
    await this.panel.getByTestId('reset-device').click();
    await this.panel.getByTestId('reset-device-confirm').click();
  }

  /** One of the clock buttons: `+1 min`, `+10 min`, `+1 h`, `+1 day`. */
  async advanceClock(step: '+1 min' | '+10 min' | '+1 h' | '+1 day'): Promise<void> {
    await this.panel
      .getByRole('group', { name: 'Advance the emulator clock' })
      .getByRole('button', { name: step })
      .click();
  }

  /** "Copy share link" → the link shown under it. */
  async shareLink(): Promise<string> {
    await this.drawer.getByTestId('share-link-copy').click();
    const field = this.drawer.getByTestId('share-link');
    await expect(field).toBeVisible();
    return field.inputValue();
  }
}
