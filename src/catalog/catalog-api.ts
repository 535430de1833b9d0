import type { Catalog } from './catalog-schema';

export type { Catalog } from './catalog-schema';
export type CatalogTitle = Catalog['titles'][number];

export async function fetchCatalog(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<Catalog> {
  // The schema (and zod) load in their own chunk, in parallel with the request.
  const schema = import('./catalog-schema').then((module) => module.catalogSchema);
  schema.catch(() => undefined);
  const response = await fetchImpl('/catalog.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load the catalog (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  return (await schema).parse(body);
}
