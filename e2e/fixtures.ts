import { randomUUID } from 'node:crypto';
import { test as base, devices, expect, type Page, type TestInfo } from '@playwright/test';
import { startEmulatorProcess } from './emulator-process.ts';
import { AppPage } from './pages/app-page.ts';
import { assignDeviceId, openDevice, type OpenedDevice } from './pages/device.ts';
import { EmulatorControl } from './pages/emulator-control.ts';
import { PhonePage } from './pages/phone-page.ts';
import { signInOnPhone, signInPrimary, type SeededAccount, type SignInPath } from './pages/sign-in.ts';
import { TvPage } from './pages/tv-page.ts';

/**
 * The partner test kit (e2e/README.md "Fixtures"):
 * - an emulator per worker (`emulator/main.ts`, in-memory, throttling `per-device`), or the one at
 *   `EMULATOR_URL` shared by every worker (with `EMULATOR_ADMIN_TOKEN` when it requires one);
 * - device ids of the test's own (`deviceIds`), set in the app before its first page load, so tests
 *   never see each other's sessions, profiles, scenarios or events on a shared emulator;
 * - `emulator`: the control plane, reset before each test — the whole emulator when it is this
 *   worker's own, only the test's devices (before and after) when it is shared;
 * - `app` on the default `page`, and `tv` / `phone` on browser contexts of their own;
 * - `signIn.primary(page, account)`, `signIn.onPhone(tv, phone, account)` for seeded accounts;
 * - `ownEmulator`: a further emulator process for this test alone, started only when asked for.
 */
export interface EmulatorServer {
  url: string;
  /** Given by `EMULATOR_URL`: other workers (and runs) use it too. */
  shared: boolean;
}

/** This test's device ids (decoded `AP-Device-Identifier` values). */
export interface TestDevices {
  /** The default `page` (and `app`). */
  primary: string;
  tv: string;
  phone: string;
  /** A further id of this test, e.g. for a second TV (`openDevice(browser, deviceIds.make('tv2'))`). */
  make(role: string): string;
  /** Every id handed out so far (what the shared-emulator reset clears). */
  readonly all: readonly string[];
}

export interface SignInHelpers {
  primary(page: Page, account: SeededAccount, options?: { to?: string }): Promise<SignInPath>;
  onPhone(
    tv: TvPage,
    phone: PhonePage,
    account: SeededAccount,
    options?: { chooseOnPhone?: boolean },
  ): Promise<SignInPath>;
}

interface WorkerFixtures {
  emulatorServer: EmulatorServer;
  /** Distinguishes this worker's device ids from other runs' on a shared emulator. */
  runId: string;
}

/** An emulator process for this test alone (`ownEmulator`): emulator-wide calls disturb nobody. */
export interface OwnEmulator {
  url: string;
  control: EmulatorControl;
}

interface TestFixtures {
  deviceIds: TestDevices;
  emulator: EmulatorControl;
  ownEmulator: OwnEmulator;
  app: AppPage;
  tv: TvPage;
  phone: PhonePage;
  signIn: SignInHelpers;
}

function adminHeaders(): Record<string, string> {
  const token = process.env.EMULATOR_ADMIN_TOKEN;
  return token ? { 'X-Emulator-Admin-Token': token } : {};
}

function testDevices(runId: string, testInfo: TestInfo): TestDevices {
  const all: string[] = [];
  const prefix = `kit-${runId}-${testInfo.testId}-r${testInfo.retry}-${testInfo.repeatEachIndex}`;
  const make = (role: string) => {
    const id = `${prefix}-${role}`;
    if (!all.includes(id)) all.push(id);
    return id;
  };
  return { primary: make('primary'), tv: make('tv'), phone: make('phone'), make, all };
}

async function openScreen(
  opened: Promise<OpenedDevice>,
  use: (device: OpenedDevice) => Promise<void>,
): Promise<void> {
  const device = await opened;
  try {
    await use(device);
  } finally {
    await device.context.close();
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulatorServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shared = process.env.EMULATOR_URL?.replace(/\/+$/, '');
      if (shared) {
        await use({ url: shared, shared: true });
        return;
      }
      const server = await startEmulatorProcess();
      await use({ url: server.url, shared: false });
      await server.stop();
    },
    { scope: 'worker' },
  ],
  runId: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use(randomUUID().slice(0, 8)),
    { scope: 'worker' },
  ],
  baseURL: async ({ emulatorServer }, use) => {
    await use(emulatorServer.url);
  },
  deviceIds: async ({ runId }, use, testInfo) => {
    await use(testDevices(runId, testInfo));
  },
  emulator: [
    async ({ playwright, emulatorServer, deviceIds: ids }, use) => {
      const request = await playwright.request.newContext();
      const control = new EmulatorControl(request, emulatorServer.url, emulatorServer.shared, adminHeaders());
      if (emulatorServer.shared) await control.resetDevices(ids.all);
      else await control.reset();
      await use(control);
      if (emulatorServer.shared) await control.resetDevices(ids.all);
      await request.dispose();
    },
    { auto: true },
  ],
  ownEmulator: async ({ playwright }, use) => {
    const server = await startEmulatorProcess();
    const request = await playwright.request.newContext();
    try {
      await use({ url: server.url, control: new EmulatorControl(request, server.url) });
    } finally {
      await request.dispose();
      await server.stop();
    }
  },
  context: async ({ context, deviceIds: ids }, use) => {
    await assignDeviceId(context, ids.primary);
    await use(context);
  },
  app: async ({ page, deviceIds: ids }, use) => {
    await use(new AppPage(page, ids.primary));
  },
  tv: async ({ browser, baseURL, deviceIds: ids }, use) => {
    await openScreen(
      openDevice(browser, ids.tv, { baseURL, viewport: { width: 1280, height: 720 } }),
      async ({ page, deviceId }) => use(new TvPage(page, deviceId)),
    );
  },
  phone: async ({ browser, baseURL, deviceIds: ids }, use) => {
    await openScreen(
      openDevice(browser, ids.phone, { baseURL, ...devices['Pixel 7'] }),
      async ({ page, deviceId }) => use(new PhonePage(page, deviceId)),
    );
  },
  signIn: async ({ emulator }, use) => {
    const seed = await emulator.seed();
    await use({
      primary: (page, account, options) => signInPrimary(page, account, seed, options),
      onPhone: (tv, phone, account, options) => signInOnPhone(tv, phone, account, seed, options),
    });
  },
});

export { expect };
export { EmulatorControl };
export type {
  EmulatorEvent,
  NewScenario,
  Scenario,
  SeedView,
  StateDocument,
  ThrottleMode,
} from './pages/emulator-control.ts';
export type { SeededAccount, SignInPath } from './pages/sign-in.ts';
