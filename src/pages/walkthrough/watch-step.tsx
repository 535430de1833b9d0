import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { usePass } from '../../app/pass-context';
import { fetchCatalog } from '../../catalog/catalog-api';
import { chunk, isPermit, type Decision } from '../../pass';
import { streamUrl, verifyMediaToken } from '../../playback/playback-api';
import { useChosenMvpd } from '../../state/device-store';
import { describeError } from './describe-error';

/** Starts playback once the stream can play; muted, so browsers' autoplay policies allow it. */
function startMuted(event: SyntheticEvent<HTMLVideoElement>) {
  const video = event.currentTarget;
  video.muted = true;
  if (video.paused) void video.play().catch(() => undefined);
}

/** Preauthorize batch size: Adobe's default per-call maximum. */
const PREAUTHORIZE_BATCH = 5;

/** Steps 3–4 of the walkthrough: lock states from preauthorize, then authorize → verify → play. */
export function WatchStep() {
  const { client, config } = usePass();
  const mvpd = useChosenMvpd();
  const [playing, setPlaying] = useState<{ resource: string; src: string; status: string } | null>(null);

  const catalog = useQuery({ queryKey: ['catalog'], queryFn: () => fetchCatalog() });

  const preauthorize = useMutation({
    mutationFn: async () => {
      if (!mvpd || !catalog.data) throw new Error('Sign in and load the catalog first.');
      const ids = catalog.data.titles.map((title) => title.id);
      const batches = await Promise.all(
        chunk(ids, PREAUTHORIZE_BATCH).map((batch) => client.preauthorize(mvpd.id, batch)),
      );
      return new Map<string, Decision>(
        batches.flatMap((b) => b.decisions.map((d) => [d.resource, d] as const)),
      );
    },
  });

  const play = useMutation({
    mutationFn: async (resource: string) => {
      if (!mvpd) throw new Error('Sign in first.');
      const [decision] = (await client.authorize(mvpd.id, [resource])).decisions;
      if (!decision) throw new Error('No decision was returned.');
      if (!isPermit(decision) || !decision.token) {
        throw new Error(
          isPermit(decision)
            ? 'No media token was issued.'
            : (decision.error.details ?? decision.error.message ?? decision.error.code),
        );
      }
      const token = decision.token.serializedToken;
      const status = await verifyMediaToken(config.playbackBaseUrl, token, resource);
      if (status !== 'VALID_TOKEN') throw new Error(`The media token was refused: ${status}`);
      return { resource, status, src: streamUrl(config.playbackBaseUrl, resource, token) };
    },
    onSuccess: setPlaying,
  });

  return (
    <section aria-labelledby="step-watch">
      <h2 id="step-watch">2. Watch</h2>
      <button
        type="button"
        onClick={() => preauthorize.mutate()}
        disabled={!mvpd || !catalog.data || preauthorize.isPending}
      >
        {preauthorize.isPending ? 'Checking your channels…' : 'Check which titles you can watch'}
      </button>
      {preauthorize.isError && <p role="alert">{describeError(preauthorize.error)}</p>}
      {catalog.isError && <p role="alert">{describeError(catalog.error)}</p>}
      <ul className="tiles">
        {catalog.data?.titles.map((title) => {
          const decision = preauthorize.data?.get(title.id);
          const state = decision === undefined ? 'unknown' : decision.authorized ? 'unlocked' : 'locked';
          return (
            <li key={title.id} data-testid={`tile-${title.id}`} data-lock-state={state}>
              <span>{title.title}</span>{' '}
              <span className="muted">
                {state === 'unknown' ? '' : state === 'locked' ? 'Locked' : 'Unlocked'}
              </span>{' '}
              <button type="button" onClick={() => play.mutate(title.id)} disabled={!mvpd || play.isPending}>
                Play {title.title}
              </button>
            </li>
          );
        })}
      </ul>
      {play.isPending && <p aria-live="polite">Checking with your TV provider…</p>}
      {play.isError && (
        <p role="alert" data-testid="playback-error">
          {describeError(play.error)}
        </p>
      )}
      {playing && (
        <div>
          <p data-testid="verifier-status">Media token: {playing.status}</p>
          <video
            data-testid="player"
            src={playing.src}
            controls
            muted
            playsInline
            onCanPlay={startMuted}
            width={640}
            height={360}
          />
        </div>
      )}
    </section>
  );
}
