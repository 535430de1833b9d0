import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';

/**
 * Shown when a page fails to load or render (e.g. a new version was deployed and an old chunk is
 * gone): what happened, and the next step.
 */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main id="main" className="page narrow stack">
      <h1>This page could not be shown</h1>
      <div className="panel panel-error" role="alert" data-testid="route-error">
        <p>Something went wrong while loading this page ({message}).</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link className="button" to="/">
            Browse
          </Link>
        </div>
      </div>
    </main>
  );
}
