import { PassApiError, PassDcrError, PassTransportError } from '../../pass';

/** One readable line for any failure of the client or the playback backend. */
export function describeError(error: unknown): string {
  if (error instanceof PassApiError) return `${error.message} (${error.code}, HTTP ${error.httpStatus})`;
  if (error instanceof PassDcrError) return `App registration failed (${error.code})`;
  if (error instanceof PassTransportError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
