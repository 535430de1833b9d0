import { createBrowserRouter } from 'react-router-dom';
import { AppShell, MinimalShell } from './app-shell';
import { RouteError } from './route-error';

/** Every page is its own chunk, loaded when its route is first visited. */
export const router = createBrowserRouter([
  {
    Component: AppShell,
    ErrorBoundary: RouteError,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../pages/catalog/catalog-page')).CatalogPage }),
      },
      {
        path: 'providers',
        lazy: async () => ({ Component: (await import('../pages/providers/providers-page')).ProvidersPage }),
      },
      {
        path: 'tv',
        lazy: async () => ({ Component: (await import('../pages/tv/tv-activation-page')).TvActivationPage }),
      },
      {
        path: 'watch/:resource',
        lazy: async () => ({ Component: (await import('../pages/watch/watch-page')).WatchPage }),
      },
      {
        path: 'account',
        lazy: async () => ({ Component: (await import('../pages/account/account-page')).AccountPage }),
      },
      {
        path: 'signed-out',
        lazy: async () => ({ Component: (await import('../pages/account/signed-out-page')).SignedOutPage }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('../pages/not-found-page')).NotFoundPage }),
      },
    ],
  },
  {
    // No profile check here: the second screen needs none, and the sign-in return page asks by code.
    Component: MinimalShell,
    ErrorBoundary: RouteError,
    children: [
      {
        path: 'sign-in/complete',
        lazy: async () => ({
          Component: (await import('../pages/sign-in/sign-in-complete-page')).SignInCompletePage,
        }),
      },
      {
        path: 'activate',
        lazy: async () => ({ Component: (await import('../pages/activate/activate-page')).ActivatePage }),
      },
      {
        path: 'activate/done',
        lazy: async () => ({
          Component: (await import('../pages/activate/activate-done-page')).ActivateDonePage,
        }),
      },
    ],
  },
]);
