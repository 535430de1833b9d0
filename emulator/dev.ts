import { createServer } from 'vite';
import { appConfigFromEnv } from './app-config.ts';
import { API_PREFIXES, startServer } from './server.ts';
import { throttleFromEnv } from './throttle-env.ts';

/**
 * `npm run dev`: Vite with hot module reload on PORT (5173), the emulator behind it on a free
 * loopback port; Vite proxies every emulator path, keeping the browser's Host header so redirects
 * come back to the dev origin.
 */
const port = Number(process.env.PORT ?? 5173);
const throttle = throttleFromEnv(process.env);

const emulator = await startServer({
  port: 0,
  host: '127.0.0.1',
  database: process.env.EMULATOR_DB || '.data/emulator.sqlite',
  ...throttle,
  appConfig: (context) => appConfigFromEnv(process.env, context.seed),
});

const proxied = ['/app-config.json', '/catalog.json', ...API_PREFIXES];
const vite = await createServer({
  server: {
    host: process.env.HOST || '127.0.0.1',
    port,
    strictPort: true,
    proxy: Object.fromEntries(
      proxied.map((path) => [
        `^${path.replace(/[.]/g, '\\.')}`,
        { target: emulator.url, changeOrigin: false },
      ]),
    ),
  },
});
await vite.listen();
vite.printUrls();
console.log(`[emulator] behind Vite at ${emulator.url}`);
