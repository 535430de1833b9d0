import { recordExchange } from '../devtools/trace-tap';
import type { ExchangeObserver, PassExchange } from '../pass/transport';
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

export interface VerifyOptions {
  fetch?: typeof fetch;
  /**
   * Sees the HTTP attempt, like the Pass client's `onExchange`: by default the page's API trace
   * (phase D, authorization), which masks the media token in the request body until revealed.
   */
  onExchange?: ExchangeObserver;
  now?: () => number;
}

/** POST {playbackBaseUrl}/media-token/verify — read-only check of a media token. */
export async function verifyMediaToken(
  playbackBaseUrl: string,
  token: string,
  resource: string,
  options: VerifyOptions = {},
): Promise<VerifierStatus> {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const observer = options.onExchange ?? recordExchange;
  const now = options.now ?? Date.now;
  const url = `${playbackBaseUrl}/media-token/verify`;
  const requestHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const requestBody = JSON.stringify({ token, resource });
  const started = now();
  const observe = (answer: Pick<PassExchange, 'status' | 'responseHeaders' | 'responseBody' | 'error'>) => {
    try {
      observer({
        method: 'POST',
        url,
        durationMs: now() - started,
        attempt: 1,
        requestHeaders: { ...requestHeaders },
        requestBody,
        ...answer,
      });
    } catch {
      // A broken observer must never break the call it observes.
    }
  };

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, { method: 'POST', headers: requestHeaders, body: requestBody });
    text = await response.text();
  } catch (error) {
    observe({
      status: null,
      responseHeaders: {},
      responseBody: undefined,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  observe({
    status: response.status,
    responseHeaders: response.headers ? Object.fromEntries(response.headers) : {},
    responseBody: text,
  });
  if (!response.ok) throw new Error(`The media token verifier answered HTTP ${response.status}.`);
  return verifyResponseSchema.parse(JSON.parse(text)).status;
}

/** URL of the protected stream; the origin serves it once, to the first client presenting the token. */
export function streamUrl(playbackBaseUrl: string, resource: string, token: string): string {
  return `${playbackBaseUrl}/stream/${encodeURIComponent(resource)}?token=${encodeURIComponent(token)}`;
}
