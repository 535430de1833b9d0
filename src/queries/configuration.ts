import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PassClient } from '../pass';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** Adobe's client guidance: keep the MVPD list a few minutes (we keep it 4). */
export const CONFIGURATION_STALE_MS = 4 * 60_000;

/** GET /api/v2/{sp}/configuration — fetched only when a picker needs it. */
export function configurationQuery(client: PassClient) {
  return queryOptions({
    queryKey: passKeys.configuration(client.config.serviceProvider),
    queryFn: ({ signal }) => client.getConfiguration({ signal }),
    staleTime: CONFIGURATION_STALE_MS,
    gcTime: CONFIGURATION_STALE_MS,
  });
}

export function useConfiguration() {
  const { client } = usePassScope();
  return useQuery(configurationQuery(client));
}

/** MVPDs a viewer may pick: TempPass pseudo-MVPDs and test MVPDs are hidden. */
export function usePickableMvpds() {
  const { client } = usePassScope();
  return useQuery({
    ...configurationQuery(client),
    select: (configuration) =>
      configuration.requestor.mvpds.filter((mvpd) => !mvpd.isTempPass && !/test|_dev\b/i.test(mvpd.id)),
  });
}
