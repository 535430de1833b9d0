/**
 * The MVPD login in an iframe dialog or a pop-up window ends, like every login, on the app's
 * `redirectUrl` (`/sign-in/complete`), but inside that frame or window. The return page there only
 * tells the app window that the browser came back, with `postMessage` to the app's own origin, and
 * gets out of the way; the app window then confirms the profile by code exactly as after a redirect.
 *
 * Nothing secret travels: the message names the authentication code the app window already holds,
 * and the receiver accepts it only from its own origin, from the window it opened, in this shape,
 * for the code it is waiting for.
 */
export const LOGIN_RELAY_TYPE = 'passref:mvpd-login-returned';

/** How the login was shown; carried in the `redirectUrl` as `via=`. */
export type LoginRelayVia = 'iframe' | 'popup';

export interface LoginRelayMessage {
  type: typeof LOGIN_RELAY_TYPE;
  code: string;
}

const CODE = /^[A-Za-z0-9]{1,64}$/;

export function loginRelayMessage(code: string): LoginRelayMessage {
  return { type: LOGIN_RELAY_TYPE, code };
}

function isLoginRelayMessage(data: unknown): data is LoginRelayMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return (
    Object.keys(record).length === 2 &&
    record.type === LOGIN_RELAY_TYPE &&
    typeof record.code === 'string' &&
    CODE.test(record.code)
  );
}

export interface RelayExpectation {
  /** The app's own origin (`window.location.origin`). */
  origin: string;
  /** The frame's `contentWindow` or the pop-up the app opened; null accepts no sender. */
  source: MessageEventSource | null;
  /** The authentication code the app is waiting for. */
  code: string;
}

/** Receiver side: is this `message` event the login window saying the browser came back? */
export function isLoginReturn(
  event: Pick<MessageEvent, 'origin' | 'source' | 'data'>,
  expected: RelayExpectation,
): boolean {
  return (
    event.origin === expected.origin &&
    expected.source !== null &&
    event.source === expected.source &&
    isLoginRelayMessage(event.data) &&
    event.data.code.toUpperCase() === expected.code.toUpperCase()
  );
}

/** Where the return page should report to: the parent of a frame, the opener of a pop-up, or nobody. */
export function relayTarget(win: Window, via: string | null): Window | null {
  if (via === 'iframe') return win.parent !== win ? win.parent : null;
  // The opener lives in another window (another JavaScript realm): no instanceof checks.
  const opener: unknown = win.opener;
  if (via === 'popup') return opener && opener !== win ? (opener as Window) : null;
  return null;
}

/**
 * Sender side (the return page inside the frame or pop-up): posts to the app's own origin only, so
 * a window of another origin that somehow became the parent or opener never receives it.
 */
export function relayLoginReturn(target: Window, origin: string, code: string): void {
  target.postMessage(loginRelayMessage(code), origin);
}

/** The `redirectUrl` query marker of a login shown in a frame or pop-up. */
export function withRelayVia(redirectUrl: string, via: LoginRelayVia | 'redirect'): string {
  if (via === 'redirect') return redirectUrl;
  const url = new URL(redirectUrl);
  url.searchParams.set('via', via);
  return url.toString();
}
