import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.ts';

interface WorkerFixtures {
  /** One emulator process per worker: tests in different workers never share state. */
  emulatorServer: EmulatorProcess;
}

interface TestFixtures {
  /** The control plane of this worker's emulator, reset before each test. */
  emulator: EmulatorControl;
}

export class EmulatorControl {
  constructor(
    private readonly request: APIRequestContext,
    readonly url: string,
  ) {}

  async reset(): Promise<void> {
    expect((await this.request.post(`${this.url}/__emulator/reset`)).ok()).toBe(true);
  }

  async advanceClock(ms: number): Promise<number> {
    const response = await this.request.post(`${this.url}/__emulator/clock`, { data: { advanceMs: ms } });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { now: number }).now;
  }

  /** Throttle mode of this emulator (`reset()` does not change it; restore what you set). */
  async throttleMode(): Promise<ThrottleMode> {
    return (
      (await (await this.request.get(`${this.url}/__emulator/throttle`)).json()) as { mode: ThrottleMode }
    ).mode;
  }

  async setThrottle(mode: ThrottleMode): Promise<void> {
    expect((await this.request.post(`${this.url}/__emulator/throttle`, { data: { mode } })).ok()).toBe(true);
  }

  async seed(): Promise<SeedView> {
    return (await (await this.request.get(`${this.url}/__emulator/seed`)).json()) as SeedView;
  }
}

export type ThrottleMode = 'adobe' | 'per-device' | 'off';

export interface SeedView {
  serviceProvider: string;
  mvpds: { id: string; displayName: string; personality: string }[];
  accounts: { mvpd: string; username: string; password: string; plan: string }[];
  resources: { id: string; title: string; channel: string }[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulatorServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startEmulatorProcess();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ emulatorServer }, use) => {
    await use(emulatorServer.url);
  },
  emulator: async ({ request, emulatorServer }, use) => {
    const control = new EmulatorControl(request, emulatorServer.url);
    await control.reset();
    await use(control);
  },
});

export { expect };
