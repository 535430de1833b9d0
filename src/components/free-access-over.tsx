import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { TEMPPASS_LIMIT_CODES, type TempPassLimit } from '../temppass/status';

const COPY: Record<TempPassLimit, { title: string; text: string }> = {
  duration: {
    title: 'Out of free time',
    text: 'Your free viewing time is over. Sign in with your TV provider to keep watching.',
  },
  resources: {
    title: 'You’ve used all your free titles',
    text: 'Your free titles are used up. Sign in with your TV provider to keep watching.',
  },
};

interface FreeAccessOverProps {
  limit: TempPassLimit;
  /** Where "Sign in with your TV provider" leads (the picker, with a return path). */
  signInTo?: string;
  testId: string;
  children?: ReactNode;
}

/**
 * A free pass that no longer opens titles (Adobe's `temporary_access_*_limit_exceeded`, from a
 * profile or a decision, or the pass's end reached on this device's clock): say so, and offer the
 * TV provider sign-in.
 */
export function FreeAccessOver({ limit, signInTo = '/providers', testId, children }: FreeAccessOverProps) {
  const { title, text } = COPY[limit];
  return (
    <div
      className="panel panel-error"
      role="alert"
      data-testid={testId}
      data-error-code={TEMPPASS_LIMIT_CODES[limit]}
    >
      <h2 className="panel-title">{title}</h2>
      <p data-testid="error-message">{text}</p>
      <div className="actions">
        <Link className="button primary" to={signInTo}>
          Sign in with your TV provider
        </Link>
        {children}
      </div>
    </div>
  );
}
