import type { Context, Hono } from 'hono';
import { PassError } from '../domain/errors.ts';
import { fromPassError, V1Error } from '../domain/v1-errors.ts';
import type { EmulatorEnv } from './env.ts';
import { negotiateFormat, sendV1Error, type V1Format } from './v1-format.ts';

/**
 * Registration of legacy v1 endpoints: each path also answers with a `.json`/`.xml` suffix (for a
 * path ending in a parameter, the handler strips the suffix from it), other methods get 405 with
 * `Allow`, and every failure is rendered as the v1 error body in the negotiated format — including
 * unexpected exceptions (500, logged), so no request ever reaches the v2 error handler.
 */
export type V1Handler = (c: Context<EmulatorEnv>, format: V1Format) => Response | Promise<Response>;
type Method = 'GET' | 'POST' | 'DELETE';

export function v1Endpoint(handler: V1Handler) {
  return async (c: Context<EmulatorEnv>): Promise<Response> => {
    const format = negotiateFormat(c);
    try {
      return await handler(c, format);
    } catch (error) {
      if (error instanceof V1Error) return sendV1Error(c, format, error);
      if (error instanceof PassError) return sendV1Error(c, format, fromPassError(error));
      console.error('[emulator] unexpected error in a v1 endpoint', error);
      return sendV1Error(c, format, new V1Error(500, 'Internal Server Error', null, 'internal_error'));
    }
  };
}

/** `handlers` by method for one path (plus its suffixed variants when it ends in a literal). */
export function registerV1(
  router: Hono<EmulatorEnv>,
  path: string,
  handlers: Partial<Record<Method, V1Handler>>,
): void {
  const lastSegment = path.split('/').pop() ?? '';
  const paths = lastSegment.startsWith(':') ? [path] : [path, `${path}.json`, `${path}.xml`];
  const allowed = Object.keys(handlers);
  for (const each of paths) {
    for (const [method, handler] of Object.entries(handlers)) {
      router.on(method, each, v1Endpoint(handler));
    }
    router.all(
      each,
      v1Endpoint((c) => {
        c.header('Allow', allowed.join(', '));
        throw new V1Error(405, 'Method Not Allowed', null, 'internal_error');
      }),
    );
  }
}
