import { Hono } from 'hono';
import { listDeviceProfiles, profileForMvpd, profileForSession } from '../domain/profiles-service.ts';
import { loadLiveSession } from '../domain/sessions.ts';
import type { EmulatorContext } from '../context.ts';
import type { ProfileRecord } from '../store/profiles.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed, readDevice, requireClient } from './middleware.ts';
import { sendJson } from './respond.ts';

/**
 * Profiles (spec profiles.md): all of this app+device+SP, one MVPD, or the one a session produced
 * (by code, no device headers: the code identifies the device). No profile is `{"profiles":{}}`.
 * `/profiles/code/{code}` is registered before `/profiles/{mvpd}`. TempPass MVPDs answer their
 * temporary profile (or a top-level 400/403/500 error) from the trial state (domain/temppass.ts);
 * `/profiles` never lists temporary profiles.
 */
function profilesJson(profiles: ProfileRecord[]): { profiles: Record<string, unknown> } {
  return {
    profiles: Object.fromEntries(
      profiles.map((profile) => [
        profile.mvpd,
        {
          notBefore: profile.notBefore,
          notAfter: profile.notAfter,
          issuer: profile.issuer,
          type: profile.type,
          attributes: profile.attributes,
        },
      ]),
    ),
  };
}

export function profileRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const base = '/api/v2/:serviceProvider/profiles';

  router.get(base, requireClient(context), (c) => {
    const { deviceId } = readDevice(c);
    const owner = { appId: c.get('client').appId, deviceId, serviceProvider: c.req.param('serviceProvider') };
    return sendJson(c, profilesJson(listDeviceProfiles(context, owner)));
  });
  router.all(base, methodNotAllowed(['GET']));

  router.get(`${base}/code/:code`, requireClient(context), (c) => {
    const serviceProvider = c.req.param('serviceProvider');
    const session = loadLiveSession(context, serviceProvider, c.req.param('code'));
    const profile = profileForSession(context, session, c.req.header('AP-TempPass-Identity'));
    return sendJson(c, profilesJson(profile ? [profile] : []));
  });
  router.all(`${base}/code/:code`, methodNotAllowed(['GET']));

  router.get(`${base}/:mvpd`, requireClient(context), (c) => {
    const { deviceId } = readDevice(c);
    const owner = { appId: c.get('client').appId, deviceId, serviceProvider: c.req.param('serviceProvider') };
    const profile = profileForMvpd(context, owner, c.req.param('mvpd'), c.req.header('AP-TempPass-Identity'));
    return sendJson(c, profilesJson(profile ? [profile] : []));
  });
  router.all(`${base}/:mvpd`, methodNotAllowed(['GET']));

  return router;
}
