import { sessionResponseSchema, type SessionResponse } from '../schemas/session';
import { servicePath, type CallOptions, type EndpointContext } from './context';
import { sessionForm, type SessionParameters } from './create-session';

/** POST /api/v2/{serviceProvider}/sessions/{code} — supplies the parameters a session still misses. */
export function resumeSession(
  context: EndpointContext,
  code: string,
  parameters: SessionParameters,
  options: CallOptions = {},
): Promise<SessionResponse> {
  return context.transport.request({
    method: 'POST',
    path: servicePath(context, 'sessions', code),
    form: sessionForm(parameters),
    schema: sessionResponseSchema,
    signal: options.signal,
  });
}
