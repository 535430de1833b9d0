import { z } from '../pass/schemas/zod';

/**
 * The programmer's playback backend (here: the emulator's verifier and protected origin). The app
 * sends the whole serialized media token and the resource it asked for; only a VALID_TOKEN opens
 * the stream.
 */
export const verifierStatusSchema = z.enum([
  'VALID_TOKEN',
  'INVALID_TOKEN_FORMAT',
  'INVALID_SIGNATURE',
  'TOKEN_EXPIRED',
  'INVALID_RESOURCE_ID',
]);
export type VerifierStatus = z.infer<typeof verifierStatusSchema>;

const verifyResponseSchema = z.looseObject({ status: verifierStatusSchema });

/** POST {playbackBaseUrl}/media-token/verify — read-only check of a media token. */
export async function verifyMediaToken(
  playbackBaseUrl: string,
  token: string,
  resource: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<VerifierStatus> {
  const response = await fetchImpl(`${playbackBaseUrl}/media-token/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token, resource }),
  });
  if (!response.ok) throw new Error(`The media token verifier answered HTTP ${response.status}.`);
  return verifyResponseSchema.parse(await response.json()).status;
}

/** URL of the protected stream; the origin serves it once, to the first client presenting the token. */
export function streamUrl(playbackBaseUrl: string, resource: string, token: string): string {
  return `${playbackBaseUrl}/stream/${encodeURIComponent(resource)}?token=${encodeURIComponent(token)}`;
}
