import { useNavigate } from 'react-router-dom';
import { Countdown } from '../../components/countdown';
import { ErrorPanel } from '../../components/error-panel';
import { FreeAccessOver } from '../../components/free-access-over';
import { Spinner } from '../../components/spinner';
import { useActiveAccess } from '../../queries/active-access';
import { useRefreshTempPass, useTempPassStatus } from '../../queries/temppass';
import { trialKey, useAccessActions, useTrialStartedHere } from '../../state/access-store';
import { FREE_PASS_TERMS, type FreePass } from '../../temppass/free-passes';
import { formatDuration } from '../../temppass/status';

/** The basic pass: minutes of viewing on this device, counted from the first play. */
export function BasicPassSection({ pass }: { pass: FreePass }) {
  const status = useTempPassStatus(pass, null);
  const startedHere = useTrialStartedHere(trialKey(pass.mvpd, null));
  const access = useActiveAccess();
  const { freePassChosen } = useAccessActions();
  const refresh = useRefreshTempPass();
  const navigate = useNavigate();
  const inUse = access.active.kind === 'free' && access.active.mvpd === pass.mvpd;
  const minutes = formatDuration(
    status.data?.state === 'open' && status.data.view ? status.data.view.ttlMs : FREE_PASS_TERMS.basic.ttlMs,
  );

  const start = () => {
    freePassChosen(pass);
    navigate('/');
  };

  return (
    <section className="panel stack" aria-labelledby="free-basic-title" data-testid="free-basic">
      <h2 id="free-basic-title">Free preview: {minutes} on this device</h2>
      <p className="muted">Watch any title. The time counts from when you first press play, paused or not.</p>
      {status.isPending && <Spinner label="Checking your free time…" />}
      {status.isError && <ErrorPanel error={status.error} onRetry={() => void status.refetch()} />}
      {status.data?.state === 'over' && (
        <FreeAccessOver limit={status.data.limit} testId="free-expired" signInTo="/providers" />
      )}
      {status.data?.state === 'open' && (
        <>
          {status.data.view && (status.data.startedByProfile || startedHere) ? (
            <p className="free-time" data-testid="free-countdown" data-state="running">
              Free time left:{' '}
              <Countdown
                until={status.data.view.expiresAt}
                subject="Your free time"
                testId="free-countdown-timer"
                className="free-timer"
                onExpire={() => refresh(pass.mvpd, { decisions: true })}
              />
            </p>
          ) : (
            <p className="free-time" data-testid="free-countdown" data-state="not-started">
              {minutes}, starting when you press play
            </p>
          )}
          <div className="actions">
            <button type="button" className="button primary" onClick={start}>
              {inUse ? 'Browse titles' : 'Watch free now'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
