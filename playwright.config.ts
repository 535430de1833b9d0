import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// CHROMIUM_PATH=/path/to/chrome forces that browser; CHROMIUM_PATH= (empty) forces Playwright's own
// (after `npx playwright install chromium`); unset: Debian's /usr/bin/chromium when present.
const envPath = process.env.CHROMIUM_PATH;
const systemChromium =
  envPath !== undefined
    ? envPath || undefined
    : existsSync('/usr/bin/chromium')
      ? '/usr/bin/chromium'
      : undefined;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/playwright.json' }]] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: [
                '--no-sandbox',
                '--disable-gpu',
                '--disable-dev-shm-usage',
                '--disable-background-networking',
                '--disable-component-update',
                '--disable-sync',
                '--no-first-run',
              ],
            }
          : {},
      },
    },
  ],
});
