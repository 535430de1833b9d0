import type { Decision, DenyDecision, PermitDecision } from '../schemas/decisions';

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
