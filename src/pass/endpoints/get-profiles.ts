import { profilesResponseSchema, type ProfilesResponse } from '../schemas/profiles';
import { servicePath, type CallOptions, type EndpointContext } from './context';

/** GET /api/v2/{serviceProvider}/profiles — every valid profile of this device (may be empty). */
export function getProfiles(context: EndpointContext, options: CallOptions = {}): Promise<ProfilesResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'profiles'),
    schema: profilesResponseSchema,
    signal: options.signal,
  });
}
