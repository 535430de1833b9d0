import { Link, useNavigate } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import type { MvpdProfile } from '../../pass';
import { useLogout } from '../../queries/logout';
import { useProfiles } from '../../queries/profiles';
import { useChosenMvpd } from '../../state/device-store';
import './account.css';

function attributeText(attribute: MvpdProfile['attributes'][string]): string {
  if (attribute.state === 'enc') return '(encrypted)';
  return typeof attribute.value === 'string' ? attribute.value : JSON.stringify(attribute.value);
}

function ProfileCard({ mvpd, profile, name }: { mvpd: string; profile: MvpdProfile; name: string }) {
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
      aria-labelledby={`profile-${mvpd}`}
    >
      <h2 id={`profile-${mvpd}`}>{name}</h2>
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
        <button
          type="button"
          className="button primary"
          onClick={() => void signOut()}
          disabled={logout.isPending}
        >
          {logout.isPending ? 'Signing out…' : `Sign out of ${name}`}
        </button>
      </div>
    </section>
  );
}

/** Account: the profiles of this device and sign-out (cookbook phase E). */
export function AccountPage() {
  const profiles = useProfiles();
  const chosen = useChosenMvpd();
  if (profiles.isPending) return <Spinner label="Loading your account…" />;
  if (profiles.isError) return <ErrorPanel error={profiles.error} onRetry={() => void profiles.refetch()} />;
  const entries = Object.entries(profiles.data.profiles);
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
        entries.map(([mvpd, profile]) => (
          <ProfileCard
            key={mvpd}
            mvpd={mvpd}
            profile={profile}
            name={chosen?.id === mvpd ? chosen.displayName : mvpd}
          />
        ))
      )}
    </div>
  );
}
