import { logoutResponseSchema, type LogoutResponse } from '../schemas/logout';
import { servicePath, type CallOptions, type EndpointContext } from './context';

export interface LogoutOptions extends CallOptions {
  /** Where the MVPD logout page finally sends the browser; required by Adobe's prose, optional in its OpenAPI. */
  redirectUrl?: string;
}

/**
 * GET /api/v2/{serviceProvider}/logout/{mvpd}?redirectUrl= — deletes the profile server-side and says
 * whether an MVPD logout page must still be visited.
 */
export function logout(
  context: EndpointContext,
  mvpd: string,
  options: LogoutOptions = {},
): Promise<LogoutResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'logout', mvpd),
    query: { redirectUrl: options.redirectUrl },
    schema: logoutResponseSchema,
    signal: options.signal,
  });
}
