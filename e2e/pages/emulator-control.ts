import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { EmulatorEvent, EventType } from '../../emulator/domain/events.ts';
import type { Scenario, ScenarioScope, ScenarioSpec } from '../../emulator/domain/scenarios.ts';
import type { StateDocument } from '../../emulator/domain/state-export.ts';

export type { EmulatorEvent, EventType, Scenario, StateDocument };
export type ThrottleMode = 'adobe' | 'per-device' | 'off';
/** What `POST /__emulator/scenarios` takes: one scenario with its optional device/MVPD scope. */
export type NewScenario = ScenarioSpec & ScenarioScope;

export interface SeedView {
  serviceProvider: string;
  mvpds: {
    id: string;
    displayName: string;
    personality: string;
    loginDisplay: 'redirect' | 'iframe' | 'popup';
    degradation?: 'AuthNAll' | 'AuthZAll' | 'AuthZNone';
    isTempPass?: boolean;
  }[];
  accounts: { mvpd: string; username: string; password: string; plan: string }[];
  resources: { id: string; title: string; channel: string }[];
}

export interface DeviceReset {
  reset: 'device';
  deviceId: string;
  removed: Record<string, number | boolean>;
  now: number;
}

export interface EventQuery {
  deviceId?: string;
  type?: EventType | readonly EventType[];
  limit?: number;
  /** Only events with a greater id ("what happened since"). */
  after?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The whole control plane of one emulator (`/__emulator/*`, README "Control plane" and
 * "Scenarios"). Every call checks its answer and fails the test with the emulator's message.
 *
 * Device-scoped calls (`resetDevice`, scenarios with `deviceId`, `events({ deviceId })`) are safe
 * on an emulator other test workers share. Emulator-wide ones — `reset`, the clock, `setThrottle`,
 * `importState`, unscoped scenarios — change what every worker sees: on a shared emulator
 * (`shared`), keep them to tests that run alone.
 */
export class EmulatorControl {
  private seedView: SeedView | undefined;

  constructor(
    private readonly request: APIRequestContext,
    readonly url: string,
    /** Other workers use this emulator too (the kit was given `EMULATOR_URL`). */
    readonly shared = false,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  private async call<T>(method: Method, path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${this.url}${path}`, {
      method,
      // A fresh connection per call: a kept-alive one may be closed by the server (Node's 5 s idle
      // timeout) just as the next call goes out, which fails that call with ECONNRESET.
      headers: { ...this.headers, Connection: 'close' },
      ...(data === undefined ? {} : { data }),
    });
    const text = await response.text();
    expect(response.ok(), `${method} ${path} → ${response.status()} ${text}`).toBe(true);
    return JSON.parse(text) as T;
  }

  /** Everything back to the seed (emulator-wide); `seed` also restarts the random streams from it. */
  async reset(options: { seed?: string | number } = {}): Promise<{ seed: string | null; now: number }> {
    return this.call('POST', '/__emulator/reset', options.seed === undefined ? {} : { seed: options.seed });
  }

  /** Only this device's state: sessions, profiles, playbacks, TempPass links, scenarios, events… */
  async resetDevice(deviceId: string): Promise<DeviceReset> {
    return this.call('POST', '/__emulator/reset', { deviceId });
  }

  async resetDevices(deviceIds: readonly string[]): Promise<void> {
    for (const deviceId of deviceIds) await this.resetDevice(deviceId);
  }

  /** `GET /__emulator/seed` (read once per control). */
  async seed(): Promise<SeedView> {
    this.seedView ??= await this.call<SeedView>('GET', '/__emulator/seed');
    return this.seedView;
  }

  async mvpdName(mvpd: string): Promise<string> {
    const found = (await this.seed()).mvpds.find((entry) => entry.id === mvpd);
    if (!found) throw new Error(`${mvpd} is not a seeded MVPD`);
    return found.displayName;
  }

  async exportState(): Promise<StateDocument> {
    return this.call('GET', '/__emulator/state');
  }

  /** Replaces the whole runtime state (emulator-wide) and sets the clock to the document's. */
  async importState(
    document: StateDocument,
  ): Promise<{ imported: Record<string, number>; scenarios: number; now: number }> {
    return this.call('PUT', '/__emulator/state', document);
  }

  /** `GET /__emulator/events`, newest first. */
  async events(query: EventQuery = {}): Promise<EmulatorEvent[]> {
    const params = new URLSearchParams();
    if (query.deviceId !== undefined) params.set('deviceId', query.deviceId);
    if (query.type !== undefined)
      params.set('type', typeof query.type === 'string' ? query.type : query.type.join(','));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.after !== undefined) params.set('after', String(query.after));
    const search = params.toString();
    return (
      await this.call<{ events: EmulatorEvent[] }>('GET', `/__emulator/events${search ? `?${search}` : ''}`)
    ).events;
  }

  async addScenario(scenario: NewScenario): Promise<Scenario> {
    return this.call('POST', '/__emulator/scenarios', scenario);
  }

  async scenarios(): Promise<Scenario[]> {
    return (await this.call<{ scenarios: Scenario[] }>('GET', '/__emulator/scenarios')).scenarios;
  }

  async removeScenario(scenario: string | Pick<Scenario, 'id'>): Promise<void> {
    const id = typeof scenario === 'string' ? scenario : scenario.id;
    await this.call('DELETE', `/__emulator/scenarios/${encodeURIComponent(id)}`);
  }

  /** Removes every scenario, or only one device's. Resolves with how many went. */
  async clearScenarios(options: { deviceId?: string } = {}): Promise<number> {
    const query = options.deviceId === undefined ? '' : `?deviceId=${encodeURIComponent(options.deviceId)}`;
    return (await this.call<{ removed: number }>('DELETE', `/__emulator/scenarios${query}`)).removed;
  }

  /** Throttle mode of this emulator (a reset does not change it; restore what you set). */
  /**
   * Revokes one DCR client, or every client of a software statement (emulator-wide for a
   * `softwareId`: every app of that statement registers again). Returns how many were revoked.
   */
  async revokeClients(target: { clientId: string } | { softwareId: string }): Promise<number> {
    return (await this.call<{ revoked: number }>('POST', '/__emulator/clients/revoke', target)).revoked;
  }

  async throttleMode(): Promise<ThrottleMode> {
    return (await this.call<{ mode: ThrottleMode }>('GET', '/__emulator/throttle')).mode;
  }

  async setThrottle(mode: ThrottleMode): Promise<void> {
    await this.call('POST', '/__emulator/throttle', { mode });
  }

  /** The emulator clock (ms). */
  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', '/__emulator/clock')).now;
  }

  async setClock(now: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', '/__emulator/clock', { now })).now;
  }

  /** Moves the emulator clock only (codes, tokens and profiles expire by it). */
  async advanceClock(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', '/__emulator/clock', { advanceMs: ms })).now;
  }

  /**
   * Moves time for the emulator and for each page's `page.clock` by the same amount: the emulator's
   * expiries and the app's timers (countdowns, polling, expiry checks) stay in step. Pages whose
   * clock is not installed yet get it installed by Playwright. Due timers fire once, as with
   * `page.clock.fastForward`.
   */
  async advanceTime(ms: number, ...pages: Page[]): Promise<number> {
    const now = await this.advanceClock(ms);
    for (const page of pages) await page.clock.fastForward(ms);
    return now;
  }
}
