import { Link } from 'react-router-dom';

/** Where logout ends, after the MVPD's logout page when it has one. */
export function SignedOutPage() {
  return (
    <div className="narrow stack" data-testid="signed-out">
      <h1>You’re signed out</h1>
      <p>You’re signed out of your TV provider on this device.</p>
      <div className="actions">
        <Link className="button primary" to="/providers">
          Sign in with your TV provider
        </Link>
        <Link className="button" to="/">
          Browse
        </Link>
      </div>
    </div>
  );
}
