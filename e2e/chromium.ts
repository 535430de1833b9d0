import { existsSync } from 'node:fs';

/**
 * Which Chromium the tests and benchmarks drive. CHROMIUM_PATH=/path forces that browser;
 * CHROMIUM_PATH= (empty) forces Playwright's own (after `npx playwright install chromium`);
 * unset: Debian's /usr/bin/chromium when present, else Playwright's own.
 */
export function systemChromiumPath(): string | undefined {
  const envPath = process.env.CHROMIUM_PATH;
  if (envPath !== undefined) return envPath || undefined;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Flags for a system Chromium in a sandbox-less container with no outside network. */
export const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch options: the system browser with its flags, or Playwright's defaults. */
export function chromiumLaunchOptions(): { executablePath?: string; args?: string[] } {
  const executablePath = systemChromiumPath();
  return executablePath ? { executablePath, args: SYSTEM_CHROMIUM_ARGS } : {};
}
