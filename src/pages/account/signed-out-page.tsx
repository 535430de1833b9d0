import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Spinner } from '../../components/spinner';
import { useChosenMvpd, useDeviceActions } from '../../state/device-store';
import { ProviderChooser } from '../choose-provider/provider-chooser';
import { useProviderChoices } from '../choose-provider/use-provider-choices';
import '../choose-provider/choose-provider.css';

/**
 * Where logout ends, after the MVPD's logout page when it has one. A device signed in with several
 * TV providers may still hold others: one left is used from now on; several left, the viewer picks.
 */
export function SignedOutPage() {
  const providers = useProviderChoices();
  const chosen = useChosenMvpd();
  const { mvpdChosen } = useDeviceActions();
  const navigate = useNavigate();
  const { choices } = providers;
  const only = choices.length === 1 ? choices[0] : undefined;

  useEffect(() => {
    // The one provider left is the one this device watches with (and the header can name it).
    if (only && chosen?.id !== only.id) {
      mvpdChosen({ id: only.id, displayName: only.displayName, logoUrl: only.logoUrl });
    }
  }, [only, chosen, mvpdChosen]);

  return (
    <div className="narrow stack" data-testid="signed-out">
      <h1>You’re signed out</h1>
      {providers.isPending ? (
        <Spinner label="Checking your other TV providers…" />
      ) : choices.length === 0 ? (
        <>
          <p>You’re signed out of your TV provider on this device.</p>
          <div className="actions">
            <Link className="button primary" to="/providers">
              Sign in with your TV provider
            </Link>
            <Link className="button" to="/">
              Browse
            </Link>
          </div>
        </>
      ) : only ? (
        <>
          <p data-testid="still-signed-in">
            You’re still signed in with {only.displayName} on this device; the app watches with it now.
          </p>
          <BrowseOrAccount />
        </>
      ) : providers.needsChoice ? (
        <>
          <p data-testid="still-signed-in">
            You’re still signed in with {choices.length} TV providers on this device.
          </p>
          <ProviderChooser
            choices={choices}
            selected={null}
            onChoose={(choice) => {
              providers.choose(choice);
              navigate('/', { replace: true });
            }}
          />
        </>
      ) : (
        <>
          <p data-testid="still-signed-in">
            You’re still signed in with {choices.length} TV providers on this device; the app keeps watching
            with {providers.nameOf(providers.inUse ?? '')}.
          </p>
          <BrowseOrAccount />
        </>
      )}
    </div>
  );
}

/** Where to go on while still signed in with another provider. */
function BrowseOrAccount() {
  return (
    <div className="actions">
      <Link className="button primary" to="/">
        Browse
      </Link>
      <Link className="button" to="/account">
        Account
      </Link>
    </div>
  );
}
