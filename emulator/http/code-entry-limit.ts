import type { Context, MiddlewareHandler } from 'hono';
import { codeEntryLimiter } from '../domain/code-entry-limit.ts';
import { PassError } from '../domain/errors.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { sendThrottled } from './middleware.ts';

/** The keys a lookup counts against: its DCR client (see domain/code-entry-limit.ts). */
export function codeEntryKeys(c: Context<EmulatorEnv>): string[] {
  return [`client:${c.get('client').clientId}`];
}

/**
 * For `GET /api/v2/{sp}/sessions/{code}`, after `requireClient`: past the limit, the throttle's own
 * answer (plain HTML 429, no Retry-After) without looking the code up; otherwise the lookup runs and
 * an unknown or expired code (`invalid_authentication_session`) counts as a failure.
 */
export function codeEntryLimit(context: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const limiter = codeEntryLimiter(context);
    const keys = codeEntryKeys(c);
    if (limiter.retryAfterMs(keys) > 0) return sendThrottled(c);
    await next();
    if (c.error instanceof PassError && c.error.code === 'invalid_authentication_session') {
      limiter.recordFailure(keys);
    }
  };
}
