import { Link } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { useConfiguration } from '../../queries/configuration';
import { availableFreePasses, BASIC_FREE_PASS, PROMO_FREE_PASS } from '../../temppass/free-passes';
import { BasicPassSection } from './basic-pass-section';
import { PromoPassSection } from './promo-pass-section';
import './free.css';

/**
 * "Watch free" (cookbook: TempPass variant): a basic pass — a few minutes on this device — and a
 * promotional one — a few titles per email. No TV provider sign-in; Adobe grants the access itself.
 */
export function FreePage() {
  const configuration = useConfiguration();
  const passes = configuration.data ? availableFreePasses(configuration.data.requestor.mvpds) : null;
  return (
    <div className="stack narrow free-page">
      <h1>Watch free</h1>
      <p className="muted">
        No TV provider yet? Watch free for a while — no account needed. When the free time or titles are used
        up, sign in with your TV provider to keep watching.
      </p>
      {configuration.isPending && <Spinner label="Checking the free passes…" />}
      {configuration.isError && (
        <ErrorPanel error={configuration.error} onRetry={() => void configuration.refetch()} />
      )}
      {passes && !passes.basic && !passes.promotional && (
        <div className="panel" data-testid="free-unavailable">
          <h2 className="panel-title">Free viewing isn’t offered right now</h2>
          <p>Sign in with your TV provider to watch.</p>
          <Link className="button primary" to="/providers">
            Sign in with your TV provider
          </Link>
        </div>
      )}
      {passes?.basic && <BasicPassSection pass={BASIC_FREE_PASS} />}
      {passes?.promotional && <PromoPassSection pass={PROMO_FREE_PASS} />}
    </div>
  );
}
