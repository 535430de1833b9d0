import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '../../src/config/app-config.ts';

/**
 * Security headers on every response the server sends (the SPA, the emulated MVPD pages, the API).
 * The Content-Security-Policy allows no inline script, no plugins, no <base>, and loads images,
 * media and API calls only from this origin plus the configured Adobe/playback origins.
 */
export interface SecurityHeaderOptions {
  config: AppConfig;
  /** Extra origins images may come from (MVPD logos on Adobe's hosts), e.g. from PASS_IMAGE_ORIGINS. */
  imageOrigins?: string[];
}

function originOf(url: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const remote = [options.config.apiBaseUrl, options.config.playbackBaseUrl]
    .map(originOf)
    .filter((origin): origin is string => origin !== undefined);
  const images = [...new Set([...(options.imageOrigins ?? []).map(originOf), ...remote])].filter(Boolean);
  const list = (...sources: (string | undefined)[]) => sources.filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${list("'self'", 'data:', ...images)}`,
    `media-src ${list("'self'", ...remote)}`,
    `connect-src ${list("'self'", ...remote)}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const csp = contentSecurityPolicy(options);
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', csp);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('X-Frame-Options', 'SAMEORIGIN');
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-site');
  };
}
