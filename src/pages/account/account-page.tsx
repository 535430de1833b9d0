import { Link, useNavigate } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import type { MvpdProfile } from '../../pass';
import { useLogout } from '../../queries/logout';
import { useProfiles } from '../../queries/profiles';
import type { ProviderChoice } from '../choose-provider/provider-choices';
import { useProviderChoices } from '../choose-provider/use-provider-choices';
import './account.css';

function attributeText(attribute: MvpdProfile['attributes'][string]): string {
  if (attribute.state === 'enc') return '(encrypted)';
  return typeof attribute.value === 'string' ? attribute.value : JSON.stringify(attribute.value);
}

interface ProfileCardProps {
  mvpd: string;
  profile: MvpdProfile;
  name: string;
  /** The app watches with this provider on this device. */
  inUse: boolean;
  /** Offered when the device is signed in with several providers and this one is not in use. */
  onWatchWith?: () => void;
}

function ProfileCard({ mvpd, profile, name, inUse, onWatchWith }: ProfileCardProps) {
  const logout = useLogout();
  const navigate = useNavigate();
  const signOut = async () => {
    // mutateAsync: this card unmounts as soon as the cleared cache re-renders the page.
    const mvpdLogoutUrl = await logout
      .mutateAsync({ mvpd, redirectUrl: `${window.location.origin}/signed-out` })
      .catch(() => undefined);
    if (mvpdLogoutUrl === undefined) return; // the error is shown below
    // The MVPD's own logout page ends its session too, then comes back to /signed-out.
    if (mvpdLogoutUrl) window.location.assign(mvpdLogoutUrl);
    else navigate('/signed-out', { replace: true });
  };
  return (
    <section
      className="panel profile-card"
      data-testid="profile-card"
      data-mvpd={mvpd}
      data-in-use={inUse}
      aria-labelledby={`profile-${mvpd}`}
    >
      <h2 id={`profile-${mvpd}`}>{name}</h2>
      {inUse && (
        <p className="in-use" data-testid="profile-in-use">
          The app watches with {name} on this device.
        </p>
      )}
      <dl className="facts">
        <dt>Signed in</dt>
        <dd>{new Date(profile.notBefore).toLocaleString()}</dd>
        <dt>Sign-in expires</dt>
        <dd data-testid="profile-expiry">{new Date(profile.notAfter).toLocaleString()}</dd>
        <dt>Type</dt>
        <dd>{profile.type}</dd>
        {Object.entries(profile.attributes).map(([key, attribute]) => (
          <div key={key} className="fact">
            <dt>{key}</dt>
            <dd>{attributeText(attribute)}</dd>
          </div>
        ))}
      </dl>
      {logout.isError && <ErrorPanel error={logout.error} onRetry={() => void signOut()} />}
      <div className="actions">
        {onWatchWith && (
          <button type="button" className="button primary" onClick={onWatchWith}>
            Watch with {name}
          </button>
        )}
        <button
          type="button"
          className={onWatchWith ? 'button' : 'button primary'}
          onClick={() => void signOut()}
          disabled={logout.isPending}
        >
          {logout.isPending ? 'Signing out…' : `Sign out of ${name}`}
        </button>
      </div>
    </section>
  );
}

/**
 * Account: every TV provider this device is signed in with (cookbook phase E for each), which one
 * the app watches with, switching between them, signing in with another one and signing out of one.
 */
export function AccountPage() {
  const profiles = useProfiles();
  const providers = useProviderChoices();
  if (profiles.isPending || providers.isPending) return <Spinner label="Loading your account…" />;
  if (profiles.isError) return <ErrorPanel error={profiles.error} onRetry={() => void profiles.refetch()} />;
  const entries = Object.entries(profiles.data.profiles);
  const several = providers.choices.length >= 2;
  const choiceOf = (mvpd: string): ProviderChoice | undefined =>
    providers.choices.find((choice) => choice.id === mvpd);
  return (
    <div className="stack narrow">
      <h1>Account</h1>
      {entries.length === 0 ? (
        <div className="panel" data-testid="account-signed-out">
          <p>You’re not signed in with a TV provider on this device.</p>
          <Link className="button primary" to="/providers">
            Sign in with your TV provider
          </Link>
        </div>
      ) : (
        <>
          {providers.needsChoice && (
            <div className="panel" data-testid="account-choose-provider">
              <p>
                You’re signed in with {providers.choices.length} TV providers on this device. Choose the one
                to watch with.
              </p>
              <Link className="button primary" to="/choose-provider?to=%2Faccount">
                Choose your TV provider
              </Link>
            </div>
          )}
          {entries.map(([mvpd, profile]) => {
            const choice = choiceOf(mvpd);
            const inUse = providers.inUse === mvpd && !providers.needsChoice;
            return (
              <ProfileCard
                key={mvpd}
                mvpd={mvpd}
                profile={profile}
                name={providers.nameOf(mvpd)}
                inUse={inUse}
                onWatchWith={several && choice && !inUse ? () => providers.choose(choice) : undefined}
              />
            );
          })}
          <p>
            <Link to="/providers?change=1&to=%2Faccount" data-testid="account-add-provider">
              Sign in with another provider
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
