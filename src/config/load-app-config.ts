import type { AppConfig } from './app-config';

/** Fetches and validates `/app-config.json`; a bad file fails with a readable message. */
export async function loadAppConfig(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<AppConfig> {
  // The schema (and zod) load in their own chunk, in parallel with the request.
  const schema = import('./app-config').then((module) => module.appConfigSchema);
  schema.catch(() => undefined);
  const response = await fetchImpl('/app-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /app-config.json (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  const parsed = (await schema).safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid /app-config.json: ${problems}`);
  }
  return parsed.data;
}
