import { Hono } from 'hono';
import { CODE_PATTERN } from '../domain/sessions.ts';
import { authnForCode, currentAuthn } from '../domain/v1-authn.ts';
import { authorizeV1, authzToken, mediaTokenV1, preauthorizeV1, userMetadata } from '../domain/v1-authz.ts';
import { invalidParameter, missingParameter } from '../domain/v1-errors.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { authorizationBody, playBody, preauthorizeBody, userMetadataBody } from './v1-bodies.ts';
import { registerV1, type V1Handler } from './v1-endpoint.ts';
import { sendV1, stripSuffix } from './v1-format.ts';
import {
  readDeviceCall,
  readV1Params,
  requireRequestor,
  requireText,
  requireV1Client,
} from './v1-request.ts';

/**
 * Legacy v1 authorization endpoints (spec clientless-v1.md #9–13, #15). Rules: domain/v1-authz.ts.
 * `resource` is one resource id (or MRSS) for authorize/tokens; preauthorize takes a
 * comma-separated list (items trimmed, empty items refused) and answers the headers
 * `Adobe-Request-Id` (the request's trace id) and `Adobe-Response-Confidence: full`.
 */
function resourceList(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') throw missingParameter('resource');
  const resources = raw.split(',').map((item) => item.trim());
  if (resources.some((item) => item === '')) {
    throw invalidParameter('resource', 'resource is a comma-separated list of resource ids.');
  }
  return resources;
}

export function v1AuthzRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();

  registerV1(router, '/api/v1/authorize', {
    GET: async (c, format) => {
      const call = await readDeviceCall(context, c, ['resource', 'generic_data']);
      const record = authorizeV1(context, {
        owner: call.owner,
        resource: requireText(call.params, 'resource'),
        genericData: call.params['generic_data'],
        trace: c.get('trace'),
      });
      return sendV1(c, format, authorizationBody(record));
    },
  });

  registerV1(router, '/api/v1/tokens/authz', {
    GET: async (c, format) => {
      const call = await readDeviceCall(context, c, ['resource']);
      const record = authzToken(context, {
        owner: call.owner,
        resource: requireText(call.params, 'resource'),
      });
      return sendV1(c, format, authorizationBody(record));
    },
  });

  const media: V1Handler = async (c, format) => {
    const call = await readDeviceCall(context, c, ['resource']);
    const token = await mediaTokenV1(context, {
      owner: call.owner,
      resource: requireText(call.params, 'resource'),
    });
    return sendV1(c, format, playBody(token));
  };
  registerV1(router, '/api/v1/tokens/media', { GET: media });
  registerV1(router, '/api/v1/mediatoken', { GET: media });

  const preauthorizeHeaders = (c: Parameters<V1Handler>[0]) => {
    c.header('Adobe-Request-Id', c.get('trace'));
    c.header('Adobe-Response-Confidence', 'full');
  };

  registerV1(router, '/api/v1/preauthorize', {
    GET: async (c, format) => {
      preauthorizeHeaders(c);
      const call = await readDeviceCall(context, c, ['resource', 'generic_data']);
      const items = preauthorizeV1(context, {
        lookup: currentAuthn(context, call.owner),
        resources: resourceList(call.params['resource']),
        genericData: call.params['generic_data'],
        trace: c.get('trace'),
      });
      return sendV1(c, format, preauthorizeBody(items));
    },
  });

  registerV1(router, '/api/v1/preauthorize/:code', {
    GET: async (c, format) => {
      preauthorizeHeaders(c);
      const client = requireV1Client(context, c);
      const params = await readV1Params(c, ['requestor', 'resource']);
      const requestor = requireRequestor(context, client, params['requestor']);
      const resources = resourceList(params['resource']);
      const code = stripSuffix(c.req.param('code')) ?? '';
      const authn = CODE_PATTERN.test(code) ? authnForCode(context, requestor, code) : undefined;
      const items = preauthorizeV1(context, {
        lookup: authn ? { state: 'valid', authn } : { state: 'missing' },
        resources,
        genericData: undefined,
        trace: c.get('trace'),
      });
      return sendV1(c, format, preauthorizeBody(items));
    },
  });

  registerV1(router, '/api/v1/tokens/usermetadata', {
    GET: async (c, format) => {
      const call = await readDeviceCall(context, c, []);
      return sendV1(c, format, userMetadataBody(userMetadata(context, call.owner)));
    },
  });

  return router;
}
