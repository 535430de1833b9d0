import { Link } from 'react-router-dom';
import type { CatalogTitle } from '../../catalog/catalog-api';
import type { Decision } from '../../pass';

export type LockState = 'unlocked' | 'locked' | 'checking' | 'signed-out';

const BADGE: Record<LockState, string> = {
  unlocked: 'Included',
  locked: 'Locked',
  checking: 'Checking…',
  'signed-out': 'Sign in to watch',
};

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
  const message =
    decision && !decision.authorized ? (decision.error.details ?? decision.error.message) : undefined;
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
        <img src={title.poster} alt="" width={200} height={300} loading={row > 1 ? 'lazy' : 'eager'} />
        <span className="tile-badge" aria-hidden="true">
          {state === 'locked' ? '🔒 ' : ''}
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
