import { Hono } from 'hono';
import { z } from 'zod';
import { PassError } from '../domain/errors.ts';
import { logout } from '../domain/logout.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed, readDevice, requireClient } from './middleware.ts';
import { DUPLICATE, requestOrigin, single } from './request-info.ts';
import { sendJson } from './respond.ts';

/**
 * `GET /api/v2/{serviceProvider}/logout/{mvpd}?redirectUrl=` (spec logout.md). Always 200 JSON.
 * The `url` of an interactive logout is made **absolute** against the request's origin, as in
 * Adobe's basic samples (`https://sp.auth.adobe.com/adobe-services/logout?…`); clients must accept
 * relative ones too (SSO samples). The MVPD logout page itself is served by mvpd-pages.ts.
 */
const redirectQuery = z.string().min(1).max(2048).optional();

export function logoutRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const path = '/api/v2/:serviceProvider/logout/:mvpd';

  router.get(path, requireClient(context), (c) => {
    const { deviceId } = readDevice(c);
    const raw = single(c.req.queries('redirectUrl'));
    const parsed = redirectQuery.safeParse(raw === DUPLICATE ? null : raw);
    if (!parsed.success) throw new PassError('invalid_parameter_redirect_url');
    const origin = requestOrigin(c);
    const outcome = logout(context, {
      appId: c.get('client').appId,
      deviceId,
      serviceProvider: c.req.param('serviceProvider'),
      mvpd: c.req.param('mvpd'),
      redirectUrl: parsed.data,
      requestOrigin: origin,
    });
    return sendJson(c, {
      logouts: {
        [outcome.mvpd]: {
          actionName: outcome.actionName,
          actionType: outcome.actionType,
          mvpd: outcome.mvpd,
          ...(outcome.path ? { url: new URL(outcome.path, origin).href } : {}),
        },
      },
    });
  });
  router.all(path, methodNotAllowed(['GET']));

  return router;
}
