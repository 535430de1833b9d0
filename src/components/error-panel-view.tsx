import { Link } from 'react-router-dom';
import { describeError } from './describe-error';

export interface ErrorPanelProps {
  error: unknown;
  onRetry?: () => void;
  /** Where "Sign in again" leads (defaults to the provider picker). */
  signInTo?: string;
  testId?: string;
}

/** Every error: what happened, and the next step as a real control (loaded through `error-panel.tsx`). */
export function ErrorPanelView({
  error,
  onRetry,
  signInTo = '/providers',
  testId = 'error-panel',
}: ErrorPanelProps) {
  const { title, message, next, code } = describeError(error);
  return (
    <div className="panel panel-error" role="alert" data-testid={testId} data-error-code={code}>
      <h2 className="panel-title">{title}</h2>
      <p data-testid="error-message">{message}</p>
      <div className="actions">
        {next === 'sign-in' && (
          <Link className="button primary" to={signInTo}>
            Sign in with your TV provider
          </Link>
        )}
        {next === 'retry' && onRetry && (
          <button type="button" className="button primary" onClick={onRetry}>
            Try again
          </button>
        )}
        {next === 'reload' && (
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
        {next === 'contact-support' && <p className="muted">Contact the service’s support team.</p>}
      </div>
    </div>
  );
}
