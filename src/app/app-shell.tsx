import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigation } from 'react-router-dom';
import { ProviderLogo } from '../components/provider-logo';
import { Spinner } from '../components/spinner';
import { useCurrentProfile } from '../queries/profiles';
import { useChosenMvpd } from '../state/device-store';

function Brand() {
  return (
    <Link to="/" className="brand" aria-label="Pass Reference TV, home">
      <span className="brand-mark" aria-hidden="true">
        ▶
      </span>
      <span>Pass Reference TV</span>
    </Link>
  );
}

function PageOutlet() {
  const navigation = useNavigation();
  return (
    <main id="main" className="page" aria-busy={navigation.state === 'loading'}>
      {navigation.state === 'loading' && <Spinner label="Loading…" />}
      <Suspense fallback={<Spinner label="Loading…" />}>
        <Outlet />
      </Suspense>
    </main>
  );
}

function AccountStatus() {
  const current = useCurrentProfile();
  const chosen = useChosenMvpd();
  if (current.isPending) return <span className="muted">Checking sign-in…</span>;
  if (!current.data) {
    return (
      <Link className="button primary small" to="/providers" data-testid="header-sign-in">
        Sign in
      </Link>
    );
  }
  const name = chosen?.id === current.data.mvpd ? chosen.displayName : current.data.mvpd;
  return (
    <Link
      to="/account"
      className="current-provider"
      data-testid="current-provider"
      aria-label={`Signed in with ${name}. Account`}
    >
      {chosen?.id === current.data.mvpd && <ProviderLogo src={chosen.logoUrl} />}
      <span>{name}</span>
    </Link>
  );
}

/** The streaming app's frame: skip link, header with navigation and sign-in state, the page. */
export function AppShell() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header" data-testid="app-header">
        <Brand />
        <nav aria-label="Main">
          <NavLink to="/" end>
            Browse
          </NavLink>
          <NavLink to="/account">Account</NavLink>
        </nav>
        <AccountStatus />
      </header>
      <PageOutlet />
    </>
  );
}

/** The second screen's frame: the brand and the page, no account state. */
export function MinimalShell() {
  return (
    <>
      <header className="app-header minimal" data-testid="app-header">
        <Brand />
      </header>
      <PageOutlet />
    </>
  );
}
