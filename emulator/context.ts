import { EmulatorClock } from './domain/clock.ts';
import { resetCodeEntryLimits } from './domain/code-entry-limit.ts';
import { loadOrCreateSigningKeys, type SigningKeys } from './domain/keys.ts';
import { cryptoRandom, seededRandom, type Random } from './domain/random.ts';
import { clearScenarios, invalidateScenarioCache } from './domain/scenarios.ts';
import { createSeed, type Seed } from './domain/seed.ts';
import { Throttle, type ThrottleMode, type ThrottleSettings } from './domain/throttle.ts';
import {
  clearDeviceState,
  clearRuntimeState,
  getMeta,
  openDatabase,
  setMeta,
  type Db,
  type DeviceStateRemoved,
} from './store/database.ts';

/** Everything a route or rule needs, created once per emulator instance (tests make their own). */
export interface EmulatorContext {
  db: Db;
  clock: EmulatorClock;
  seed: Seed;
  keys: SigningKeys;
  throttle: Throttle;
  /** Identifiers: codes, session ids, client ids, secrets, traces. */
  random: Random;
  /** Injected-fault decisions: a stream of its own, so turning faults on does not change codes. */
  faultRandom: Random;
  /** The seed of `random`/`faultRandom`, or undefined for cryptographic randomness. */
  randomSeed: string | undefined;
}

export interface EmulatorOptions {
  /** SQLite file, or ':memory:'. */
  database: string;
  throttleMode?: ThrottleMode;
  /** Rate, burst and the Retry-After flag (default: Adobe's values, no Retry-After). */
  throttleSettings?: Partial<ThrottleSettings>;
  seed?: Seed;
  random?: Random;
  /** Seed for reproducible identifiers and faults (`EMULATOR_SEED`); ignored when `random` is given. */
  randomSeed?: string;
  /** Real time source; tests may inject one. */
  realNow?: () => number;
  /** Signing key to use instead of the stored one (tests share one to save RSA generation time). */
  keys?: SigningKeys;
}

export function createEmulatorContext(options: EmulatorOptions): EmulatorContext {
  const db = openDatabase(options.database);
  const realNow = options.realNow ?? Date.now;
  const storedOffset = Number(getMeta(db, 'clock_offset') ?? '0');
  const clock = new EmulatorClock(Number.isFinite(storedOffset) ? storedOffset : 0, realNow, (offset) =>
    setMeta(db, 'clock_offset', String(offset)),
  );
  const random = randomSources(options.randomSeed, options.random);
  const context: EmulatorContext = {
    db,
    clock,
    seed: options.seed ?? createSeed(),
    keys: options.keys ?? loadOrCreateSigningKeys(db),
    throttle: new Throttle(options.throttleMode ?? 'adobe', realNow, options.throttleSettings),
    ...random,
  };
  configuredRandom.set(context, random);
  return context;
}

/** The random sources an emulator was created with: a full reset goes back to them. */
const configuredRandom = new WeakMap<
  EmulatorContext,
  Pick<EmulatorContext, 'random' | 'faultRandom' | 'randomSeed'>
>();

function randomSources(
  seed: string | undefined,
  random?: Random,
): Pick<EmulatorContext, 'random' | 'faultRandom' | 'randomSeed'> {
  if (random) return { random, faultRandom: random, randomSeed: undefined };
  if (seed === undefined) return { random: cryptoRandom, faultRandom: cryptoRandom, randomSeed: undefined };
  return {
    random: seededRandom(`ids:${seed}`),
    faultRandom: seededRandom(`faults:${seed}`),
    randomSeed: seed,
  };
}

/** Restarts the random streams from `seed` (or cryptographic randomness when undefined). */
export function reseedEmulator(context: EmulatorContext, seed: string | undefined): void {
  Object.assign(context, randomSources(seed));
}

/**
 * Back to the seed: runtime state emptied, clock at real time, throttle buckets full, and the random
 * streams restarted from the configured seed (`EMULATOR_SEED`), so that a reset is a repeatable
 * start (without a configured seed: the sources the emulator was created with).
 */
export function resetEmulator(context: EmulatorContext): void {
  clearRuntimeState(context.db);
  invalidateScenarioCache(context);
  context.clock.reset();
  context.throttle.reset();
  resetCodeEntryLimits(context);
  const configured = configuredRandom.get(context);
  if (configured?.randomSeed !== undefined) reseedEmulator(context, configured.randomSeed);
  else if (configured) Object.assign(context, configured);
}

export type DeviceResetResult = DeviceStateRemoved & { scenarios: number; throttleBucket: boolean };

/**
 * Removes one device's state (the decoded AP-Device-Identifier value), everything else stays: see
 * `clearDeviceState`, plus the scenarios scoped to the device and its `per-device` throttle bucket.
 */
export function resetDevice(context: EmulatorContext, deviceId: string): DeviceResetResult {
  const removed = clearDeviceState(context.db, deviceId);
  const scenarios = clearScenarios(context, deviceId);
  const header = `fingerprint ${Buffer.from(deviceId, 'utf8').toString('base64')}`;
  return { ...removed, scenarios, throttleBucket: context.throttle.forgetDevice(header) };
}
