import { isResetTempPassError, maskedHeaders, type ResetTempPassRequest } from '../../pass';

/** The request exactly as sent — method, absolute URL with its query, headers — the token masked. */
export function ResetRequestView({ request }: { request: ResetTempPassRequest }) {
  const url = new URL(request.url, window.location.origin).toString();
  const headers = Object.entries(maskedHeaders(request.headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return (
    <section className="panel stack" aria-labelledby="reset-request-title">
      <h2 id="reset-request-title">Request</h2>
      <pre className="http" data-testid="reset-request" data-method={request.method} data-url={url}>
        {`${request.method} ${url}\n${headers}`}
      </pre>
    </section>
  );
}

/** What the answer means and what to do next. */
export function describeResetOutcome(error: unknown, status: number | null): { title: string; next: string } {
  if (!error) {
    return {
      title: `${status ?? 204} ${status === 204 || status === null ? 'No Content' : 'OK'} — Reset done`,
      next: 'The next authorization on the reset devices or identities starts a new trial.',
    };
  }
  if (!isResetTempPassError(error)) {
    return {
      title: 'The reset could not be sent',
      next: error instanceof Error ? error.message : String(error),
    };
  }
  switch (error.kind) {
    case 'bad-request':
      return {
        title: '400 Bad Request',
        next: 'Check the TempPass MVPD and the service provider: both must be known and the MVPD must be a TempPass.',
      };
    case 'unauthorized':
      return {
        title: '401 Unauthorized',
        next: 'The access token was refused, even a fresh one. Reload this page to register the app again, then retry.',
      };
    case 'forbidden':
      return {
        title: '403 Forbidden',
        next: 'This app’s software statement may not use the management API. Ask Adobe to enable it, register again, then retry.',
      };
    case 'network':
      return { title: 'No answer', next: 'Check the connection to the management API, then try again.' };
    default:
      return { title: `HTTP ${error.status ?? '?'}`, next: 'Unexpected answer. Try again later.' };
  }
}
