import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import type { DenyDecision } from '../../pass';
import { useCatalog } from '../../queries/catalog';
import { usePlayback } from '../../queries/playback';
import { useCurrentProfile } from '../../queries/profiles';
import { useChosenMvpd } from '../../state/device-store';
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
  return (
    <div
      className="panel panel-error"
      role="alert"
      data-testid="playback-denied"
      data-error-code={error.code}
    >
      <h2 className="panel-title">You can’t watch this with your current package</h2>
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
          <p className="muted">Contact {providerName} to add this channel to your package.</p>
        )}
        <Link className="button" to="/">
          Back to Browse
        </Link>
      </div>
    </div>
  );
}

/**
 * The playback gate: every play authorizes first; only a permit whose media token the backend
 * verifies reaches the player. A deny shows the MVPD's message and never signs the viewer out.
 */
export function WatchPage() {
  const { resource = '' } = useParams();
  const returnTo = `/watch/${resource}`;
  const current = useCurrentProfile();
  const chosen = useChosenMvpd();
  const catalog = useCatalog();
  const [attempt, setAttempt] = useState(newAttempt);
  const mvpd = current.data?.mvpd ?? null;
  const playback = usePlayback(mvpd, resource, attempt);
  const title = catalog.data?.titles.find((t) => t.id === resource);
  const name = title?.title ?? resource;
  const providerName = mvpd && chosen?.id === mvpd ? chosen.displayName : (mvpd ?? 'Your TV provider');
  const playAgain = () => setAttempt(newAttempt());

  if (current.isPending) return <Spinner label="Checking your sign-in…" />;
  if (current.isError) return <ErrorPanel error={current.error} onRetry={() => void current.refetch()} />;
  if (!mvpd) return <Navigate to={`/providers?to=${encodeURIComponent(returnTo)}`} replace />;

  return (
    <div className="stack watch">
      <h1>{name}</h1>
      {title && <p className="muted">{title.synopsis}</p>}
      <div
        className="stage"
        data-testid="playback-gate"
        data-state={playback.isPending ? 'authorizing' : (playback.data?.kind ?? 'error')}
      >
        {playback.isPending && <Spinner label={`Checking with ${providerName}…`} />}
        {playback.isError && (
          <ErrorPanel
            error={playback.error}
            onRetry={playAgain}
            signInTo={`/providers?to=${encodeURIComponent(returnTo)}`}
          />
        )}
        {playback.data?.kind === 'denied' && (
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
        {playback.data?.kind === 'play' && (
          <Suspense fallback={<Spinner label="Loading the player…" />}>
            <Player key={attempt} src={playback.data.src} title={name} poster={title?.poster} />
          </Suspense>
        )}
      </div>
      {playback.data?.kind === 'play' && (
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
