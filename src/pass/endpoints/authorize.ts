import type { DecisionsResponse } from '../schemas/decisions';
import type { EndpointContext, TempPassCallOptions } from './context';
import { requestDecisions } from './decisions';

/**
 * POST /api/v2/{serviceProvider}/decisions/authorize/{mvpd} — authoritative decision before every
 * playback; permits carry a single-use media token.
 */
export function authorize(
  context: EndpointContext,
  mvpd: string,
  resources: readonly string[],
  options: TempPassCallOptions = {},
): Promise<DecisionsResponse> {
  return requestDecisions(context, 'authorize', mvpd, resources, options);
}
