import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';

/**
 * The localStorage key of the app's device store (`src/state/device-store.ts`): the device id sent
 * as `AP-Device-Identifier`, the chosen MVPD, the MVPDs picked on this device, the pending code.
 * Stored in zustand's persist format, `{"state": {…}, "version": 0}`.
 */
export const DEVICE_STORE_KEY = 'passref.device';
const DEVICE_STORE_VERSION = 0;

/**
 * Makes every page of `context` start with `deviceId` as its device id, before the app's code runs.
 * Only an absent entry is written, so what the app stores later (chosen provider, pending code)
 * survives reloads and navigations as in a real browser. The emulator keys everything by the
 * decoded `AP-Device-Identifier` value, i.e. this string: use it for `resetDevice`, device-scoped
 * scenarios and `events({ deviceId })`.
 */
export async function assignDeviceId(context: BrowserContext, deviceId: string): Promise<void> {
  await context.addInitScript(
    ({ key, id, version }) => {
      try {
        if (window.localStorage.getItem(key) === null)
          window.localStorage.setItem(key, JSON.stringify({ state: { deviceId: id }, version }));
      } catch {
        // about:blank and opaque origins have no localStorage: nothing to do there.
      }
    },
    { key: DEVICE_STORE_KEY, id: deviceId, version: DEVICE_STORE_VERSION },
  );
}

/** The device id the app in this page uses (read from its store). */
export async function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate((key) => {
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { state?: { deviceId?: string } };
    return stored.state?.deviceId ?? '';
  }, DEVICE_STORE_KEY);
}

export interface OpenedDevice {
  deviceId: string;
  context: BrowserContext;
  page: Page;
}

/** A browser context of its own (own storage, own DCR client) whose app uses `deviceId`. */
export async function openDevice(
  browser: Browser,
  deviceId: string,
  options: BrowserContextOptions = {},
): Promise<OpenedDevice> {
  const context = await browser.newContext(options);
  await assignDeviceId(context, deviceId);
  return { deviceId, context, page: await context.newPage() };
}
