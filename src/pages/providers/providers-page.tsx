import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { safeReturnPath } from '../../app/return-path';
import { useStartSignIn, type ChosenMvpd } from '../../app/use-start-sign-in';
import { ErrorPanel } from '../../components/error-panel';
import { ProviderLogo } from '../../components/provider-logo';
import { Spinner } from '../../components/spinner';
import type { Mvpd } from '../../pass';
import { usePickableMvpds } from '../../queries/configuration';
import { useCurrentProfile } from '../../queries/profiles';
import { useChosenMvpd, useDeviceActions } from '../../state/device-store';
import { LoginDialog, LoginPopupPanel } from './login-window';
import { ProviderList } from './provider-list';
import './providers.css';

type Where = 'here' | 'other-device';

function ProviderChoice({ onChoose, disabled }: { onChoose: (mvpd: ChosenMvpd) => void; disabled: boolean }) {
  // Configuration is fetched only here, when the list is actually needed.
  const providers = usePickableMvpds();
  if (providers.isPending) return <Spinner label="Loading TV providers…" />;
  if (providers.isError)
    return <ErrorPanel error={providers.error} onRetry={() => void providers.refetch()} />;
  return (
    <ProviderList
      providers={providers.data}
      disabled={disabled}
      onChoose={(mvpd: Mvpd) =>
        onChoose({ id: mvpd.id, displayName: mvpd.displayName, logoUrl: mvpd.logoUrl })
      }
    />
  );
}

/**
 * "Sign in with your TV provider": remembered provider, or the picker; this device or another one.
 * `?change=1` (the account page's "Sign in with another provider") opens the picker directly. The
 * MVPD login is shown as the runtime config says: this tab, a dialog, or a pop-up window.
 */
export function ProvidersPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('to'));
  const remembered = useChosenMvpd();
  const { mvpdChosen } = useDeviceActions();
  const [changing, setChanging] = useState(params.get('change') === '1');
  const [where, setWhere] = useState<Where>('here');
  const signIn = useStartSignIn();
  const navigate = useNavigate();
  // Same query as the header's: no extra request.
  const signedOut = useCurrentProfile().data === null;
  const busy = signIn.isPending || signIn.leavingFor !== null || signIn.loginWindow !== null;

  const choose = (mvpd: ChosenMvpd) => {
    if (where === 'other-device') {
      mvpdChosen(mvpd);
      navigate(`/tv?mvpd=${encodeURIComponent(mvpd.id)}`);
    } else {
      signIn.start(mvpd, returnTo);
    }
  };

  return (
    <div className="stack">
      <h1>Sign in with your TV provider</h1>
      <p className="muted">Use the account you have with your cable, satellite or streaming TV provider.</p>

      <fieldset className="where">
        <legend>Where do you want to sign in?</legend>
        <label>
          <input type="radio" name="where" checked={where === 'here'} onChange={() => setWhere('here')} /> On
          this device
        </label>
        <label>
          <input
            type="radio"
            name="where"
            checked={where === 'other-device'}
            onChange={() => setWhere('other-device')}
          />{' '}
          On another device (phone or computer)
        </label>
      </fieldset>

      {signIn.leavingFor ? (
        <Spinner
          label={`Opening ${signIn.leavingFor.displayName}’s sign-in page… Some TV providers take a few seconds.`}
        />
      ) : (
        signIn.isPending &&
        !signIn.loginWindow && <Spinner label="Opening your TV provider’s sign-in page…" />
      )}
      {signIn.error && <ErrorPanel error={signIn.error} onRetry={signIn.reset} />}
      {signIn.loginWindow?.via === 'iframe' && (
        <LoginDialog
          login={signIn.loginWindow}
          onCancel={signIn.cancelWindow}
          onReturned={signIn.windowReturned}
        />
      )}
      {signIn.loginWindow?.via === 'popup' && (
        <LoginPopupPanel
          login={signIn.loginWindow}
          onCancel={signIn.cancelWindow}
          onReturned={signIn.windowReturned}
          onReopen={signIn.reopenPopup}
        />
      )}

      {remembered && !changing ? (
        <section
          className="panel remembered"
          aria-labelledby="remembered-title"
          data-testid="remembered-provider"
        >
          <h2 id="remembered-title">Welcome back</h2>
          <div className="remembered-row">
            <ProviderLogo src={remembered.logoUrl} size="large" />
            <span>{remembered.displayName}</span>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              onClick={() => choose(remembered)}
              disabled={busy}
            >
              Continue with {remembered.displayName}
            </button>
            <button type="button" className="button" onClick={() => setChanging(true)}>
              Change provider
            </button>
          </div>
        </section>
      ) : (
        <ProviderChoice onChoose={choose} disabled={busy} />
      )}

      <p>
        <Link to="/tv" data-testid="sign-in-other-device">
          Sign in on another device and choose your provider there
        </Link>
      </p>
      {signedOut && (
        <p>
          <Link to="/free" data-testid="watch-free-link">
            No TV provider? Watch free for a while
          </Link>
        </p>
      )}
    </div>
  );
}
