import { headerValue, maskHeaders, maskUrl, viewCall, MASK } from './api-trace-mask';
import { absoluteUrl } from './api-trace-curl';
import { classifyCall, tempPassMvpdsFrom } from './api-trace-phase';
import type { TraceEntry } from './trace-recorder';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts this trace fills. */
export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
  /** Custom fields (HAR allows `_`-prefixed ones): the cookbook phase and step, the attempt. */
  _phase: string;
  _step: string;
  _attempt: number;
  _error?: string;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

export interface HarOptions {
  reveal?: boolean;
  baseUrl?: string;
  creator?: { name: string; version: string };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const pairs = (headers: Readonly<Record<string, string>>): HarNameValue[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function queryString(url: string, reveal: boolean): HarNameValue[] {
  try {
    const view = reveal ? url : maskUrl(url);
    return [...new URL(view, 'http://trace.invalid').searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** The whole trace as a HAR 1.2 log; secrets masked unless `reveal`. */
export function buildHar(entries: readonly TraceEntry[], options: HarOptions = {}): Har {
  const reveal = options.reveal === true;
  const tempPassMvpds = tempPassMvpdsFrom(entries);
  return {
    log: {
      version: '1.2',
      creator: options.creator ?? { name: 'Pass Reference TV API trace', version: '1' },
      comment: reveal ? 'Secrets revealed' : `Secrets masked as ${MASK}`,
      entries: entries.map((entry) => {
        const view = viewCall(entry, reveal);
        const { phase, step } = classifyCall(entry, { tempPassMvpds });
        const requestType = headerValue(entry.requestHeaders, 'content-type');
        const responseType = headerValue(entry.responseHeaders, 'content-type') ?? 'x-unknown';
        const requestBody = view.requestBody;
        const responseText = view.responseBody ?? '';
        const responseSize = entry.responseBodyLength ?? byteLength(entry.responseBody ?? '');
        const location = headerValue(view.responseHeaders, 'location') ?? '';
        const har: HarEntry = {
          startedDateTime: new Date(entry.startedAt).toISOString(),
          time: entry.durationMs,
          request: {
            method: entry.method,
            url: absoluteUrl(view.url, options.baseUrl),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(view.requestHeaders),
            queryString: queryString(entry.url, reveal),
            ...(requestBody === undefined
              ? {}
              : { postData: { mimeType: requestType ?? 'text/plain', text: requestBody } }),
            headersSize: -1,
            bodySize:
              entry.requestBody === undefined
                ? 0
                : (entry.requestBodyLength ?? byteLength(entry.requestBody)),
          },
          response: {
            status: entry.status ?? 0,
            statusText: entry.status === null ? '' : (STATUS_TEXT[entry.status] ?? ''),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(reveal ? entry.responseHeaders : maskHeaders(entry.responseHeaders)),
            content: {
              size: responseSize,
              mimeType: responseType,
              text: responseText,
              ...(entry.responseBodyLength === undefined
                ? {}
                : { comment: `truncated to the first ${responseText.length} characters` }),
            },
            redirectURL: location,
            headersSize: -1,
            bodySize: entry.status === null ? -1 : responseSize,
          },
          cache: {},
          timings: { send: 0, wait: entry.durationMs, receive: 0 },
          _phase: phase,
          _step: step,
          _attempt: entry.attempt,
          ...(entry.error === undefined ? {} : { _error: entry.error }),
        };
        return har;
      }),
    },
  };
}
