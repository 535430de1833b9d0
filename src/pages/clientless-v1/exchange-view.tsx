import type { V1Exchange } from '../../pass/v1';

/** Scrollable, so focusable (keyboard users can scroll it) and named. */
function HeaderList({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <pre className="v1-raw" tabIndex={0} aria-label={label}>
      {entries.map(([name, value]) => `${name}: ${value}`).join('\n')}
    </pre>
  );
}

/** Response headers worth comparing with v2 (the security headers of every page are left out). */
const SHOWN_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'location',
  'allow',
  'adobe-request-id',
  'adobe-response-confidence',
];

function pick(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => SHOWN_RESPONSE_HEADERS.includes(name)),
  );
}

/** Pretty-prints JSON; XML and anything else are shown exactly as received. */
function displayBody(body: string): string {
  if (body === '') return '(empty body)';
  try {
    const value: unknown = JSON.parse(body);
    return JSON.stringify(value, null, 2);
  } catch {
    return body;
  }
}

/** The raw request (token masked) and the raw response of one v1 call. */
export function ExchangeView({ exchange, label }: { exchange: V1Exchange; label: string }) {
  const { request, response } = exchange;
  return (
    <div className="v1-exchange" data-testid={`v1-exchange-${label}`}>
      <section aria-label={`Request: ${label}`}>
        <h3>Request</h3>
        <p className="v1-line">
          <code>
            {request.method} {request.url}
          </code>
        </p>
        <HeaderList headers={request.headers} label={`Request headers: ${label}`} />
      </section>
      <section aria-label={`Response: ${label}`}>
        <h3>Response</h3>
        {response ? (
          <>
            <p className="v1-line" data-testid="v1-status">
              <code>
                HTTP {response.status} {response.statusText}
              </code>
            </p>
            <HeaderList headers={pick(response.headers)} label={`Response headers: ${label}`} />
            <pre className="v1-raw" data-testid="v1-body" tabIndex={0} aria-label={`Response body: ${label}`}>
              {displayBody(response.body)}
            </pre>
          </>
        ) : (
          <p className="v1-line">No answer: {exchange.error}</p>
        )}
      </section>
    </div>
  );
}
