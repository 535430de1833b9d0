import { z } from '../pass/schemas/zod';
import {
  scenarioListSchema,
  scenarioSchema,
  seedViewSchema,
  type Scenario,
  type ScenarioInput,
  type SeedView,
} from './scenario-model';

/**
 * A typed client of the emulator's control plane (`/__emulator/*`, README "Control plane" and
 * "Scenarios"): scenarios, device reset, clock. Framework-free; every answer is validated with
 * zod/mini. The control plane answers loopback callers only (or callers with the admin token), so
 * this works when the app is opened on 127.0.0.1/localhost of the machine running the emulator.
 */
export interface EmulatorControlOptions {
  /** Origin of the emulator; `''` = this page's origin (the app's own server). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Sent as `X-Emulator-Admin-Token` when the emulator was started with `EMULATOR_ADMIN_TOKEN`. */
  adminToken?: string;
}

/**
 * - `forbidden` (403): not loopback and no (or a wrong) admin token;
 * - `invalid` (400): the emulator's validation message is the error's `message`;
 * - `not-found` (404): e.g. a scenario that is already gone;
 * - `unexpected-status`, `network` (no answer), `invalid-response` (an answer of the wrong shape).
 */
export type EmulatorControlErrorKind =
  'forbidden' | 'invalid' | 'not-found' | 'unexpected-status' | 'network' | 'invalid-response';

export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';
  readonly kind: EmulatorControlErrorKind;
  /** HTTP status; `null` without an answer. */
  readonly status: number | null;

  constructor(kind: EmulatorControlErrorKind, status: number | null, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.status = status;
  }
}

export interface DeviceResetResult {
  deviceId: string;
  /** What went, by kind (profiles, sessions, scenarios…), as the emulator counts it. */
  removed: Record<string, unknown>;
  now: number;
}

export interface EmulatorControl {
  /** `GET /__emulator/seed` (MVPDs, catalog titles and channels). */
  seed(): Promise<SeedView>;
  /** `GET /__emulator/scenarios`, in creation order. */
  listScenarios(): Promise<Scenario[]>;
  /** `POST /__emulator/scenarios` → the stored scenario (with its `id`). */
  addScenario(input: ScenarioInput): Promise<Scenario>;
  /** `DELETE /__emulator/scenarios/{id}`. */
  removeScenario(id: string): Promise<void>;
  /** `DELETE /__emulator/scenarios?deviceId=` (one device's; every scenario without one) → how many went. */
  clearScenarios(deviceId?: string): Promise<number>;
  /** `POST /__emulator/reset {"deviceId"}`: this device's profiles, sessions, trials and scenarios go. */
  resetDevice(deviceId: string): Promise<DeviceResetResult>;
  /** `GET /__emulator/clock` → emulator time (ms). */
  clock(): Promise<number>;
  /** `POST /__emulator/clock {"advanceMs"}` → the new emulator time (ms). */
  advanceClock(ms: number): Promise<number>;
}

const nowSchema = z.object({ now: z.number() });
const removedSchema = z.object({ removed: z.number() });
const deviceResetSchema = z.object({
  reset: z.literal('device'),
  deviceId: z.string(),
  removed: z.record(z.string(), z.unknown()),
  now: z.number(),
});
const errorBodySchema = z.object({ error: z.optional(z.string()), message: z.optional(z.string()) });

function kindOf(status: number): EmulatorControlErrorKind {
  if (status === 400) return 'invalid';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'unexpected-status';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The readable message of an error answer: the emulator's own `message` when it sent one. */
function errorMessage(status: number, text: string): string {
  const body = z.safeParse(errorBodySchema, parseJson(text));
  const message = body.success ? body.data.message : undefined;
  if (message) return message;
  if (status === 403) return 'The emulator control plane answers on loopback or with the admin token only.';
  return `The emulator control plane answered HTTP ${status}.`;
}

export function createEmulatorControl(options: EmulatorControlOptions): EmulatorControl {
  const base = options.baseUrl.replace(/\/+$/, '');
  // Call through globalThis so browsers do not throw "Illegal invocation" on a detached fetch.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<S extends z.core.$ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.adminToken) headers['X-Emulator-Admin-Token'] = options.adminToken;
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new EmulatorControlError(
        'network',
        null,
        `The emulator did not answer (${error instanceof Error ? error.message : 'network error'}).`,
        error,
      );
    }
    if (status < 200 || status >= 300) {
      throw new EmulatorControlError(kindOf(status), status, errorMessage(status, text));
    }
    const parsed = z.safeParse(schema, parseJson(text));
    if (!parsed.success) {
      throw new EmulatorControlError(
        'invalid-response',
        status,
        `Unexpected answer from ${method} ${path} (HTTP ${status}).`,
      );
    }
    return parsed.data;
  }

  return {
    seed: () => call('GET', '/__emulator/seed', seedViewSchema),
    listScenarios: async () => (await call('GET', '/__emulator/scenarios', scenarioListSchema)).scenarios,
    addScenario: (input) => call('POST', '/__emulator/scenarios', scenarioSchema, input),
    removeScenario: async (id) => {
      await call('DELETE', `/__emulator/scenarios/${encodeURIComponent(id)}`, removedSchema);
    },
    clearScenarios: async (deviceId) => {
      const query = deviceId === undefined ? '' : `?deviceId=${encodeURIComponent(deviceId)}`;
      return (await call('DELETE', `/__emulator/scenarios${query}`, removedSchema)).removed;
    },
    resetDevice: async (deviceId) => {
      const answer = await call('POST', '/__emulator/reset', deviceResetSchema, { deviceId });
      return { deviceId: answer.deviceId, removed: answer.removed, now: answer.now };
    },
    clock: async () => (await call('GET', '/__emulator/clock', nowSchema)).now,
    advanceClock: async (ms) => (await call('POST', '/__emulator/clock', nowSchema, { advanceMs: ms })).now,
  };
}
