import { profilesResponseSchema, type ProfilesResponse } from '../schemas/profiles';
import { servicePath, tempPassHeaders, type EndpointContext, type TempPassCallOptions } from './context';

/**
 * GET /api/v2/{serviceProvider}/profiles/code/{code} — the profile created by a session; empty map
 * until the login completes (poll every 3–5 s or slower).
 */
export function getProfileByCode(
  context: EndpointContext,
  code: string,
  options: TempPassCallOptions = {},
): Promise<ProfilesResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'profiles', 'code', code),
    headers: tempPassHeaders(options),
    schema: profilesResponseSchema,
    signal: options.signal,
  });
}
