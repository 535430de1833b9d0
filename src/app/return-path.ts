/**
 * Where the app may send the viewer after signing in: its own routes only, never a URL from a query
 * string as-is (an unchecked post-login redirect is an open redirect).
 */
const ALLOWED = [/^\/$/, /^\/account$/, /^\/watch\/[A-Za-z0-9_-]{1,100}$/];

export function safeReturnPath(value: string | null | undefined): string {
  if (!value) return '/';
  return ALLOWED.some((pattern) => pattern.test(value)) ? value : '/';
}

/** The `redirectUrl` Adobe sends the browser to after the MVPD login on this screen. */
export function signInRedirectUrl(origin: string, returnTo: string): string {
  return `${origin}/sign-in/complete?to=${encodeURIComponent(safeReturnPath(returnTo))}`;
}
