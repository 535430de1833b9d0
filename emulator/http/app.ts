import { Hono } from 'hono';
import { DcrError, PassError } from '../domain/errors.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { cors } from './cors.ts';
import { throttleMiddleware, traceMiddleware } from './middleware.ts';
import { DroppedConnection, faultInjection } from './fault-injection.ts';
import { scenarioRoutes } from './scenario-routes.ts';
import { sendCode, sendDcrError, sendError, sendHtmlError } from './respond.ts';
import { controlRoutes } from './control-routes.ts';
import { dcrRoutes } from './dcr-routes.ts';
import { configurationRoutes } from './configuration-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import { decisionRoutes } from './decision-routes.ts';
import { logoutRoutes } from './logout-routes.ts';
import { mvpdPages } from './mvpd-pages.ts';
import { mediaRoutes } from './media-routes.ts';
import { resetTempPassRoutes } from './reset-temppass-routes.ts';
import { v1Routes } from './v1-routes.ts';

/** Request headers a browser client may send cross-origin (spec headers.md §9; ApiKey: Reset TempPass v2). */
const CORS_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'AP-Device-Identifier',
  'X-Device-Info',
  'X-Forwarded-For',
  'AP-TempPass-Identity',
  'AP-Visitor-Identifier',
  'AD-Service-Token',
  'Adobe-Subject-Token',
  'AP-Partner-Framework-Status',
  'ApiKey',
];

/** The whole emulated Adobe Pass on one Hono app (static SPA files are added by the server). */
export function createEmulatorApp(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.use('*', traceMiddleware(context));
  for (const prefix of ['/o/*', '/api/*', '/reggie/*', '/reset-tempass/*']) {
    app.use(prefix, cors({ methods: ['GET', 'POST', 'DELETE', 'OPTIONS'], headers: CORS_HEADERS }));
  }
  app.use('*', throttleMiddleware(context));
  // After the throttle: a throttled request is refused before any scenario draws or waits.
  app.use('*', faultInjection(context));

  // The control plane first: its admin gate covers every `/__emulator/*` path, scenarios included.
  app.route('/', controlRoutes(context));
  app.route('/', scenarioRoutes(context));
  app.route('/', dcrRoutes(context));
  app.route('/', configurationRoutes(context));
  app.route('/', sessionRoutes(context));
  app.route('/', profileRoutes(context));
  app.route('/', decisionRoutes(context));
  app.route('/', logoutRoutes(context));
  app.route('/', mvpdPages(context));
  app.route('/', mediaRoutes(context));
  app.route('/', resetTempPassRoutes(context));
  app.route('/', v1Routes(context));

  app.onError((error, c) => {
    // A `drop` fault driven in-process (no socket): let the caller's request reject.
    if (error instanceof DroppedConnection) throw error;
    if (error instanceof PassError) return sendError(c, error);
    if (error instanceof DcrError) return sendDcrError(c, error);
    // Anything else is a bug; answer in Adobe's shape without leaking internals.
    console.error('[emulator] unexpected error', error);
    if (c.req.path.startsWith('/adobe-services/') || c.req.path.startsWith('/api/v2/authenticate/')) {
      return sendHtmlError(
        c,
        500,
        'Something went wrong',
        'The sign-in service could not complete the request.',
      );
    }
    return sendCode(c, 'internal_server_error');
  });

  return app;
}
