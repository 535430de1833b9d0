import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PassClient, ProfilesResponse } from '../pass';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** Polling interval bounds: Adobe's current checklist asks for 3–5 s; we allow up to 15 s. */
export const POLL_MIN_MS = 3_000;
export const POLL_MAX_MS = 15_000;
export const POLL_DEFAULT_MS = 5_000;

export function clampPollInterval(ms: number): number {
  return Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, Number.isFinite(ms) ? ms : POLL_DEFAULT_MS));
}

export const hasProfile = (data: ProfilesResponse | undefined) =>
  !!data && Object.keys(data.profiles).length > 0;

export interface PollOptions {
  /** Poll every `intervalMs` (clamped to 3–15 s) until a profile arrives; omit for a single read. */
  intervalMs?: number;
  /** The code's `notAfter` (epoch ms): polling never runs past it. */
  notAfter?: number;
  enabled?: boolean;
}

/**
 * GET /api/v2/{sp}/profiles/code/{code}. As a poll it stops on success, on an error (a dead code),
 * past the code's `notAfter`, and whenever nothing observes it (page left, new code = new key).
 */
export function profileByCodeQuery(client: PassClient, code: string, options: PollOptions = {}) {
  const interval = options.intervalMs === undefined ? false : clampPollInterval(options.intervalMs);
  return queryOptions({
    queryKey: passKeys.profileByCode(client.config.serviceProvider, code),
    queryFn: ({ signal }) => client.getProfileByCode(code, { signal }),
    enabled: options.enabled ?? true,
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchIntervalInBackground: true,
    refetchInterval: (query) => {
      if (interval === false || hasProfile(query.state.data) || query.state.error) return false;
      // The next poll would land after the code's end of life: stop now.
      if (options.notAfter !== undefined && Date.now() + interval > options.notAfter) return false;
      return interval;
    },
  });
}

export function useProfileByCode(code: string | null, options: PollOptions = {}) {
  const { client } = usePassScope();
  return useQuery(
    profileByCodeQuery(client, code ?? '', {
      ...options,
      enabled: code !== null && (options.enabled ?? true),
    }),
  );
}
