import { lazy, Suspense } from 'react';
import type { ErrorPanelProps } from './error-panel-view';

/**
 * Errors are the exception: the panel and its wording (describe-error.ts) are in no page's initial
 * JS. Pages render this small wrapper; the view loads on first use or, normally earlier, when
 * `main.tsx` prefetches it once the browser is idle after start-up.
 */
const load = () => import('./error-panel-view');
const View = lazy(async () => ({ default: (await load()).ErrorPanelView }));

/** Fetches the panel ahead of need, once the browser is idle after start-up (called by main.tsx). */
export function prefetchErrorPanel(): void {
  const prefetch = () => void load().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(prefetch);
  else setTimeout(prefetch, 1000);
}

/** Every error: what happened, and the next step as a real control. */
export function ErrorPanel(props: ErrorPanelProps) {
  return (
    <Suspense fallback={null}>
      <View {...props} />
    </Suspense>
  );
}
