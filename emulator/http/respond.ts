import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DcrError, enhancedError, PassError, type ErrorCode } from '../domain/errors.ts';
import type { EmulatorEnv } from './env.ts';

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** JSON with Adobe's exact content type (`application/json;charset=UTF-8`). */
export function sendJson(
  c: Context<EmulatorEnv>,
  body: unknown,
  status: ContentfulStatusCode = 200,
): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': JSON_CONTENT_TYPE });
}

/** A top-level enhanced error; the HTTP status equals the error's `status`. */
export function sendError(c: Context<EmulatorEnv>, error: PassError): Response {
  return sendJson(c, error.toEnhanced(c.get('trace')), error.status as ContentfulStatusCode);
}

export function sendCode(c: Context<EmulatorEnv>, code: ErrorCode, details?: string): Response {
  const body = enhancedError(code, c.get('trace'), details);
  return sendJson(c, body, body.status as ContentfulStatusCode);
}

export function sendDcrError(c: Context<EmulatorEnv>, error: DcrError): Response {
  return sendJson(c, { error: error.error }, 400);
}

/** A readable HTML page for browser-facing errors (bad or expired codes): never a stack trace. */
export function sendHtmlError(
  c: Context<EmulatorEnv>,
  status: ContentfulStatusCode,
  title: string,
  text: string,
): Response {
  return c.html(htmlPage(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`), status);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Minimal page shell shared by the emulated MVPD and error pages (styles from /emulator.css). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(
    title,
  )}</title><link rel="stylesheet" href="/emulator.css"></head><body><main class="card">${body}</main></body></html>`;
}
