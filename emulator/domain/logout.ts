import { findProfile, deleteProfile } from '../store/profiles.ts';
import { activeDegradation } from './degradation.ts';
import { PassError } from './errors.ts';
import { profileEvent, recordEvent, recordLogout } from './events.ts';
import { isProfileValid, requireMvpd } from './profiles-service.ts';
import { isAllowedRedirectUrl, redirectHref } from './redirect-url.ts';
import { findMvpd, type SeedMvpd } from './seed.ts';
import type { EmulatorContext } from '../context.ts';

/**
 * Logout (spec logout.md). The profile for (app, device, SP, MVPD) is deleted first (even an expired
 * one), then the answer says whether an MVPD logout page must still be visited:
 * valid profile + MVPD with a logout endpoint → `logout`/`interactive` + url; TempPass/degraded or no
 * MVPD endpoint → `complete`/`none` (a TempPass MVPD always, profile or not); Apple SSO →
 * `partner_logout`/`partner_interactive`; no valid profile → `invalid`/`none`. `redirectUrl` is optional (OpenAPI) and validated like sessions.
 */
export interface LogoutOutcome {
  actionName: 'logout' | 'complete' | 'partner_logout' | 'invalid';
  actionType: 'interactive' | 'none' | 'partner_interactive';
  mvpd: string;
  /** Path + query of the MVPD logout page (relative; the route makes it absolute). */
  path?: string;
}

export function logoutPagePath(
  mvpd: string,
  serviceProvider: string,
  redirectUrl: string | undefined,
): string {
  const query = new URLSearchParams({ noflash: 'true', mso_id: mvpd, requestor_id: serviceProvider });
  if (redirectUrl !== undefined) query.set('redirect_url', redirectUrl);
  return `/adobe-services/logout?${query.toString()}`;
}

export function logout(context: EmulatorContext, input: Parameters<typeof runLogout>[1]): LogoutOutcome {
  return recordLogout(context, input.deviceId, runLogout(context, input));
}

function runLogout(
  context: EmulatorContext,
  input: {
    appId: string;
    deviceId: string;
    serviceProvider: string;
    mvpd: string | undefined;
    redirectUrl: string | undefined;
    requestOrigin: string;
  },
): LogoutOutcome {
  const mvpd = requireMvpd(context.seed, input.mvpd);
  if (
    input.redirectUrl !== undefined &&
    !isAllowedRedirectUrl(context.seed, input.redirectUrl, input.requestOrigin)
  ) {
    throw new PassError('invalid_parameter_redirect_url');
  }
  const key = {
    appId: input.appId,
    deviceId: input.deviceId,
    serviceProvider: input.serviceProvider,
    mvpd: mvpd.id,
  };
  const profile = findProfile(context.db, key);
  if (profile) deleteProfile(context.db, key);
  if (profile) recordEvent(context, profileEvent('deleted', profile, 'logout'));
  // TempPass: the temporary profile goes, the trial (expiry, used resources) stays — only the
  // Reset TempPass API clears it. Always `complete` (spec temppass.md: logout is not needed).
  if (mvpd.flags?.isTempPass) return { actionName: 'complete', actionType: 'none', mvpd: mvpd.id };
  if (!profile || !isProfileValid(profile, context.clock.now())) {
    // The degraded profile of AuthNAll (never stored): `complete` (spec logout.md, degraded access).
    if (activeDegradation(context, mvpd, input.deviceId) === 'AuthNAll')
      return { actionName: 'complete', actionType: 'none', mvpd: mvpd.id };
    return { actionName: 'invalid', actionType: 'none', mvpd: mvpd.id };
  }
  if (profile.type === 'appleSSO')
    return { actionName: 'partner_logout', actionType: 'partner_interactive', mvpd: mvpd.id };
  if (profile.type === 'temporary' || profile.type === 'degraded' || !mvpd.hasLogoutEndpoint) {
    return { actionName: 'complete', actionType: 'none', mvpd: mvpd.id };
  }
  return {
    actionName: 'logout',
    actionType: 'interactive',
    mvpd: mvpd.id,
    path: logoutPagePath(mvpd.id, input.serviceProvider, input.redirectUrl),
  };
}

export type LogoutPageProblem = 'unknown_mvpd' | 'redirect_not_allowed';

/** The emulated MVPD logout page: which MVPD, and where "Continue" may lead (never an open redirect). */
export function mvpdLogoutPage(
  context: EmulatorContext,
  input: { msoId: string | undefined; redirectUrl: string | undefined; requestOrigin: string },
): { mvpd: SeedMvpd; redirectUrl: string | null } | { problem: LogoutPageProblem } {
  const mvpd =
    input.msoId !== undefined && input.msoId.length <= 128 ? findMvpd(context.seed, input.msoId) : undefined;
  if (!mvpd) return { problem: 'unknown_mvpd' };
  if (input.redirectUrl === undefined || input.redirectUrl === '') return { mvpd, redirectUrl: null };
  const href = redirectHref(input.redirectUrl);
  if (!href || !isAllowedRedirectUrl(context.seed, href, input.requestOrigin))
    return { problem: 'redirect_not_allowed' };
  return { mvpd, redirectUrl: href };
}
