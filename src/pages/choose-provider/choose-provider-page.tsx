import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { safeReturnPath } from '../../app/return-path';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { ProviderChooser } from './provider-chooser';
import { useProviderChoices } from './use-provider-choices';
import './choose-provider.css';

/**
 * `/choose-provider?to=<path>`: the device holds profiles of several TV providers; the viewer picks
 * the one this device watches with (remembered on the device), then goes on to `to`.
 */
export function ChooseProviderPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('to'));
  const navigate = useNavigate();
  const providers = useProviderChoices();
  const anotherHref = `/providers?change=1&to=${encodeURIComponent(returnTo)}`;

  if (providers.isPending) return <Spinner label="Loading your TV providers…" />;
  if (providers.error) return <ErrorPanel error={providers.error} onRetry={() => void providers.refetch()} />;

  const { choices } = providers;
  return (
    <div className="narrow stack" data-testid="choose-provider">
      <h1>Choose your TV provider</h1>
      {choices.length === 0 ? (
        <div className="panel stack">
          <p>You’re not signed in with a TV provider on this device.</p>
          <Link className="button primary" to={`/providers?to=${encodeURIComponent(returnTo)}`}>
            Sign in with your TV provider
          </Link>
        </div>
      ) : choices.length === 1 ? (
        <div className="panel stack">
          <p>You’re signed in with {choices[0]?.displayName} only, so the app uses it on this device.</p>
          <div className="actions">
            <Link className="button primary" to={returnTo}>
              Continue
            </Link>
            <Link className="button" to={anotherHref}>
              Sign in with another provider
            </Link>
          </div>
        </div>
      ) : (
        <>
          <p className="muted">
            You’re signed in with {choices.length} TV providers on this device. The app watches with one of
            them; it remembers your choice on this device, and you can change it on the Account page.
          </p>
          <ProviderChooser
            choices={choices}
            selected={providers.needsChoice ? null : providers.inUse}
            onChoose={(choice) => {
              providers.choose(choice);
              navigate(returnTo, { replace: true });
            }}
          />
          <p>
            <Link to={anotherHref}>Sign in with another provider</Link>
          </p>
        </>
      )}
    </div>
  );
}
