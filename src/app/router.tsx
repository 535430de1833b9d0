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
        path: 'free',
        lazy: async () => ({ Component: (await import('../pages/free/free-page')).FreePage }),
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
        path: 'choose-provider',
        lazy: async () => ({
          Component: (await import('../pages/choose-provider/choose-provider-page')).ChooseProviderPage,
        }),
      },
      {
        path: 'dev/clientless-v1',
        lazy: async () => ({
          Component: (await import('../pages/clientless-v1/clientless-v1-page')).ClientlessV1Page,
        }),
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
    // No profile check here: the second screen needs none, the sign-in return page asks by code,
    // and the programmer's tools are not the viewer's app.
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
      {
        // The programmer's tool: not linked from the viewer's pages.
        path: 'programmer/reset-temppass',
        lazy: async () => ({
          Component: (await import('../pages/programmer/reset-temppass-page')).ResetTempPassPage,
        }),
      },
    ],
  },
]);
