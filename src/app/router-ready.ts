/** The part of a data router this needs (react-router's `createBrowserRouter` result). */
export interface InitializingRouter {
  state: { initialized: boolean };
  subscribe(listener: (state: { initialized: boolean }) => void): () => void;
}

/**
 * Resolves once the router has loaded the first route's lazy chunk. Rendering before that makes
 * `RouterProvider` commit an empty tree first and the page in a second, time-sliced pass (measured
 * under 4× CPU throttling: the first contentful paint came ~300 ms after the first commit), so
 * `main.tsx` waits for this together with the runtime config.
 */
export function whenRouterReady(router: InitializingRouter): Promise<void> {
  if (router.state.initialized) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return;
      unsubscribe();
      resolve();
    });
  });
}
