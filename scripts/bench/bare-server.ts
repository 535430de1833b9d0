import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The emulator benchmark's baseline: a bare Node `http` server that reads the request and answers
 * one fixed JSON body (BENCH_BARE_BODY), on loopback, in its own process like the emulator.
 *
 * BENCH_BARE_WORK_US (calibration): busy-waits that many microseconds per request before answering,
 * to show what a fixed amount of handler work costs against the same baseline on this machine.
 */
const body = Buffer.from(process.env.BENCH_BARE_BODY ?? '{"ok":true}');
const workMs = Number(process.env.BENCH_BARE_WORK_US ?? '0') / 1000;
const server = createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    if (workMs > 0) {
      const started = performance.now();
      while (performance.now() - started < workMs);
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    response.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`[bench] bare server listening on http://127.0.0.1:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
