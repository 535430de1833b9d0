import { sessionStatusResponseSchema, type SessionStatusResponse } from '../schemas/session';
import { servicePath, type CallOptions, type EndpointContext } from './context';

/** GET /api/v2/{serviceProvider}/sessions/{code} — what a typed code already knows and still needs. */
export function getSession(
  context: EndpointContext,
  code: string,
  options: CallOptions = {},
): Promise<SessionStatusResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'sessions', code),
    schema: sessionStatusResponseSchema,
    signal: options.signal,
  });
}
