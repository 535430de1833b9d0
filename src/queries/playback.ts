import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DenyDecision, PassClient } from '../pass';
import { isPermit } from '../pass/endpoints/decision-helpers';
import { streamUrl, verifyMediaToken } from '../playback/playback-api';
import type { TempPassIdentity } from '../temppass/free-passes';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

export type PlaybackDecision =
  | {
      kind: 'play';
      src: string;
      tokenExpiresAt: number;
      /** A TempPass permit (`source: "temppass"`): when the pass ends (the decision's `notAfter`). */
      accessExpiresAt: number | null;
    }
  | { kind: 'denied'; decision: DenyDecision }
  | { kind: 'refused'; status: string };

/**
 * One play attempt: POST …/decisions/authorize/{mvpd} for the title, then the programmer's backend
 * verifies the media token, and only a VALID_TOKEN yields a stream URL. Each attempt has its own key
 * and is never cached (a media token is single use): a new play authorizes again.
 */
export function playbackQuery(
  client: PassClient,
  deviceId: string,
  playbackBaseUrl: string,
  mvpd: string,
  resource: string,
  attempt: string,
  identity: TempPassIdentity | null = null,
) {
  return queryOptions({
    queryKey: passKeys.authorize(
      client.config.serviceProvider,
      deviceId,
      mvpd,
      resource,
      attempt,
      identity?.key ?? null,
    ),
    queryFn: async ({ signal }): Promise<PlaybackDecision> => {
      const { decisions } = await client.authorize(mvpd, [resource], {
        signal,
        ...(identity ? { tempPassIdentity: identity.header } : {}),
      });
      const decision = decisions.find((d) => d.resource === resource);
      if (!decision) throw new Error('The authorization answer did not include this title.');
      if (!isPermit(decision)) return { kind: 'denied', decision };
      if (!decision.token) throw new Error('The authorization did not include a media token.');
      const token = decision.token.serializedToken;
      const status = await verifyMediaToken(playbackBaseUrl, token, resource);
      if (status !== 'VALID_TOKEN') return { kind: 'refused', status };
      return {
        kind: 'play',
        src: streamUrl(playbackBaseUrl, resource, token),
        tokenExpiresAt: decision.token.notAfter,
        accessExpiresAt: decision.source === 'temppass' ? (decision.notAfter ?? null) : null,
      };
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function usePlayback(
  mvpd: string | null,
  resource: string,
  attempt: string,
  identity: TempPassIdentity | null = null,
) {
  const { client, deviceId, config } = usePassScope();
  return useQuery({
    ...playbackQuery(client, deviceId, config.playbackBaseUrl, mvpd ?? '', resource, attempt, identity),
    enabled: mvpd !== null,
  });
}
