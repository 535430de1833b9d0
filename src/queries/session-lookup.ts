import { queryOptions } from '@tanstack/react-query';
import type { PassClient } from '../pass';
import { passKeys } from './pass-keys';

/**
 * GET /api/v2/{sp}/sessions/{code} — the second screen checks a typed (normalised) code. Never served
 * from cache: each submit asks again (`queryClient.fetchQuery`), since a code can expire at any time.
 */
export function sessionQuery(client: PassClient, code: string) {
  return queryOptions({
    queryKey: passKeys.session(client.config.serviceProvider, code),
    queryFn: ({ signal }) => client.getSession(code, { signal }),
    staleTime: 0,
    gcTime: 60_000,
  });
}
