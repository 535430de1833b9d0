import { PassApiError, PassDcrError, PassTransportError } from '../pass/errors';

export type NextStep = 'sign-in' | 'retry' | 'reload' | 'contact-support' | 'none';

export interface ErrorDescription {
  title: string;
  message: string;
  next: NextStep;
  code?: string;
}

/**
 * What happened and what the viewer can do next, for any failure. Branches on Adobe's `action` and
 * `code`, never on message text; Adobe's `message`/`details` are shown as text only.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof PassApiError) {
    const text = error.details ?? error.message;
    switch (error.action) {
      case 'authentication':
        return { title: 'Please sign in again', message: text, next: 'sign-in', code: error.code };
      case 'retry':
        return { title: 'Your TV provider did not answer', message: text, next: 'retry', code: error.code };
      case 'application-registration':
        return { title: 'The app needs to reconnect', message: text, next: 'reload', code: error.code };
      case 'configuration':
        return {
          title: 'This service is not set up correctly',
          message: text,
          next: 'contact-support',
          code: error.code,
        };
      default:
        // A 5xx Adobe did not mark `retry` was not resent automatically: the viewer may try again.
        return {
          title: error.httpStatus >= 500 ? 'The sign-in service had a problem' : 'Something went wrong',
          message: text,
          next: 'retry',
          code: error.code,
        };
    }
  }
  if (error instanceof PassTransportError) {
    if (error.kind === 'throttled') {
      return { title: 'Too many requests', message: 'Wait a moment, then try again.', next: 'retry' };
    }
    if (error.kind === 'network') {
      return {
        title: 'No connection',
        message: 'Check your internet connection, then try again.',
        next: 'retry',
      };
    }
    return {
      title: 'Unexpected answer',
      message: 'The sign-in service sent an answer the app could not read.',
      next: 'retry',
    };
  }
  if (error instanceof PassDcrError) {
    return {
      title: 'The app could not register',
      message: `Registration failed (${error.code}).`,
      next: 'contact-support',
      code: error.code,
    };
  }
  return {
    title: 'Something went wrong',
    message: error instanceof Error ? error.message : 'Please try again.',
    next: 'retry',
  };
}
