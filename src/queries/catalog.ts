import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchCatalog, takeArrivedCatalog } from '../catalog/catalog-api';
import { catalogKeys } from './pass-keys';

/** The programmer's catalog (not an Adobe call). */
export function catalogQuery() {
  return queryOptions({
    queryKey: catalogKeys.all,
    queryFn: () => fetchCatalog(),
    // Prefetched by main.tsx and already in: the first render shows the titles.
    initialData: takeArrivedCatalog,
    staleTime: 10 * 60_000,
  });
}

export function useCatalog() {
  return useQuery(catalogQuery());
}
