import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../src/config/app-config.ts';
import { createEmulatorContext, type EmulatorContext, type EmulatorOptions } from './context.ts';
import { createEmulatorApp } from './http/app.ts';
import type { EmulatorEnv } from './http/env.ts';
import { sendJson } from './http/respond.ts';
import { securityHeaders } from './http/security-headers.ts';

export interface ServerOptions extends EmulatorOptions {
  /** Built SPA (vite build output); omitted → API and emulator only. */
  staticDir?: string;
  appConfig: (context: EmulatorContext) => AppConfig;
  /** Origins MVPD logos may be loaded from besides this one (CSP img-src). */
  imageOrigins?: string[];
}

/** Paths that belong to the API/emulator: never answered with the SPA's index.html. */
export const API_PREFIXES = [
  '/o/',
  '/api/',
  '/reggie/',
  '/reset-tempass/',
  '/__emulator/',
  '/adobe-services/',
  '/media-token/',
  '/stream/',
  '/emulator/',
];

/** One Hono app: the emulator, `/app-config.json`, the built SPA with history fallback. */
export function createServerApp(options: ServerOptions): {
  app: Hono<EmulatorEnv>;
  context: EmulatorContext;
} {
  const context = createEmulatorContext(options);
  const app = new Hono<EmulatorEnv>();
  app.use('*', securityHeaders({ config: options.appConfig(context), imageOrigins: options.imageOrigins }));
  app.get('/app-config.json', (c) => {
    c.header('Cache-Control', 'no-store');
    return sendJson(c, options.appConfig(context));
  });
  // The programmer's content API: the seeded catalog, as the SPA's catalog source.
  app.get('/catalog.json', (c) =>
    sendJson(c, {
      channels: context.seed.resources
        .map((r) => ({ id: r.channel, name: r.channelName }))
        .filter((channel, index, all) => all.findIndex((other) => other.id === channel.id) === index),
      titles: context.seed.resources.map(({ id, title, channel, poster, synopsis, durationSeconds }) => ({
        id,
        title,
        channel,
        poster,
        synopsis,
        durationSeconds,
      })),
    }),
  );
  app.route('/', createEmulatorApp(context));

  const staticDir = options.staticDir;
  if (staticDir && existsSync(join(staticDir, 'index.html'))) {
    const indexHtml = readFileSync(join(staticDir, 'index.html'), 'utf8');
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: staticDir }));
    app.get('*', (c) => {
      if (API_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return c.notFound();
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    });
  }
  return { app, context };
}

export interface RunningServer {
  url: string;
  context: EmulatorContext;
  close(): Promise<void>;
}

/** Starts the server; port 0 picks a free port (tests). */
export function startServer(options: ServerOptions & { port: number; host: string }): Promise<RunningServer> {
  const { app, context } = createServerApp(options);
  return new Promise((resolve) => {
    // The listening callback runs after `serve` has returned, so `server` is assigned by then.
    const server: ServerType = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          context,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => {
                context.db.close();
                done();
              });
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
  });
}
