import { Hono } from 'hono';
import { createRegcode, getRegcode, removeRegcode } from '../domain/v1-regcodes.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { clientIp, userAgent } from './request-info.ts';
import { regcodeBody } from './v1-bodies.ts';
import { registerV1 } from './v1-endpoint.ts';
import { sendV1, stripSuffix } from './v1-format.ts';
import {
  readV1Params,
  requireDeviceId,
  requireDeviceInfo,
  requireRequestor,
  requireV1Client,
} from './v1-request.ts';

/**
 * The "reggie" registration-code service (spec clientless-v1.md #1–3):
 * `POST /reggie/v1/{requestor}/regcode` → 201 record; `GET …/regcode/{code}` → 200 / 404;
 * `DELETE …/regcode/{code}` → 204 / 404. Parameters come from the query string or a form body.
 * Server-to-server callers send `X-Forwarded-For: <device IP>`: it is stored as the device's address
 * (and the throttle keys on it).
 */
export function v1RegcodeRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();

  registerV1(router, '/reggie/v1/:requestor/regcode', {
    POST: async (c, format) => {
      const client = requireV1Client(context, c);
      const params = await readV1Params(c, [
        'deviceId',
        'device_info',
        'mvpd',
        'ttl',
        'deviceType',
        'deviceUser',
        'appId',
      ]);
      const requestor = requireRequestor(context, client, c.req.param('requestor'));
      const deviceId = requireDeviceId(params);
      const device = requireDeviceInfo(c, params);
      const regcode = createRegcode(context, {
        requestor,
        deviceId,
        deviceInfo: device.info,
        deviceInfoEncoded: device.encoded,
        mvpd: params['mvpd'],
        ttl: params['ttl'],
        userAgent: userAgent(c),
        ipAddress: clientIp(c),
        deviceType: params['deviceType'],
        deviceUser: params['deviceUser'],
        appIdParam: params['appId'],
        client,
      });
      return sendV1(c, format, regcodeBody(regcode), 201);
    },
  });

  registerV1(router, '/reggie/v1/:requestor/regcode/:code', {
    GET: (c, format) => {
      const client = requireV1Client(context, c);
      const requestor = requireRequestor(context, client, c.req.param('requestor'));
      return sendV1(c, format, regcodeBody(getRegcode(context, requestor, stripSuffix(c.req.param('code')))));
    },
    DELETE: (c) => {
      const client = requireV1Client(context, c);
      const requestor = requireRequestor(context, client, c.req.param('requestor'));
      removeRegcode(context, requestor, stripSuffix(c.req.param('code')));
      return c.body(null, 204);
    },
  });

  return router;
}
