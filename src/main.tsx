import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { router } from './app/router';
import { whenRouterReady } from './app/router-ready';
import { prefetchErrorPanel } from './components/error-panel';
import { loadAppConfig } from './config/load-app-config';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

// The browse page's posters are its largest paint: ask for the catalog alongside the configuration,
// so the first render has the titles and the posters are requested at once. (A chunk of its own:
// the other routes, the phone's code entry first, do not carry it.)
const catalogReady =
  location.pathname === '/'
    ? import('./catalog/catalog-api').then(
        (api) => api.prefetchCatalog(),
        () => undefined,
      )
    : undefined;

// One first render with the page in it: the config, the first route's chunk and (on the browse
// page) the catalog, all fetched in parallel.
Promise.all([loadAppConfig(), whenRouterReady(router), catalogReady]).then(
  ([config]) => {
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
    // Errors are the exception, so the error panel is in no page's initial JS; it is fetched as soon
    // as the browser is idle, so it is at hand when one shows, even if the network has gone by then.
    prefetchErrorPanel();
  },
  (error: unknown) =>
    root.render(
      <main className="page">
        <h1>The app could not start</h1>
        <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);
