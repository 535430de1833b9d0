import { Hono, type Context } from 'hono';
import { findMvpd } from '../domain/seed.ts';
import { isAllowedRedirectUrl, isRegisteredDomainName, redirectHref } from '../domain/redirect-url.ts';
import { findLiveRegcode } from '../domain/v1-regcodes.ts';
import type { EmulatorContext } from '../context.ts';
import { updateSessionParams } from '../store/sessions.ts';
import type { EmulatorEnv } from './env.ts';
import { DUPLICATE, requestOrigin, single } from './request-info.ts';
import { sendHtmlError } from './respond.ts';

/**
 * `GET /api/v1/authenticate` — the second-screen browser entry of the legacy v1 login (spec
 * clientless-v1.md #5): `requestor_id`, `mso_id`, `reg_code`, `domain_name`, `redirect_url`
 * (`noflash`, `no_iframe`, `generic_data` accepted and ignored). No bearer token (a browser opens it).
 *
 * The regcode is a v2 session (domain/v1-regcodes.ts): its MVPD, domain and redirect URL are set
 * from the query, then the browser goes through exactly the v2 chain — the emulated Adobe SAML hop
 * and the MVPD's login page(s) (mvpd-pages.ts). Success creates the regular profile bound to the
 * regcode's application and device (the v1 authN token) and ends on `redirect_url`.
 * Every problem is a readable HTML 400 page.
 */
const PROBLEMS = {
  unknown_regcode: [
    'This sign-in code is not valid',
    'The registration code is unknown or has expired. Go back to your TV, get a new code and try again.',
  ],
  unknown_requestor: [
    'Unknown service',
    'This sign-in link names a service the sign-in service does not know.',
  ],
  unknown_mvpd: ['Unknown TV provider', 'Choose your TV provider again in the app and open the new link.'],
  temppass: [
    'No sign-in needed',
    'Free temporary access (TempPass) needs no TV provider sign-in. Go back to your TV and start watching.',
  ],
  bad_domain: [
    'This sign-in link is not valid',
    'The link names a domain that is not registered for this service.',
  ],
  bad_redirect: [
    'Return address not allowed',
    'The link asks to return to an address that is not registered for this service, so the sign-in stops here.',
  ],
  malformed: ['This sign-in link is not valid', 'A parameter of the link is missing or was sent twice.'],
} as const;
type Problem = keyof typeof PROBLEMS;

function problem(c: Context<EmulatorEnv>, which: Problem): Response {
  const [title, text] = PROBLEMS[which];
  return sendHtmlError(c, 400, title, text);
}

function param(c: Context, name: string): string | undefined | typeof DUPLICATE {
  const value = single(c.req.queries(name));
  return value === undefined || value === DUPLICATE ? value : value.slice(0, 4096);
}

export function v1AuthenticatePage(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const { seed } = context;

  router.get('/api/v1/authenticate', (c) => {
    const [requestor, msoId, regCode, domainName, redirectUrl] = [
      'requestor_id',
      'mso_id',
      'reg_code',
      'domain_name',
      'redirect_url',
    ].map((name) => param(c, name));
    const all = [requestor, msoId, regCode, domainName, redirectUrl];
    if (all.includes(DUPLICATE)) return problem(c, 'malformed');
    if (typeof requestor !== 'string' || requestor !== seed.serviceProvider) {
      return problem(c, 'unknown_requestor');
    }
    const regcode = findLiveRegcode(context, requestor, typeof regCode === 'string' ? regCode : undefined);
    if (!regcode) return problem(c, 'unknown_regcode');
    const mvpd = typeof msoId === 'string' && msoId.length <= 128 ? findMvpd(seed, msoId) : undefined;
    if (!mvpd) return problem(c, 'unknown_mvpd');
    if (mvpd.flags?.isTempPass) return problem(c, 'temppass');
    if (typeof domainName !== 'string' || !isRegisteredDomainName(seed, domainName)) {
      return problem(c, 'bad_domain');
    }
    const href = typeof redirectUrl === 'string' ? redirectHref(redirectUrl) : undefined;
    if (!href || !isAllowedRedirectUrl(seed, href, requestOrigin(c))) return problem(c, 'bad_redirect');

    updateSessionParams(context.db, regcode.code, {
      mvpd: mvpd.id,
      domainName: domainName.toLowerCase(),
      redirectUrl: href,
    });
    const query = new URLSearchParams({
      noflash: 'true',
      mso_id: mvpd.id,
      requestor_id: requestor,
      no_iframe: 'true',
      domain_name: domainName.toLowerCase(),
      redirect_url: href,
      code: regcode.code,
    });
    return c.redirect(`/adobe-services/authenticate/saml?${query.toString()}`, 302);
  });
  router.all('/api/v1/authenticate', (c) => {
    c.header('Allow', 'GET');
    return sendHtmlError(c, 405, 'Method not allowed', 'This page only answers GET requests.');
  });

  return router;
}
