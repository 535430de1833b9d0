/**
 * Test double for Adobe's HTTP side: a `fetch` that records each request and answers from per-route
 * replies. Used by the client's unit tests only.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Path plus query, e.g. `/api/v2/REF30/logout/Cablevision?redirectUrl=…`. */
  path: string;
  pathname: string;
  headers: Headers;
  body: string | undefined;
}

export interface FakeReply {
  status: number;
  /** Serialised with JSON.stringify unless `text` is given. */
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;
type FakeRoute = FakeReply | FakeHandler | Error;

export interface FakeAdobe {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Requests whose "METHOD /pathname" equals `key`. */
  requestsTo(key: string): RecordedRequest[];
  /** Default answer for a route ("METHOD /pathname"). */
  on(key: string, route: FakeRoute): void;
  /** One-shot answers consumed before the default, in order. */
  once(key: string, ...routes: FakeRoute[]): void;
  /** Number of DCR tokens issued so far. */
  readonly tokensIssued: number;
  readonly registrations: number;
}

export interface FakeAdobeOptions {
  now?: () => number;
  /** Access-token lifetime in seconds (default 21600). */
  expiresIn?: number;
}

export function createFakeAdobe(options: FakeAdobeOptions = {}): FakeAdobe {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const defaults = new Map<string, FakeRoute>();
  const queues = new Map<string, FakeRoute[]>();
  let tokensIssued = 0;
  let registrations = 0;

  defaults.set('POST /o/client/register', () => {
    registrations += 1;
    return {
      status: 201,
      json: {
        client_id: `client-${registrations}`,
        client_secret: `secret-${registrations}`,
        client_id_issued_at: 1723227212,
        redirect_uris: ['app://com.programmer.adobe#x'],
        grant_types: ['client_credentials'],
        scopes: ['api:client:v2'],
      },
    };
  });
  defaults.set('POST /o/client/token', () => {
    tokensIssued += 1;
    return {
      status: 201,
      json: {
        id: `a932f8f0-210a-41a4-b2a8-37775100000${tokensIssued}`,
        access_token: `token-${tokensIssued}`,
        created_at: now(),
        expires_in: options.expiresIn ?? 21600,
        token_type: 'bearer',
      },
    };
  });

  const fakeFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const parsed = new URL(url, 'http://same-origin.invalid');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const recorded: RecordedRequest = {
      method,
      url,
      path: parsed.pathname + parsed.search,
      pathname: parsed.pathname,
      headers: new Headers(init?.headers),
      body,
    };
    requests.push(recorded);
    const key = `${method} ${parsed.pathname}`;
    const route = queues.get(key)?.shift() ?? defaults.get(key);
    if (route === undefined) return new Response(`no fake route for ${key}`, { status: 599 });
    if (route instanceof Error) throw route;
    const reply = typeof route === 'function' ? await route(recorded) : route;
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    const headers =
      reply.headers ?? (reply.text === undefined ? { 'content-type': 'application/json;charset=UTF-8' } : {});
    return new Response(text, { status: reply.status, headers });
  };

  return {
    fetch: fakeFetch,
    requests,
    requestsTo: (key) => requests.filter((request) => `${request.method} ${request.pathname}` === key),
    on: (key, route) => {
      defaults.set(key, route);
    },
    once: (key, ...routes) => {
      queues.set(key, [...(queues.get(key) ?? []), ...routes]);
    },
    get tokensIssued() {
      return tokensIssued;
    },
    get registrations() {
      return registrations;
    },
  };
}
