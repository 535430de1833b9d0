import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { useActiveAccess } from '../../queries/active-access';
import { useCatalog } from '../../queries/catalog';
import { useCatalogLocks } from '../../queries/preauthorize';
import { useProfiles } from '../../queries/profiles';
import { useChosenMvpd } from '../../state/device-store';
import { isDegradationDeny, lockState, TitleTile } from './title-tile';
import { handleGridKeyDown } from './use-grid-navigation';
import './catalog.css';

// Only a viewer on a free pass sees it: its code (countdown, TempPass queries) stays out of `/`.
const FreePassBanner = lazy(async () => ({ default: (await import('./free-pass-banner')).FreePassBanner }));

/**
 * How many other TV providers this device is signed in with, when the viewer has not chosen the one
 * in use (0 otherwise). Reads the profiles the page already holds: no request of its own.
 */
function useUnchosenProviders(inUse: string | null, chosenId: string | undefined): number {
  const profiles = useProfiles();
  // Validity by the device clock as of this page's first render (as the chooser judges it).
  const [now] = useState(() => Date.now());
  if (!inUse || inUse === chosenId || !profiles.data) return 0;
  return Object.entries(profiles.data.profiles).filter(
    ([id, profile]) => id !== inUse && profile.notAfter > now,
  ).length;
}

/**
 * Browse: titles by channel with lock states from batched preauthorize calls, against the active
 * access's MVPD — the TV provider, or a free pass (with its identity for a promotional one).
 */
export function CatalogPage() {
  const catalog = useCatalog();
  const access = useActiveAccess();
  const chosen = useChosenMvpd();
  const { active } = access;
  const free = active.kind === 'free' ? active : null;
  const mvpd = active.kind === 'none' || free?.needsIdentity ? null : active.mvpd;
  const resourceIds = catalog.data?.titles.map((title) => title.id) ?? [];
  const locks = useCatalogLocks(mvpd, resourceIds, free?.identity ?? null);
  const providerName = mvpd && chosen?.id === mvpd ? chosen.displayName : mvpd;
  // AuthZNone: Adobe denies every title by a degradation rule, not the viewer's package.
  const degradedDeny = free ? undefined : [...locks.decisions.values()].find(isDegradationDeny);
  const otherProviders = useUnchosenProviders(free ? null : mvpd, chosen?.id);

  if (catalog.isPending) return <Spinner label="Loading the catalog…" />;
  if (catalog.isError) return <ErrorPanel error={catalog.error} onRetry={() => void catalog.refetch()} />;

  const channels = catalog.data.channels.filter((channel) =>
    catalog.data.titles.some((t) => t.channel === channel.id),
  );
  return (
    <div className="stack" data-testid="catalog">
      <h1>Browse</h1>
      {/* One slot of fixed minimum height for every sign-in state, so the rows never move (CLS 0). */}
      <div className="catalog-status">
        {access.isPending ? (
          <Spinner label="Checking your sign-in…" />
        ) : access.error ? (
          // Not knowing the sign-in is not being signed out: say what failed, offer to ask again.
          <ErrorPanel
            error={access.error}
            testId="catalog-access-error"
            onRetry={() => void access.refetch()}
          />
        ) : free ? (
          <Suspense fallback={<Spinner label="Checking your free pass…" />}>
            <FreePassBanner free={free} />
          </Suspense>
        ) : mvpd && degradedDeny ? (
          <div className="panel" role="status" data-testid="catalog-degraded">
            <h2 className="panel-title">{providerName} can’t confirm your package right now</h2>
            <p data-testid="catalog-degraded-message">
              {degradedDeny.error.details ?? degradedDeny.error.message ?? 'Titles are locked for now.'}
            </p>
            <p className="muted">
              You’re still signed in. Titles stay locked until {providerName} answers again; come back later.
            </p>
          </div>
        ) : mvpd && otherProviders > 0 ? (
          // Adobe's checklist: with profiles of several MVPDs, the viewer picks one (not the app).
          <div className="panel" role="status" data-testid="catalog-choose-provider">
            <p>
              You’re signed in with {otherProviders + 1} TV providers on this device; the app is using{' '}
              {providerName} for now.
            </p>
            <Link className="button primary" to="/choose-provider?to=%2F">
              Choose your TV provider
            </Link>
          </div>
        ) : mvpd ? (
          <p className="muted" data-testid="catalog-provider">
            Watching with {providerName}. Titles marked Locked are not in your package.
          </p>
        ) : (
          <div className="panel hero" data-testid="signed-out-banner">
            <h2>Sign in with your TV provider to watch</h2>
            <p className="muted">Your TV subscription unlocks live channels and shows on this app.</p>
            <div className="actions">
              <Link className="button primary" to="/providers">
                Sign in with your TV provider
              </Link>
              <Link className="button" to="/free" data-testid="watch-free-link">
                No TV provider? Watch free
              </Link>
            </div>
          </div>
        )}
        {locks.isPending && mvpd && (
          <Spinner
            label={free ? 'Checking your free pass…' : 'Checking which titles your package includes…'}
          />
        )}
        {locks.errors[0] !== undefined && (
          <ErrorPanel error={locks.errors[0]} testId="catalog-locks-error" onRetry={locks.retryFailed} />
        )}
      </div>
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
