import {
  decisionsResponseSchema,
  type Decision,
  type DecisionsResponse,
  type DenyDecision,
  type PermitDecision,
} from '../schemas/decisions';
import { servicePath, tempPassHeaders, type EndpointContext, type TempPassCallOptions } from './context';

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

export function isPermit(decision: Decision): decision is PermitDecision {
  return decision.authorized;
}

export function isDeny(decision: Decision): decision is DenyDecision {
  return !decision.authorized;
}

/**
 * Splits `items` into consecutive batches of at most `max` (e.g. the preauthorize per-call limit,
 * typically 5), preserving order.
 */
export function chunk<T>(items: readonly T[], max: number): T[][] {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${max}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += max) batches.push(items.slice(start, start + max));
  return batches;
}
