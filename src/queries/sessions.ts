import { useMutation } from '@tanstack/react-query';
import type { SessionParameters } from '../pass';
import { usePassScope } from './use-pass-scope';

// GET /api/v2/{sp}/sessions/{code} is `sessionQuery` in ./session-lookup (no useMutation there, so
// the phone's code entry loads none).

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
