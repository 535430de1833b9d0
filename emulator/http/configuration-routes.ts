import { Hono, type Context } from 'hono';
import { describeDevice } from '../domain/device-description.ts';
import { parseDeviceInfo, type DeviceInfo } from '../domain/device.ts';
import type { SeedMvpd } from '../domain/seed.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed, requireClient } from './middleware.ts';
import { clientIp, requestOrigin, userAgent } from './request-info.ts';
import { sendJson } from './respond.ts';

/**
 * `GET /api/v2/{serviceProvider}/configuration` (spec configuration.md), with or without a trailing
 * slash; the `profile` query is accepted and ignored. Choices (inferred):
 * - `device`/`os` come from the optional device headers (else User-Agent; else "unknown"/"Unknown").
 *   The device headers are optional here, so a malformed X-Device-Info is ignored rather than refused.
 * - `logoUrl` is absolute: the seed's `/media/logos/…` path resolved against the request's origin.
 * - MVPD flags appear only when true (Adobe omits booleans that do not apply).
 * - Every seeded MVPD is integrated with the one service provider; `mvpdInitiated` is false.
 */
function optionalDeviceInfo(c: Context): DeviceInfo | undefined {
  try {
    return parseDeviceInfo(c.req.header('X-Device-Info'));
  } catch {
    return undefined;
  }
}

function mvpdJson(mvpd: SeedMvpd, origin: string): Record<string, unknown> {
  const flags = Object.fromEntries(Object.entries(mvpd.flags ?? {}).filter(([, value]) => value === true));
  return {
    id: mvpd.id,
    displayName: mvpd.displayName,
    logoUrl: new URL(mvpd.logoUrl, origin).href,
    ...flags,
  };
}

export function configurationRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();

  for (const path of ['/api/v2/:serviceProvider/configuration', '/api/v2/:serviceProvider/configuration/']) {
    router.get(path, requireClient(context), (c) => {
      const origin = requestOrigin(c);
      const device = describeDevice(optionalDeviceInfo(c), userAgent(c), clientIp(c));
      const { seed } = context;
      return sendJson(c, {
        device: device.type ?? 'unknown',
        clientType: 'html5',
        os: device.operatingSystem.name ?? 'Unknown',
        requestor: {
          id: seed.serviceProvider,
          name: seed.serviceProviderName,
          domains: seed.domains.map((name) => ({ name, mvpdInitiated: false })),
          mvpds: seed.mvpds.map((mvpd) => mvpdJson(mvpd, origin)),
        },
      });
    });
    router.all(path, methodNotAllowed(['GET']));
  }

  return router;
}
