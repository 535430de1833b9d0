import { profilesResponseSchema, type ProfilesResponse } from '../schemas/profiles';
import { servicePath, tempPassHeaders, type EndpointContext, type TempPassCallOptions } from './context';

/**
 * GET /api/v2/{serviceProvider}/profiles/{mvpd} — the profile for one MVPD, including TempPass state
 * (promotional TempPass needs `tempPassIdentity`).
 */
export function getProfile(
  context: EndpointContext,
  mvpd: string,
  options: TempPassCallOptions = {},
): Promise<ProfilesResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'profiles', mvpd),
    headers: tempPassHeaders(options),
    schema: profilesResponseSchema,
    signal: options.signal,
  });
}
