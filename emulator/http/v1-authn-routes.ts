import { Hono } from 'hono';
import { findMvpd } from '../domain/seed.ts';
import { CODE_PATTERN } from '../domain/sessions.ts';
import { authnForCode, currentAuthn, freepreview, logoutDevice } from '../domain/v1-authn.ts';
import {
  AUTHN_EXPIRED,
  invalidParameter,
  NOT_AUTHENTICATED,
  notFound,
  V1Error,
} from '../domain/v1-errors.ts';
import { identityHeaderFromGenericData } from '../domain/v1-generic-data.ts';
import { isRegisteredDomainName } from '../domain/redirect-url.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { requestOrigin } from './request-info.ts';
import { authnBody, configBody } from './v1-bodies.ts';
import { registerV1 } from './v1-endpoint.ts';
import { sendV1, stripSuffix } from './v1-format.ts';
import {
  readDeviceCall,
  readV1Params,
  requireRequestor,
  requireText,
  requireV1Client,
} from './v1-request.ts';

/**
 * Legacy v1 authentication endpoints (spec clientless-v1.md #4, #6–8, #14, #16). The authN token
 * rules live in domain/v1-authn.ts. `checkauthn` answers 200 with an empty body (Adobe documents a
 * body only for failures).
 */
export function v1AuthnRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const { seed } = context;

  registerV1(router, '/api/v1/config/:requestor', {
    GET: async (c, format) => {
      const client = requireV1Client(context, c);
      await readV1Params(c, ['deviceType']);
      const requestor = requireRequestor(context, client, stripSuffix(c.req.param('requestor')));
      const body = configBody(
        { id: requestor, name: seed.serviceProviderName },
        seed.mvpds,
        requestOrigin(c),
      );
      return sendV1(c, format, body);
    },
  });

  registerV1(router, '/api/v1/checkauthn', {
    GET: async (c) => {
      const { owner } = await readDeviceCall(context, c, []);
      const lookup = currentAuthn(context, owner);
      if (lookup.state === 'valid') return c.body(null, 200);
      throw new V1Error(
        403,
        lookup.state === 'expired' ? lookup.message : NOT_AUTHENTICATED,
        undefined,
        lookup.state === 'expired' ? 'authentication_session_expired' : 'authentication_session_missing',
      );
    },
  });

  registerV1(router, '/api/v1/checkauthn/:code', {
    GET: async (c) => {
      const client = requireV1Client(context, c);
      const params = await readV1Params(c, ['requestor']);
      const requestor = requireRequestor(context, client, params['requestor']);
      const code = stripSuffix(c.req.param('code')) ?? '';
      const authn = CODE_PATTERN.test(code) ? authnForCode(context, requestor, code) : undefined;
      if (!authn) throw new V1Error(403, 'Forbidden', undefined, 'authentication_session_missing');
      return c.body(null, 200);
    },
  });

  registerV1(router, '/api/v1/tokens/authn', {
    GET: async (c, format) => {
      const { owner } = await readDeviceCall(context, c, []);
      const lookup = currentAuthn(context, owner);
      if (lookup.state === 'missing') throw notFound();
      if (lookup.state === 'expired')
        throw new V1Error(410, 'Gone', lookup.message === AUTHN_EXPIRED ? undefined : lookup.message);
      return sendV1(c, format, authnBody(lookup.authn));
    },
  });

  registerV1(router, '/api/v1/authenticate/freepreview', {
    POST: async (c) => {
      const call = await readDeviceCall(
        context,
        c,
        ['mso_id', 'domain_name', 'generic_data'],
        'requestor_id',
      );
      const msoId = requireText(call.params, 'mso_id');
      const mvpd = msoId.length <= 128 ? findMvpd(seed, msoId) : undefined;
      if (!mvpd) throw new V1Error(400, "Invalid 'mso_id'", 'Unknown MVPD.', 'unknown_integration');
      const domainName = requireText(call.params, 'domain_name');
      if (!isRegisteredDomainName(seed, domainName)) {
        throw invalidParameter('domain_name', 'The domain is not registered for this requestor.');
      }
      const identityHeader = identityHeaderFromGenericData(call.params['generic_data']);
      freepreview(context, { owner: call.owner, mvpd, identityHeader });
      return c.body(null, 204);
    },
  });

  registerV1(router, '/api/v1/logout', {
    DELETE: async (c) => {
      const { owner } = await readDeviceCall(context, c, []);
      logoutDevice(context, owner);
      return c.body(null, 204);
    },
  });

  return router;
}
