import { decisionsResponseSchema, type DecisionsResponse } from '../schemas/decisions';
import { servicePath, tempPassHeaders, type EndpointContext, type TempPassCallOptions } from './context';

// Kept here for existing imports; they live apart so pages can use them without the schemas.
export { chunk, isDeny, isPermit } from './decision-helpers';

export type DecisionKind = 'preauthorize' | 'authorize';

/**
 * Shared body of both decision endpoints. Item-level denies come back inside `decisions` (HTTP 200)
 * and are never thrown; only top-level errors become `PassApiError`.
 */
export function requestDecisions(
  context: EndpointContext,
  kind: DecisionKind,
  mvpd: string,
  resources: readonly string[],
  options: TempPassCallOptions = {},
): Promise<DecisionsResponse> {
  return context.transport.request({
    method: 'POST',
    path: servicePath(context, 'decisions', kind, mvpd),
    json: { resources: [...resources] },
    headers: tempPassHeaders(options),
    schema: decisionsResponseSchema,
    signal: options.signal,
  });
}
