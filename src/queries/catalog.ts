import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchCatalog } from '../catalog/catalog-api';
import { catalogKeys } from './pass-keys';

/** The programmer's catalog (not an Adobe call). */
export function catalogQuery() {
  return queryOptions({ queryKey: catalogKeys.all, queryFn: () => fetchCatalog(), staleTime: 10 * 60_000 });
}

export function useCatalog() {
  return useQuery(catalogQuery());
}
