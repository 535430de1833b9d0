import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { PassClient, SessionParameters } from '../pass';
import { normalizeCode } from '../pass/device-code';
import { passKeys } from './pass-keys';
import { usePassScope } from './use-pass-scope';

/** GET /api/v2/{sp}/sessions/{code} — the second screen validates a typed code. */
export function sessionQuery(client: PassClient, code: string) {
  return queryOptions({
    queryKey: passKeys.session(client.config.serviceProvider, code),
    queryFn: ({ signal }) => client.getSession(code, { signal }),
    staleTime: 0,
    gcTime: 60_000,
  });
}

export function useSessionLookup(code: string | null) {
  const { client } = usePassScope();
  return useQuery({ ...sessionQuery(client, code ? normalizeCode(code) : ''), enabled: !!code });
}

/** POST /api/v2/{sp}/sessions */
export function useCreateSession() {
  const { client } = usePassScope();
  return useMutation({
    mutationKey: ['pass', 'create-session'],
    mutationFn: (parameters: SessionParameters) => client.createSession(parameters),
  });
}

/** POST /api/v2/{sp}/sessions/{code} */
export function useResumeSession() {
  const { client } = usePassScope();
  return useMutation({
    mutationKey: ['pass', 'resume-session'],
    mutationFn: ({ code, parameters }: { code: string; parameters: SessionParameters }) =>
      client.resumeSession(code, parameters),
  });
}
