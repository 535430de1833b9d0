import {
  ADOBE_THROTTLE,
  MAX_THROTTLE_BURST,
  MAX_THROTTLE_RATE,
  THROTTLE_MODES,
  type ThrottleMode,
  type ThrottleSettings,
} from './domain/throttle.ts';

/**
 * The throttle of `npm start` / `npm run dev` from the environment (README "Configuration"):
 * EMULATOR_THROTTLE (adobe | per-device | off), EMULATOR_THROTTLE_RATE (tokens per second, > 0),
 * EMULATOR_THROTTLE_BURST (requests on top of the steady one, ≥ 0) and EMULATOR_THROTTLE_RETRY_AFTER
 * (1 / true adds a Retry-After header Adobe does not send). Unset means Adobe's values. A malformed
 * value throws, with a message naming the variable.
 */
export function throttleFromEnv(env: NodeJS.ProcessEnv): {
  throttleMode: ThrottleMode;
  throttleSettings: ThrottleSettings;
} {
  const mode = env.EMULATOR_THROTTLE || 'adobe';
  if (!(THROTTLE_MODES as readonly string[]).includes(mode)) {
    throw new Error(`EMULATOR_THROTTLE must be one of ${THROTTLE_MODES.join(', ')}, got "${mode}"`);
  }
  const ratePerSecond = numberVar(env, 'EMULATOR_THROTTLE_RATE', ADOBE_THROTTLE.ratePerSecond);
  if (!(ratePerSecond > 0 && ratePerSecond <= MAX_THROTTLE_RATE)) {
    throw new Error(`EMULATOR_THROTTLE_RATE must be a number above 0 and at most ${MAX_THROTTLE_RATE}`);
  }
  const burst = numberVar(env, 'EMULATOR_THROTTLE_BURST', ADOBE_THROTTLE.burst);
  if (!(Number.isInteger(burst) && burst >= 0 && burst <= MAX_THROTTLE_BURST)) {
    throw new Error(`EMULATOR_THROTTLE_BURST must be an integer from 0 to ${MAX_THROTTLE_BURST}`);
  }
  const flag = (env.EMULATOR_THROTTLE_RETRY_AFTER ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(flag)) {
    throw new Error('EMULATOR_THROTTLE_RETRY_AFTER must be 1, true, 0 or false');
  }
  return {
    throttleMode: mode as ThrottleMode,
    throttleSettings: { ratePerSecond, burst, retryAfter: flag === '1' || flag === 'true' },
  };
}

function numberVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  return /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
}
