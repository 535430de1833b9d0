import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { relayLoginReturn, relayTarget, type LoginRelayVia } from '../../app/login-relay';
import { safeReturnPath } from '../../app/return-path';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { hasProfile, useProfileByCode } from '../../queries/profile-by-code';
import { useRememberProfiles } from '../../queries/profiles';
import { useChosenMvpd, useDeviceActions, usePendingCode } from '../../state/device-store';

/** How long the return page keeps asking before it says the sign-in did not complete. */
const CONFIRM_WINDOW_MS = 30_000;

/**
 * The `redirectUrl` of a primary-screen sign-in. Per the cookbook, polling of profiles/code/{code}
 * starts when the browser is back here; the first answer normally has the profile. When the login
 * ran in the app's dialog (iframe) or a pop-up (`via=`), this page only tells the app window, which
 * then confirms here itself; without a parent or opener to tell (e.g. the blocked pop-up's same-tab
 * fallback) it confirms as after a redirect.
 */
export function SignInCompletePage() {
  const [params] = useSearchParams();
  const via = params.get('via');
  const [target] = useState(() => relayTarget(window, via));
  if (target && (via === 'iframe' || via === 'popup')) return <ReturnToAppWindow target={target} via={via} />;
  return <ConfirmSignIn />;
}

/** Inside the login dialog or pop-up: report to the app window (its own origin only) and step aside. */
function ReturnToAppWindow({ target, via }: { target: Window; via: LoginRelayVia }) {
  const code = usePendingCode();
  useEffect(() => {
    if (!code) return;
    relayLoginReturn(target, window.location.origin, code);
    if (via === 'popup') window.close();
  }, [target, via, code]);
  return (
    <div className="narrow stack" data-testid="sign-in-relay">
      <h1>Back from your TV provider</h1>
      <p role="status">
        {code ? 'Returning to the app…' : 'There is no sign-in in progress on this device.'}
      </p>
      {via === 'popup' && <p>You can close this window.</p>}
    </div>
  );
}

function ConfirmSignIn() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('to'));
  const code = usePendingCode();
  const chosen = useChosenMvpd();
  const { codeIssued } = useDeviceActions();
  const remember = useRememberProfiles();
  const navigate = useNavigate();
  const [deadline] = useState(() => Date.now() + CONFIRM_WINDOW_MS);
  const profile = useProfileByCode(code, { intervalMs: 3_000, notAfter: deadline });
  const found = hasProfile(profile.data) ? profile.data : undefined;
  const [timedOut, setTimedOut] = useState(false);

  useEffect(() => {
    if (!found) return;
    remember(found);
    codeIssued(null);
    navigate(returnTo, { replace: true });
  }, [found, remember, codeIssued, navigate, returnTo]);

  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), CONFIRM_WINDOW_MS);
    return () => clearTimeout(timer);
  }, []);

  if (!code) {
    return (
      <div className="narrow stack">
        <h1>Sign in with your TV provider</h1>
        <p>There is no sign-in in progress on this device.</p>
        <Link className="button primary" to={`/providers?to=${encodeURIComponent(returnTo)}`}>
          Sign in with your TV provider
        </Link>
      </div>
    );
  }
  if (profile.isError) {
    return (
      <div className="narrow stack">
        <h1>Sign-in did not complete</h1>
        <ErrorPanel error={profile.error} signInTo={`/providers?to=${encodeURIComponent(returnTo)}`} />
      </div>
    );
  }
  if (timedOut && !found) {
    return (
      <div className="narrow stack" data-testid="sign-in-incomplete">
        <h1>Sign-in did not complete</h1>
        <p>
          {chosen ? chosen.displayName : 'Your TV provider'} did not confirm the sign-in. If you cancelled,
          you can try again.
        </p>
        <Link className="button primary" to={`/providers?to=${encodeURIComponent(returnTo)}`}>
          Try again
        </Link>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>Signing you in</h1>
      <Spinner label={`Confirming your sign-in with ${chosen?.displayName ?? 'your TV provider'}…`} />
    </div>
  );
}
