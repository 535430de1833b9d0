import { expect, type Locator, type Page } from '@playwright/test';

/**
 * "Watch free" (`/free`) and the free-pass views around it. Navigation stays inside the app (links,
 * never `page.goto`) once an email was entered: the promotional identity lives in memory only, so a
 * full page load forgets it — by design.
 */
export class FreePage {
  readonly countdown: Locator;
  readonly expired: Locator;
  readonly emailInput: Locator;
  readonly titlesLeft: Locator;
  readonly titlesWatched: Locator;
  readonly expiry: Locator;
  readonly exhausted: Locator;
  readonly gate: Locator;
  readonly player: Locator;

  constructor(readonly page: Page) {
    this.countdown = page.getByTestId('free-countdown');
    this.expired = page.getByTestId('free-expired');
    this.emailInput = page.getByLabel('Email address', { exact: true });
    this.titlesLeft = page.getByTestId('promo-titles-left');
    this.titlesWatched = page.getByTestId('promo-titles-watched');
    this.expiry = page.getByTestId('promo-expiry');
    this.exhausted = page.getByTestId('promo-exhausted');
    this.gate = page.getByTestId('playback-gate');
    this.player = page.getByTestId('player');
  }

  async open(): Promise<void> {
    await this.page.goto('/free');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Watch free');
  }

  /** From any page with the app's header, without reloading. */
  async openFromHeader(): Promise<void> {
    await this.page.getByTestId('free-pass-status').click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Watch free');
  }

  /** Basic pass: "Watch free now" → the catalog. */
  async startBasic(): Promise<void> {
    await this.page.getByRole('button', { name: 'Watch free now' }).click();
    await expect(this.page.getByTestId('catalog')).toBeVisible();
  }

  /** Promotional pass: types the email and submits; resolves once the pass's status shows. */
  async enterEmail(email: string): Promise<void> {
    await this.emailInput.fill(email);
    await this.page.getByRole('button', { name: 'Get my free titles' }).click();
    await expect(this.titlesLeft).toBeVisible();
  }

  /** "Browse free titles" → the catalog. */
  async browse(): Promise<void> {
    await this.page.getByRole('button', { name: 'Browse free titles' }).click();
    await expect(this.page.getByTestId('catalog')).toBeVisible();
  }

  /** From the catalog: opens a title through its tile. */
  async openTitle(resource: string): Promise<void> {
    await this.page.getByTestId(`tile-${resource}`).getByRole('link').click();
    await expect(this.gate).not.toHaveAttribute('data-state', 'authorizing');
  }

  /** From the catalog: plays a title, then goes back to Browse. */
  async play(resource: string): Promise<void> {
    await this.openTitle(resource);
    await expect(this.gate).toHaveAttribute('data-state', 'play');
    await expect(this.player).toBeVisible();
    await this.page.getByRole('link', { name: 'Back to Browse' }).click();
    await expect(this.page.getByTestId('catalog')).toBeVisible();
  }
}
