import { sessionResponseSchema, type SessionResponse } from '../schemas/session';
import { servicePath, type CallOptions, type EndpointContext } from './context';

/**
 * Form parameters of create/resume. Each may be omitted when this device cannot supply it; the
 * session then answers `resume` and another device completes it.
 */
export interface SessionParameters {
  mvpd?: string;
  domainName?: string;
  redirectUrl?: string;
}

export function sessionForm(parameters: SessionParameters): Record<string, string | undefined> {
  return { mvpd: parameters.mvpd, domainName: parameters.domainName, redirectUrl: parameters.redirectUrl };
}

/** POST /api/v2/{serviceProvider}/sessions — starts an authentication session (form body). */
export function createSession(
  context: EndpointContext,
  parameters: SessionParameters = {},
  options: CallOptions = {},
): Promise<SessionResponse> {
  return context.transport.request({
    method: 'POST',
    path: servicePath(context, 'sessions'),
    form: sessionForm(parameters),
    schema: sessionResponseSchema,
    signal: options.signal,
  });
}
