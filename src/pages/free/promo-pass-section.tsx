import { Link, useNavigate } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { FreeAccessOver } from '../../components/free-access-over';
import { Spinner } from '../../components/spinner';
import { useCatalog } from '../../queries/catalog';
import { useTempPassStatus } from '../../queries/temppass';
import {
  trialKey,
  useAccessActions,
  useTempPassIdentity,
  useTrialStartedHere,
} from '../../state/access-store';
import { FREE_PASS_TERMS, type FreePass, type TempPassIdentity } from '../../temppass/free-passes';
import { formatDuration } from '../../temppass/status';
import { PromoEmailForm } from './promo-email-form';

function PromoStatus({ pass, identity }: { pass: FreePass; identity: TempPassIdentity }) {
  const status = useTempPassStatus(pass, identity);
  const catalog = useCatalog();
  const startedHere = useTrialStartedHere(trialKey(pass.mvpd, identity.key));
  const { freePassChosen, promoIdentityForgotten } = useAccessActions();
  const navigate = useNavigate();
  const titleOf = (id: string) => catalog.data?.titles.find((title) => title.id === id)?.title ?? id;

  const otherEmail = (
    <button type="button" className="button" onClick={promoIdentityForgotten}>
      Use a different email
    </button>
  );
  if (status.isPending) return <Spinner label="Checking your free titles…" />;
  if (status.isError) {
    return (
      <>
        <ErrorPanel error={status.error} onRetry={() => void status.refetch()} />
        <div className="actions">{otherEmail}</div>
      </>
    );
  }
  if (status.data.state === 'over') {
    return (
      <>
        {status.data.limit === 'resources' && (
          <dl className="facts">
            <dt>Titles left</dt>
            <dd data-testid="promo-titles-left">0</dd>
          </dl>
        )}
        <FreeAccessOver
          limit={status.data.limit}
          testId={status.data.limit === 'resources' ? 'promo-exhausted' : 'promo-expired'}
        >
          {otherEmail}
        </FreeAccessOver>
      </>
    );
  }

  const { view, startedByProfile } = status.data;
  const titlesLeft = view?.remainingResources ?? FREE_PASS_TERMS.promotional.titles;
  const watched = view?.usedAssets ?? [];
  const started = startedByProfile || startedHere;
  const browse = () => {
    freePassChosen(pass);
    navigate('/');
  };
  return (
    <>
      <dl className="facts">
        <dt>Titles left</dt>
        <dd data-testid="promo-titles-left">{titlesLeft}</dd>
        <dt>Titles watched</dt>
        <dd data-testid="promo-titles-watched">
          {watched.length === 0 ? (
            'None yet'
          ) : (
            <ul className="watched-titles">
              {watched.map((id) => (
                <li key={id}>
                  <Link to={`/watch/${encodeURIComponent(id)}`}>{titleOf(id)}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Free until</dt>
        <dd data-testid="promo-expiry">
          {started && view
            ? new Date(view.expiresAt).toLocaleString()
            : `${formatDuration(view?.ttlMs || FREE_PASS_TERMS.promotional.ttlMs)}, starting when you press play`}
        </dd>
      </dl>
      <p className="hint">Watching a title again doesn’t use another one.</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={browse}>
          Browse free titles
        </button>
        {otherEmail}
      </div>
    </>
  );
}

/** The promotional pass: a few different titles per email, within a day. */
export function PromoPassSection({ pass }: { pass: FreePass }) {
  const identity = useTempPassIdentity();
  const own = identity?.mvpd === pass.mvpd ? identity : null;
  return (
    <section className="panel stack" aria-labelledby="free-promo-title" data-testid="free-promo">
      <h2 id="free-promo-title">{FREE_PASS_TERMS.promotional.titles} free titles with your email</h2>
      <p className="muted">
        Pick any {FREE_PASS_TERMS.promotional.titles} titles and watch them free for{' '}
        {formatDuration(FREE_PASS_TERMS.promotional.ttlMs)}, on any device where you enter the same email.
      </p>
      {own ? <PromoStatus pass={pass} identity={own} /> : <PromoEmailForm pass={pass} />}
    </section>
  );
}
