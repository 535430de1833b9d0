import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** Methods a preflight allows. */
  methods: string[];
  /** Request headers a cross-origin caller may send. */
  headers: string[];
}

/**
 * CORS for the API: the caller's `Origin` is reflected (the emulator stands in for Adobe, which
 * answers browser apps on any origin), preflights (`OPTIONS`) answer 204 with the allowed methods and
 * headers, and every answer varies on `Origin`.
 *
 * Headers are added to the finished response (`c.res.headers`) and nothing touches `c.res` before the
 * route has answered: with `@hono/node-server`, reading `c.res` early or calling `c.header()` after
 * the answer turns its light string response into a streamed one, which the emulator benchmark
 * measured at about a third of the cost of a `profiles/code` request.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const methods = options.methods.join(',');
  const headers = options.headers.join(',');
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method === 'OPTIONS') {
      const preflight: Record<string, string> = {
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': headers,
        Vary: 'Origin, Access-Control-Request-Headers',
      };
      if (origin) preflight['Access-Control-Allow-Origin'] = origin;
      return c.body(null, 204, preflight);
    }
    await next();
    const answer = c.res.headers;
    if (origin) answer.set('Access-Control-Allow-Origin', origin);
    answer.append('Vary', 'Origin');
  };
}
