import { appConfigSchema, type AppConfig } from './app-config';

/** Fetches and validates `/app-config.json`; a bad file fails with a readable message. */
export async function loadAppConfig(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<AppConfig> {
  const response = await fetchImpl('/app-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /app-config.json (HTTP ${response.status}).`);
  const parsed = appConfigSchema.safeParse(await response.json());
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid /app-config.json: ${problems}`);
  }
  return parsed.data;
}
