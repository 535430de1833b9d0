import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigation } from 'react-router-dom';
import { AccessSwitch } from '../components/access-switch';
import { ProviderLogo } from '../components/provider-logo';
import { Spinner } from '../components/spinner';
import { TraceButton } from '../devtools/trace-button';
import { useActiveAccess } from '../queries/active-access';
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

function SignInButton() {
  return (
    <Link className="button primary small" to="/providers" data-testid="header-sign-in">
      Sign in
    </Link>
  );
}

/**
 * Who the app watches with: the TV provider, a free pass, or nobody yet. With both a TV provider
 * profile and a free pass, a switch picks the one the app authorizes against.
 */
function AccountStatus() {
  const access = useActiveAccess();
  const chosen = useChosenMvpd();
  if (access.isPending) return <span className="muted">Checking sign-in…</span>;
  const { active, provider } = access;
  if (!provider) {
    if (active.kind !== 'free') return <SignInButton />;
    return (
      <span className="account-status">
        <Link
          to="/free"
          className="current-provider"
          data-testid="free-pass-status"
          aria-label="Watching with a free pass. Details"
        >
          Free pass
        </Link>
        <SignInButton />
      </span>
    );
  }
  const name = chosen?.id === provider.mvpd ? chosen.displayName : provider.mvpd;
  const providerLink = (
    <Link
      to="/account"
      className="current-provider"
      data-testid="current-provider"
      aria-label={`Signed in with ${name}. Account`}
    >
      {chosen?.id === provider.mvpd && <ProviderLogo src={chosen.logoUrl} />}
      <span>{name}</span>
    </Link>
  );
  if (!access.switchable) return providerLink;
  return (
    <span className="account-status">
      <AccessSwitch providerName={name} active={active.kind === 'free' ? 'free' : 'provider'} />
      {providerLink}
    </span>
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
        <TraceButton />
      </header>
      <PageOutlet />
    </>
  );
}

/** The second screen's (and the programmer tools') frame: the brand and the page, no account state. */
export function MinimalShell() {
  return (
    <>
      <header className="app-header minimal" data-testid="app-header">
        <Brand />
        <TraceButton />
      </header>
      <PageOutlet />
    </>
  );
}
