import { Link } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { useCatalog } from '../../queries/catalog';
import { useCatalogLocks } from '../../queries/preauthorize';
import { useCurrentProfile } from '../../queries/profiles';
import { useChosenMvpd } from '../../state/device-store';
import { lockState, TitleTile } from './title-tile';
import { handleGridKeyDown } from './use-grid-navigation';
import './catalog.css';

/** Browse: titles by channel with lock states from batched preauthorize calls. */
export function CatalogPage() {
  const catalog = useCatalog();
  const current = useCurrentProfile();
  const chosen = useChosenMvpd();
  const mvpd = current.data?.mvpd ?? null;
  const resourceIds = catalog.data?.titles.map((title) => title.id) ?? [];
  const locks = useCatalogLocks(mvpd, resourceIds);
  const providerName = mvpd && chosen?.id === mvpd ? chosen.displayName : mvpd;

  if (catalog.isPending) return <Spinner label="Loading the catalog…" />;
  if (catalog.isError) return <ErrorPanel error={catalog.error} onRetry={() => void catalog.refetch()} />;

  const channels = catalog.data.channels.filter((channel) =>
    catalog.data.titles.some((t) => t.channel === channel.id),
  );
  return (
    <div className="stack" data-testid="catalog">
      <h1>Browse</h1>
      {current.isPending ? (
        <Spinner label="Checking your sign-in…" />
      ) : mvpd ? (
        <p className="muted" data-testid="catalog-provider">
          Watching with {providerName}. Titles marked Locked are not in your package.
        </p>
      ) : (
        <div className="panel hero" data-testid="signed-out-banner">
          <h2>Sign in with your TV provider to watch</h2>
          <p className="muted">Your TV subscription unlocks live channels and shows on this app.</p>
          <Link className="button primary" to="/providers">
            Sign in with your TV provider
          </Link>
        </div>
      )}
      {locks.isPending && mvpd && <Spinner label="Checking which titles your package includes…" />}
      {locks.errors[0] !== undefined && <ErrorPanel error={locks.errors[0]} testId="catalog-locks-error" />}
      <div className="channels" onKeyDown={handleGridKeyDown}>
        {channels.map((channel, row) => (
          <section
            key={channel.id}
            className="channel-row"
            data-testid="channel-row"
            data-channel={channel.id}
            aria-labelledby={`channel-${channel.id}`}
          >
            <h2 id={`channel-${channel.id}`}>{channel.name}</h2>
            <ul className="tiles">
              {catalog.data.titles
                .filter((title) => title.channel === channel.id)
                .map((title, col) => {
                  const decision = locks.decisions.get(title.id);
                  return (
                    <TitleTile
                      key={title.id}
                      title={title}
                      decision={decision}
                      state={lockState(mvpd !== null, decision)}
                      row={row}
                      col={col}
                    />
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
