/**
 * How the app shows an MVPD's login page: `redirect` (this tab goes to the login and comes back),
 * `iframe` (a dialog in the app frames it; the MVPD must allow framing by the app's origin) or
 * `popup` (a pop-up window). Adobe's configuration says nothing about it: the programmer knows its
 * MVPDs and lists them in `mvpdLoginDisplay` (runtime config); an MVPD not listed uses `redirect`.
 * Kept apart from the config schema so the sign-in code does not pull zod into its route.
 */
export const MVPD_LOGIN_DISPLAYS = ['redirect', 'iframe', 'popup'] as const;
export type MvpdLoginDisplay = (typeof MVPD_LOGIN_DISPLAYS)[number];

/** How the app shows this MVPD's login (`redirect` unless the configuration says otherwise). */
export function loginDisplayFor(
  config: { mvpdLoginDisplay?: Record<string, MvpdLoginDisplay> },
  mvpd: string,
): MvpdLoginDisplay {
  const map = config.mvpdLoginDisplay ?? {};
  return Object.hasOwn(map, mvpd) ? (map[mvpd] ?? 'redirect') : 'redirect';
}
