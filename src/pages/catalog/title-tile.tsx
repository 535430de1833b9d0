import { Link } from 'react-router-dom';
import type { CatalogTitle } from '../../catalog/catalog-api';
import type { Decision, DenyDecision } from '../../pass';
import { tempPassLimitOf } from '../../temppass/status';

export type LockState = 'unlocked' | 'locked' | 'checking' | 'signed-out';

const BADGE: Record<LockState, string> = {
  unlocked: 'Included',
  locked: 'Locked',
  checking: 'Checking…',
  'signed-out': 'Sign in to watch',
};

function LockIcon() {
  return (
    <svg
      className="lock-icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z"
      />
    </svg>
  );
}

/** A deny by a degradation rule (AuthZNone): the same for every title, so the catalog says it once. */
export function isDegradationDeny(decision: Decision): decision is DenyDecision {
  return !decision.authorized && decision.source === 'degradation';
}

export function lockState(signedIn: boolean, decision: Decision | undefined): LockState {
  if (!signedIn) return 'signed-out';
  if (!decision) return 'checking';
  return decision.authorized ? 'unlocked' : 'locked';
}

interface TitleTileProps {
  title: CatalogTitle;
  state: LockState;
  decision: Decision | undefined;
  row: number;
  col: number;
}

/**
 * One title. Its lock comes from preauthorize and is only a hint: the tile always leads to the
 * playback gate, which authorizes for real.
 */
export function TitleTile({ title, state, decision, row, col }: TitleTileProps) {
  // A used-up free pass or a degradation rule denies every title alike; the catalog says it once.
  const message =
    decision &&
    !decision.authorized &&
    !tempPassLimitOf(decision.error.code) &&
    decision.source !== 'degradation'
      ? (decision.error.details ?? decision.error.message)
      : undefined;
  return (
    <li
      className={`tile tile-${state}`}
      data-testid={`tile-${title.id}`}
      data-resource={title.id}
      data-lock-state={state}
    >
      <Link
        to={`/watch/${encodeURIComponent(title.id)}`}
        className="tile-link"
        data-grid-row={row}
        data-grid-col={col}
        aria-label={`${title.title}, ${BADGE[state]}`}
      >
        <img
          src={title.poster}
          alt=""
          width={200}
          height={300}
          loading={row > 1 ? 'lazy' : 'eager'}
          // The first row holds the page's largest paint.
          fetchPriority={row === 0 ? 'high' : 'auto'}
        />
        <span className="tile-badge" aria-hidden="true">
          {state === 'locked' && <LockIcon />}
          {BADGE[state]}
        </span>
        <span className="tile-title">{title.title}</span>
      </Link>
      {message && (
        <p className="tile-message" data-testid="tile-message">
          {message}
        </p>
      )}
    </li>
  );
}
