import type { DecisionsResponse } from '../schemas/decisions';
import type { EndpointContext, TempPassCallOptions } from './context';
import { requestDecisions } from './decisions';

/**
 * POST /api/v2/{serviceProvider}/decisions/preauthorize/{mvpd} — informative decisions (no media
 * token) for catalogue badges; never gate playback on them. Respect the per-call maximum (see `chunk`).
 */
export function preauthorize(
  context: EndpointContext,
  mvpd: string,
  resources: readonly string[],
  options: TempPassCallOptions = {},
): Promise<DecisionsResponse> {
  return requestDecisions(context, 'preauthorize', mvpd, resources, options);
}
