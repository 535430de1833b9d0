import { resolve } from 'node:path';
import { appConfigFromEnv } from '../../emulator/app-config.ts';
import { THROTTLE_MODES, type ThrottleMode } from '../../emulator/domain/throttle.ts';
import { startServer } from '../../emulator/server.ts';

/**
 * The real server (emulator/server.ts, as `npm start` runs it) serving a production build from
 * BENCH_STATIC_DIR instead of dist/, so the benchmarks never touch the build others may be using.
 * Environment as emulator/main.ts: PORT, HOST, EMULATOR_DB (:memory: here), EMULATOR_THROTTLE, PASS_*.
 */
const staticDir = process.env.BENCH_STATIC_DIR;
if (!staticDir) throw new Error('BENCH_STATIC_DIR is required');
const throttleMode = (process.env.EMULATOR_THROTTLE || 'adobe') as ThrottleMode;
if (!THROTTLE_MODES.includes(throttleMode)) throw new Error(`bad EMULATOR_THROTTLE ${throttleMode}`);

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST || '127.0.0.1',
  database: process.env.EMULATOR_DB || ':memory:',
  throttleMode,
  staticDir: resolve(staticDir),
  appConfig: (context) => appConfigFromEnv(process.env, context.seed),
  imageOrigins: (process.env.PASS_IMAGE_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean),
});
console.log(`[bench] the real server, serving ${staticDir}, listening on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
