import type { PassExchange } from '../pass/transport';

/**
 * The API trace's recording hook, the Pass client's `onExchange`. It is in every page's initial JS,
 * so it is a few lines with no imports at run time: it stamps each attempt with the time it ended
 * and holds the last `TRACE_LIMIT` until the recorder (`trace-recorder.ts`, loaded with the drawer)
 * attaches; from then on it hands each attempt straight to the recorder. So the drawer shows every
 * call from the page's first one, however late it is opened.
 */
export const TRACE_LIMIT = 200;

export type TraceSink = (exchange: PassExchange, endedAt: number) => void;

let sink: TraceSink | undefined;
let held: [PassExchange, number][] = [];

export function recordExchange(exchange: PassExchange): void {
  if (sink) sink(exchange, Date.now());
  else if (held.push([exchange, Date.now()]) > TRACE_LIMIT) held.shift();
}

/** The recorder takes over: what was held first, in order, then every new attempt. */
export function attachTraceSink(next: TraceSink): void {
  sink = next;
  for (const [exchange, endedAt] of held) next(exchange, endedAt);
  held = [];
}
