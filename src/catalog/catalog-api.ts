import type { Catalog } from './catalog-schema';

export type { Catalog } from './catalog-schema';
export type CatalogTitle = Catalog['titles'][number];

async function requestCatalog(fetchImpl: typeof fetch): Promise<Catalog> {
  // The schema (and zod) load in their own chunk, in parallel with the request.
  const schema = import('./catalog-schema').then((module) => module.catalogSchema);
  schema.catch(() => undefined);
  const response = await fetchImpl('/catalog.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load the catalog (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  return (await schema).parse(body);
}

let early: Promise<Catalog> | undefined;
let earlyValue: Catalog | undefined;

/**
 * Starts the catalog request before the app has rendered (called by `main.tsx` on the browse
 * page), in parallel with the runtime configuration: the posters are the page's largest paint, and
 * they can only be asked for once the catalog is in. The first `fetchCatalog()` takes this answer;
 * the promise settles when it is in (or failed), so the first render can wait for it.
 */
export function prefetchCatalog(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<void> {
  if (!early) {
    early = requestCatalog(fetchImpl);
    early.then(
      (catalog) => {
        earlyValue = catalog;
      },
      () => {
        // The query's own first request asks again.
        early = undefined;
      },
    );
  }
  // Settles (never rejects) once the answer is in: a failed prefetch is retried by the query.
  return early.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * The prefetched catalog if it has already arrived (taken once), so the first render can show the
 * titles at once instead of a spinner first.
 */
export function takeArrivedCatalog(): Catalog | undefined {
  const value = earlyValue;
  if (value) {
    earlyValue = undefined;
    early = undefined;
  }
  return value;
}

export function fetchCatalog(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<Catalog> {
  const started = early;
  early = undefined;
  earlyValue = undefined;
  return started ?? requestCatalog(fetchImpl);
}
