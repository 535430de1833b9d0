import type { Context, MiddlewareHandler } from 'hono';
import type { AppConfig } from '../../src/config/app-config.ts';

/**
 * Security headers on every response the server sends (the SPA, the emulated MVPD pages, the API).
 * The Content-Security-Policy allows no inline script, no plugins, no <base>, and loads images,
 * media, frames and API calls only from this origin plus the configured Adobe/playback origins.
 *
 * Framing: by default a response may be framed by this origin only (`frame-ancestors 'self'`,
 * `X-Frame-Options: SAMEORIGIN`) — the SPA's sign-in return page runs inside the app's login dialog.
 * A route can narrow that per response with `setFraming(c, 'none')` (`frame-ancestors 'none'`,
 * `X-Frame-Options: DENY`): the emulated MVPD pages do, except those of an MVPD whose login the app
 * shows in an iframe.
 */
export interface SecurityHeaderOptions {
  config: AppConfig;
  /** Extra origins images may come from (MVPD logos on Adobe's hosts), e.g. from PASS_IMAGE_ORIGINS. */
  imageOrigins?: string[];
}

/** Who may frame a response: this origin only, or nobody. */
export type Framing = 'self' | 'none';

const framingByRequest = new WeakMap<Request, Framing>();

/** Sets who may frame the response to this request (the default is `'self'`). */
export function setFraming(c: Context, framing: Framing): void {
  framingByRequest.set(c.req.raw, framing);
}

function originOf(url: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicy(options: SecurityHeaderOptions, framing: Framing = 'self'): string {
  const remote = [options.config.apiBaseUrl, options.config.playbackBaseUrl]
    .map(originOf)
    .filter((origin): origin is string => origin !== undefined);
  const api = originOf(options.config.apiBaseUrl);
  const images = [...new Set([...(options.imageOrigins ?? []).map(originOf), ...remote])].filter(Boolean);
  const list = (...sources: (string | undefined)[]) => sources.filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${list("'self'", 'data:', ...images)}`,
    `media-src ${list("'self'", ...remote)}`,
    `connect-src ${list("'self'", ...remote)}`,
    // The MVPD login dialog frames Adobe's authenticate URL (this origin with the emulator).
    `frame-src ${list("'self'", api)}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framing === 'none' ? "'none'" : "'self'"}`,
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const csp: Record<Framing, string> = {
    self: contentSecurityPolicy(options, 'self'),
    none: contentSecurityPolicy(options, 'none'),
  };
  return async (c, next) => {
    await next();
    const framing = framingByRequest.get(c.req.raw) ?? 'self';
    c.res.headers.set('Content-Security-Policy', csp[framing]);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('X-Frame-Options', framing === 'none' ? 'DENY' : 'SAMEORIGIN');
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-site');
  };
}
