import { lazy, Suspense } from 'react';

/** Everything that applies a deep link (parsing, the control plane, the notice) loads only for one. */
const DeepLinkHandler = lazy(() => import('./deep-link-handler'));

/** Whether this query string on this path is a deep link (`deep-link.ts`: provider, title, scenario). */
export function isDeepLink(pathname: string, search: string): boolean {
  return pathname === '/' && /[?&](?:provider|title|scenario)=/.test(search);
}

/** Read once, when the page loads: a link is applied on arrival only, never on later navigations. */
const atLoad = typeof location !== 'undefined' && isDeepLink(location.pathname, location.search);

/** Applies a shareable deep link (`/?provider=…&title=…&scenario=…`) when the page was opened with one. */
export function DeepLinkGate() {
  if (!atLoad) return null;
  return (
    <Suspense fallback={null}>
      <DeepLinkHandler />
    </Suspense>
  );
}
