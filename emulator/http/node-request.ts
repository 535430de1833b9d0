import type { IncomingMessage } from 'node:http';

/**
 * The Node request behind a Hono context when the app runs under `@hono/node-server` (its bindings
 * carry `incoming`); undefined when the app is driven in-process with `app.request` (unit tests).
 */
export function nodeRequest(env: unknown): IncomingMessage | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming: unknown }).incoming;
  return typeof incoming === 'object' && incoming !== null && 'socket' in incoming
    ? (incoming as IncomingMessage)
    : undefined;
}
