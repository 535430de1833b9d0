import { Link } from 'react-router-dom';
import { Countdown } from '../../components/countdown';
import { Spinner } from '../../components/spinner';
import type { FreeAccess } from '../../queries/active-access';
import { useRefreshTempPass, useTempPassStatus } from '../../queries/temppass';
import { useTrialStartedHere } from '../../state/access-store';
import { FREE_PASS_TERMS } from '../../temppass/free-passes';
import { formatDuration } from '../../temppass/status';

/** The catalog's line about the free pass in use: time or titles left, or that it is over. */
export function FreePassBanner({ free }: { free: FreeAccess }) {
  const status = useTempPassStatus(free.pass, free.identity);
  const startedHere = useTrialStartedHere(free.trialKey);
  const refresh = useRefreshTempPass();

  if (free.needsIdentity) {
    return (
      <div className="panel" data-testid="catalog-free-pass" data-state="needs-email">
        <p>Enter your email again to keep watching your free titles.</p>
        <div className="actions">
          <Link className="button primary" to="/free">
            Enter your email
          </Link>
        </div>
      </div>
    );
  }
  if (status.isPending) return <Spinner label="Checking your free pass…" />;
  if (status.isError || !status.data) {
    return (
      <p className="muted" data-testid="catalog-free-pass" data-state="unknown">
        Watching with a free pass. <Link to="/free">Free pass details</Link>
      </p>
    );
  }
  if (status.data.state === 'over') {
    return (
      <div className="panel panel-error" data-testid="catalog-free-pass" data-state="over">
        <p>
          {status.data.limit === 'resources' ? 'Your free titles are used up.' : 'Your free time is over.'}{' '}
          Sign in with your TV provider to keep watching.
        </p>
        <div className="actions">
          <Link className="button primary" to="/providers">
            Sign in with your TV provider
          </Link>
        </div>
      </div>
    );
  }
  const { view, startedByProfile } = status.data;
  const started = view !== null && (startedByProfile || startedHere);
  return (
    <p className="muted" data-testid="catalog-free-pass" data-state="open">
      Watching with a free pass.{' '}
      {free.pass.kind === 'promotional' ? (
        <>Free titles left: {view?.remainingResources ?? FREE_PASS_TERMS.promotional.titles}. </>
      ) : started ? (
        <>
          Free time left:{' '}
          <Countdown
            until={view.expiresAt}
            subject="Your free time"
            testId="catalog-free-countdown"
            onExpire={() => refresh(free.mvpd, { decisions: true })}
          />
          .{' '}
        </>
      ) : (
        <>{formatDuration(view?.ttlMs || FREE_PASS_TERMS.basic.ttlMs)}, starting when you press play. </>
      )}
      <Link to="/free">Free pass details</Link>
    </p>
  );
}
