import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { Countdown } from '../../components/countdown';
import { ErrorPanel } from '../../components/error-panel';
import { FreeAccessOver } from '../../components/free-access-over';
import { Spinner } from '../../components/spinner';
import type { DenyDecision } from '../../pass';
import { useActiveAccess } from '../../queries/active-access';
import { useCatalog } from '../../queries/catalog';
import { usePlayback } from '../../queries/playback';
import { useRefreshTempPass, useTempPassStatus } from '../../queries/temppass';
import { useAccessActions } from '../../state/access-store';
import { useChosenMvpd } from '../../state/device-store';
import { tempPassLimitOf, type TempPassLimit } from '../../temppass/status';
import { useDeadline } from './use-deadline';
import './watch.css';

const Player = lazy(() => import('./player'));

const newAttempt = () => globalThis.crypto?.randomUUID?.() ?? String(Math.random());

function DeniedPanel({
  decision,
  providerName,
  returnTo,
  onRetry,
}: {
  decision: DenyDecision;
  providerName: string;
  returnTo: string;
  onRetry: () => void;
}) {
  const { error } = decision;
  // AuthZNone: a degradation rule, not the package, says no; the viewer stays signed in.
  const degraded = decision.source === 'degradation';
  return (
    <div
      className="panel panel-error"
      role="alert"
      data-testid="playback-denied"
      data-error-code={error.code}
      data-source={decision.source}
    >
      <h2 className="panel-title">
        {degraded
          ? `${providerName} can’t confirm your package right now`
          : 'You can’t watch this with your current package'}
      </h2>
      <p data-testid="error-message">
        {error.details ?? error.message ?? `${providerName} did not allow this title.`}
      </p>
      <div className="actions">
        {error.action === 'authentication' && (
          <Link className="button primary" to={`/providers?to=${encodeURIComponent(returnTo)}`}>
            Sign in with your TV provider
          </Link>
        )}
        {error.action === 'retry' && (
          <button type="button" className="button primary" onClick={onRetry}>
            Try again
          </button>
        )}
        {error.action !== 'authentication' && error.action !== 'retry' && (
          <p className="muted">
            {degraded
              ? `You’re still signed in with ${providerName}. This is temporary: try again later.`
              : `Contact ${providerName} to add this channel to your package.`}
          </p>
        )}
        <Link className="button" to="/">
          Back to Browse
        </Link>
      </div>
    </div>
  );
}

const signInPath = (returnTo: string) => `/providers?to=${encodeURIComponent(returnTo)}`;

function FreeOver({ limit, returnTo }: { limit: TempPassLimit; returnTo: string }) {
  return (
    <FreeAccessOver
      limit={limit}
      signInTo={signInPath(returnTo)}
      testId={limit === 'resources' ? 'promo-exhausted' : 'free-expired'}
    >
      <Link className="button" to="/free">
        About free viewing
      </Link>
      <Link className="button" to="/">
        Back to Browse
      </Link>
    </FreeAccessOver>
  );
}

/**
 * The playback gate: every play authorizes first — against the active access's MVPD: the TV
 * provider, or a free pass (with `AP-TempPass-Identity` for a promotional one) — and only a permit
 * whose media token the backend verifies reaches the player. A deny shows the MVPD's message and
 * never signs the viewer out. With a free pass the page also stops the player itself when the pass
 * ends (Adobe does not stop a running stream) and shows the out-of-free-time state.
 */
export function WatchPage() {
  const { resource = '' } = useParams();
  const returnTo = `/watch/${resource}`;
  const access = useActiveAccess();
  const chosen = useChosenMvpd();
  const catalog = useCatalog();
  const [attempt, setAttempt] = useState(newAttempt);
  const { active } = access;
  const free = active.kind === 'free' ? active : null;
  const mvpd = active.kind === 'none' || free?.needsIdentity ? null : active.mvpd;
  const playback = usePlayback(mvpd, resource, attempt, free?.identity ?? null);
  const { freeTrialStarted } = useAccessActions();
  const refreshTempPass = useRefreshTempPass();

  const permit = playback.data?.kind === 'play' ? playback.data : null;
  // The pass's end comes with the TempPass permit (decision notAfter); else from its profile.
  const needsProfileExpiry = free !== null && permit !== null && permit.accessExpiresAt === null;
  const freeStatus = useTempPassStatus(needsProfileExpiry ? free.pass : null, free?.identity ?? null);
  const profileExpiry =
    freeStatus.data?.state === 'open' && freeStatus.data.view ? freeStatus.data.view.expiresAt : null;
  const passEndsAt = free && permit ? (permit.accessExpiresAt ?? profileExpiry) : null;
  const passEnded = useDeadline(passEndsAt);
  const freeDenyLimit =
    free && playback.data?.kind === 'denied' ? tempPassLimitOf(playback.data.decision.error.code) : null;

  // A TempPass answer changes the pass (clock started, a title used, or over): read its status again.
  const freeMvpd = free?.mvpd ?? null;
  const freeTrialKey = free?.trialKey ?? null;
  const answer = playback.data;
  useEffect(() => {
    if (!freeMvpd || !answer) return;
    if (answer.kind === 'play' && freeTrialKey) freeTrialStarted(freeTrialKey);
    refreshTempPass(freeMvpd, { decisions: answer.kind === 'denied' });
  }, [answer, freeMvpd, freeTrialKey, freeTrialStarted, refreshTempPass]);
  useEffect(() => {
    if (passEnded && freeMvpd) refreshTempPass(freeMvpd, { decisions: true });
  }, [passEnded, freeMvpd, refreshTempPass]);

  const title = catalog.data?.titles.find((t) => t.id === resource);
  const name = title?.title ?? resource;
  const providerName = free
    ? 'your free pass'
    : mvpd && chosen?.id === mvpd
      ? chosen.displayName
      : (mvpd ?? 'Your TV provider');
  const playAgain = () => setAttempt(newAttempt());

  if (access.isPending) return <Spinner label="Checking your sign-in…" />;
  if (access.error) return <ErrorPanel error={access.error} onRetry={() => void access.refetch()} />;
  if (active.kind === 'none') return <Navigate to={signInPath(returnTo)} replace />;
  if (free?.needsIdentity) {
    return (
      <div className="stack watch">
        <h1>{name}</h1>
        <div className="panel" data-testid="free-identity-needed">
          <h2 className="panel-title">Enter your email to keep watching free</h2>
          <p>For your free titles, the app needs your email again on this visit.</p>
          <div className="actions">
            <Link className="button primary" to="/free">
              Enter your email
            </Link>
            <Link className="button" to={signInPath(returnTo)}>
              Sign in with your TV provider
            </Link>
          </div>
        </div>
      </div>
    );
  }

  const state = playback.isPending ? 'authorizing' : passEnded ? 'ended' : (playback.data?.kind ?? 'error');
  return (
    <div className="stack watch">
      <h1>{name}</h1>
      {title && <p className="muted">{title.synopsis}</p>}
      {free?.pass.kind === 'basic' && passEndsAt !== null && !passEnded && (
        <p className="free-countdown" data-testid="free-countdown" data-state="running">
          Free time left:{' '}
          <Countdown until={passEndsAt} subject="Your free time" testId="free-countdown-timer" />
        </p>
      )}
      <div className="stage" data-testid="playback-gate" data-state={state}>
        {playback.isPending && (
          <Spinner label={free ? 'Checking your free pass…' : `Checking with ${providerName}…`} />
        )}
        {playback.isError && (
          <ErrorPanel error={playback.error} onRetry={playAgain} signInTo={signInPath(returnTo)} />
        )}
        {passEnded && <FreeOver limit="duration" returnTo={returnTo} />}
        {freeDenyLimit && <FreeOver limit={freeDenyLimit} returnTo={returnTo} />}
        {playback.data?.kind === 'denied' && !freeDenyLimit && (
          <DeniedPanel
            decision={playback.data.decision}
            providerName={providerName}
            returnTo={returnTo}
            onRetry={playAgain}
          />
        )}
        {playback.data?.kind === 'refused' && (
          <div className="panel panel-error" role="alert" data-testid="playback-error">
            <h2 className="panel-title">The video could not start</h2>
            <p data-testid="error-message">
              The video service did not accept the media token ({playback.data.status}).
            </p>
            <button type="button" className="button primary" onClick={playAgain}>
              Try again
            </button>
          </div>
        )}
        {permit && !passEnded && (
          <Suspense fallback={<Spinner label="Loading the player…" />}>
            <Player key={attempt} src={permit.src} title={name} poster={title?.poster} />
          </Suspense>
        )}
      </div>
      {permit && !passEnded && (
        <div className="actions">
          <button type="button" className="button" onClick={playAgain}>
            Start over
          </button>
          <Link className="button" to="/">
            Back to Browse
          </Link>
        </div>
      )}
    </div>
  );
}
