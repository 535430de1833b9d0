import { readField, type V1Exchange } from '../../pass/v1';

/** The five steps of the legacy v1 device flow shown on the developer page. */
export type StepId = 'regcode' | 'login' | 'checkauthn' | 'authorize' | 'media';

/**
 * What went wrong in a failed step and what to do next, from the raw exchange (the v1 error body
 * carries `message` and, for denies, `details`). Pure, so it can be unit-tested.
 */
export function nextStep(step: StepId, exchange: V1Exchange): string {
  if (!exchange.response) {
    return `The request got no answer (${exchange.error ?? 'network error'}). Check that the emulator is running, then try again.`;
  }
  const { status, body } = exchange.response;
  const message = readField(body, 'message');
  const details = readField(body, 'details');
  if (status === 401)
    return 'The access token was refused. Reload the page to register the app again, then retry.';
  if (status === 429)
    return 'Too many requests: Adobe allows about one per second. Wait a second, then try again.';
  if (message === 'User not authenticated' || message === 'Authentication token expired') {
    return 'This device is not signed in. Get a registration code (step 1), sign in on the second screen (step 2), then check again.';
  }
  switch (step) {
    case 'regcode':
      return `The registration code was refused${message ? `: ${message}` : ''}. Check the device id, then try again.`;
    case 'login':
      return `The provider list could not be loaded${message ? `: ${message}` : ''}. Try again.`;
    case 'checkauthn':
      return 'Not signed in yet. Open the sign-in link on another device or tab, sign in, then check again.';
    case 'authorize':
      return status === 403
        ? `The TV provider refused this resource${details ? `: ${details}` : ''}. Choose another resource, or sign in with an account that includes it.`
        : `Authorization failed (HTTP ${status}${message ? `: ${message}` : ''}). Check the resource, then try again.`;
    case 'media':
      return status === 403
        ? 'No valid authorization for this resource. Authorize it first (step 4), then ask for the media token again.'
        : `The media token was refused (HTTP ${status}${message ? `: ${message}` : ''}). Try again.`;
  }
}
