import type { ApiTransport } from '../transport';

/** What every endpoint function needs; `createPassClient` binds it once. */
export interface EndpointContext {
  transport: ApiTransport;
  serviceProvider: string;
}

/** Per-call options shared by every endpoint. */
export interface CallOptions {
  /** Cancels the call (e.g. React Query's signal). Aborts are rethrown as-is, never retried. */
  signal?: AbortSignal;
}

/** Options of the endpoints that accept `AP-TempPass-Identity` (promotional TempPass). */
export interface TempPassCallOptions extends CallOptions {
  /** Ready-to-send header value, see `encodeTempPassIdentity`. */
  tempPassIdentity?: string;
}

/** `/api/v2/{serviceProvider}/…segments`, every segment URL-encoded. */
export function servicePath(context: EndpointContext, ...segments: readonly string[]): string {
  return ['/api/v2', context.serviceProvider, ...segments]
    .map((segment, index) => (index === 0 ? segment : encodeURIComponent(segment)))
    .join('/');
}

export function tempPassHeaders(options: TempPassCallOptions | undefined): Record<string, string> {
  return options?.tempPassIdentity ? { 'AP-TempPass-Identity': options.tempPassIdentity } : {};
}
