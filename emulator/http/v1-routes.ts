import { Hono } from 'hono';
import { V1Error } from '../domain/v1-errors.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { v1AuthenticatePage } from './v1-authenticate-page.ts';
import { v1AuthnRoutes } from './v1-authn-routes.ts';
import { v1AuthzRoutes } from './v1-authz-routes.ts';
import { v1Endpoint } from './v1-endpoint.ts';
import { v1RegcodeRoutes } from './v1-regcode-routes.ts';

/**
 * The legacy Adobe Pass clientless REST API v1 (spec clientless-v1.md) on the emulator's origin:
 * `/reggie/v1/…` (registration codes) and `/api/v1/…` (authentication, authorization, tokens).
 * It shares accounts, profiles, TempPass trials and the clock with REST API v2 (README,
 * "Clientless REST API v1"). Unknown v1 paths answer the v1 404 body.
 */
export function v1Routes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  router.route('/', v1RegcodeRoutes(context));
  router.route('/', v1AuthenticatePage(context));
  router.route('/', v1AuthnRoutes(context));
  router.route('/', v1AuthzRoutes(context));
  for (const prefix of ['/api/v1/*', '/reggie/v1/*']) {
    router.all(
      prefix,
      v1Endpoint(() => {
        throw new V1Error(404, 'Not Found');
      }),
    );
  }
  return router;
}
