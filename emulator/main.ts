import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appConfigFromEnv } from './app-config.ts';
import { startServer } from './server.ts';
import { throttleFromEnv } from './throttle-env.ts';

/**
 * `npm start` / `npm run serve`: one process serving the built SPA and the whole emulator on one
 * origin. Environment: PORT (8080), HOST (127.0.0.1), EMULATOR_DB (.data/emulator.sqlite or
 * :memory:), EMULATOR_THROTTLE (adobe | per-device | off) and EMULATOR_THROTTLE_RATE / _BURST /
 * _RETRY_AFTER (throttle-env.ts), EMULATOR_SEED, PASS_STATIC_DIR (built SPA,
 * default dist/), PASS_* (see README).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`[emulator] ${message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`PORT must be 0-65535, got "${process.env.PORT}"`);
const host = process.env.HOST || '127.0.0.1';
let throttle: ReturnType<typeof throttleFromEnv>;
try {
  throttle = throttleFromEnv(process.env);
} catch (error) {
  fail((error as Error).message);
}
const database = process.env.EMULATOR_DB || join(root, '.data', 'emulator.sqlite');
// Reproducible identifiers and fault decisions: any text, e.g. EMULATOR_SEED=42 (README "Control plane").
const randomSeed = process.env.EMULATOR_SEED || undefined;
if (randomSeed !== undefined && randomSeed.length > 256) fail('EMULATOR_SEED must be at most 256 characters');

const server = await startServer({
  port,
  host,
  database: database === ':memory:' ? database : resolve(database),
  ...throttle,
  ...(randomSeed !== undefined ? { randomSeed } : {}),
  staticDir: process.env.PASS_STATIC_DIR ? resolve(process.env.PASS_STATIC_DIR) : join(root, 'dist'),
  appConfig: (context) => appConfigFromEnv(process.env, context.seed),
  imageOrigins: (process.env.PASS_IMAGE_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean),
});
console.log(
  `[emulator] Pass reference app and Adobe Pass emulator listening on ${server.url}${
    randomSeed !== undefined ? ` (EMULATOR_SEED=${randomSeed})` : ''
  }`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
