import { queryOptions, useQueries } from '@tanstack/react-query';
import type { Decision, PassClient } from '../pass';
import { chunk } from '../pass/endpoints/decision-helpers';
import type { TempPassIdentity } from '../temppass/free-passes';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** Adobe's default per-call maximum for preauthorize (decisions.md); batches never exceed it. */
export const PREAUTHORIZE_BATCH_SIZE = 5;

/** POST /api/v2/{sp}/decisions/preauthorize/{mvpd} for one batch. Informative only: never gates playback. */
export function preauthorizeQuery(
  client: PassClient,
  deviceId: string,
  mvpd: string,
  resources: readonly string[],
  identity: TempPassIdentity | null = null,
) {
  return queryOptions({
    queryKey: passKeys.preauthorize(
      client.config.serviceProvider,
      deviceId,
      mvpd,
      resources,
      identity?.key ?? null,
    ),
    queryFn: ({ signal }) =>
      client.preauthorize(mvpd, resources, {
        signal,
        ...(identity ? { tempPassIdentity: identity.header } : {}),
      }),
    // Decisions are kept in memory only, never persisted (decisions.md: caching).
    staleTime: 10 * 60_000,
  });
}

export interface CatalogLocks {
  /** Decision per resource id, once its batch has answered. */
  decisions: ReadonlyMap<string, Decision>;
  isPending: boolean;
  errors: unknown[];
  /** Asks again for the batches that failed (only those: the others' answers stand). */
  retryFailed: () => void;
}

/**
 * Lock state for many titles with one preauthorize call per batch of five, never one per tile.
 * `identity`: the promotional TempPass identity when `mvpd` is one.
 */
export function useCatalogLocks(
  mvpd: string | null,
  resources: readonly string[],
  identity: TempPassIdentity | null = null,
): CatalogLocks {
  const { client, deviceId } = usePassScope();
  const batches = mvpd ? chunk(resources, PREAUTHORIZE_BATCH_SIZE) : [];
  return useQueries({
    queries: batches.map((batch) => preauthorizeQuery(client, deviceId, mvpd ?? '', batch, identity)),
    combine: (results) => ({
      decisions: new Map(
        results.flatMap((result) => result.data?.decisions.map((d) => [d.resource, d] as const) ?? []),
      ),
      isPending: results.some((result) => result.isPending),
      errors: results.flatMap((result) => (result.error ? [result.error] : [])),
      retryFailed: () => {
        for (const result of results) if (result.isError) void result.refetch();
      },
    }),
  });
}
