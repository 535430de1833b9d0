import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { setTimeout as sleep } from 'node:timers/promises';
import { mvpdLogoutPage } from '../domain/logout.ts';
import {
  acceptSamlRequest,
  accountHints,
  cancelLogin,
  checkCsrf,
  confirmDevice,
  consumeAssertion,
  LoginError,
  loadFlow,
  loginBehaviour,
  rotateCsrf,
  sessionForBrowser,
  startLoginFlow,
  submitCredentials,
  type LoginProblem,
  type LoginResult,
  type OpenFlow,
} from '../domain/mvpd-login.ts';
import { readSamlRequest, readSamlResponse, samlRequest, samlResponse } from '../domain/saml-messages.ts';
import { findMvpd, type SeedMvpd } from '../domain/seed.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import {
  ASSERTION_CONSUMER_PATH,
  autoPostPage,
  confirmDevicePage,
  loginFormPage,
  mvpdPath,
  signedOutPage,
  unavailablePage,
} from './mvpd-views.ts';
import {
  DUPLICATE,
  isFormContentType,
  pickParams,
  readBodyText,
  requestOrigin,
  single,
} from './request-info.ts';
import { sendHtmlError } from './respond.ts';
import { setFraming, type Framing } from './security-headers.ts';

/**
 * Browser pages (spec sessions.md §4, logout.md): the authenticate entry, the emulated Adobe SAML
 * hop, the MVPD login pages (one per personality) and the MVPD logout page. Errors are readable
 * HTML pages, never JSON.
 *
 * Chain: `/api/v2/authenticate/{sp}/{code}` → 302 `/adobe-services/authenticate/saml?…&code=` →
 * 302 `/emulated-mvpd/{mvpd}/login?flow=` → POST (→ 303 `/emulated-mvpd/{mvpd}/confirm?flow=` →
 * POST, two-hop only) → 302 the session's redirectUrl.
 *
 * saml-chain: the SAML hop answers 200 with an auto-posted `SAMLRequest` form → POST
 * `/emulated-mvpd/{mvpd}/sso` (the MVPD's SSO endpoint) → 303 the login form → POST → 200 an
 * auto-posted `SAMLResponse` form → POST `/adobe-services/saml/SAMLAssertionConsumer` → 302 the
 * redirectUrl. Each message carries the flow's one-time token (saml-messages.ts).
 *
 * Every MVPD: each MVPD page (login, confirm, SSO) answers after the login delay in force
 * (`loginBehaviourFor`: seed `loginDelayMs`, login-delay scenarios) — a real timer that blocks only
 * this request; a correct sign-in fails with the failure probability in force (seed
 * `loginFailureRate`, login-failure scenarios; drawn from `faultRandom`) with a 503 page whose Try
 * again link reopens the same login. Framing: pages of an `iframe` MVPD may be framed by this origin
 * (`frame-ancestors 'self'`), every other MVPD page by nobody (`'none'`, `X-Frame-Options: DENY`).
 *
 * CSRF: each rendered form carries a fresh token stored on the login flow row and set as an HttpOnly
 * SameSite=Lax cookie named per flow (so two tabs do not clash); a POST must echo it in both.
 * Bad credentials answer **401** with the form again (fresh token) — a status tests and tools can
 * see without parsing HTML (choice). CSRF mismatch → 403 page.
 */
const MAX_FORM_BYTES = 16 * 1024;
const COOKIE_PATH = '/emulated-mvpd/';
/** Upper bound of one page's delay, whatever a scenario asks for. */
export const MAX_LOGIN_DELAY_MS = 60_000;

export interface MvpdPageOptions {
  /** Waits before an MVPD page answers (the slow personality); a real timer by default. */
  wait?: (ms: number) => Promise<void>;
}

/** Who may frame this MVPD's pages: the app's own origin for an iframe login, else nobody. */
export function framingOf(mvpd: SeedMvpd | undefined): Framing {
  return mvpd?.personality === 'iframe' ? 'self' : 'none';
}

const PROBLEM_PAGES: Record<LoginProblem, { status: 400 | 403; title: string; text: string }> = {
  unknown_session: {
    status: 400,
    title: 'This sign-in link is not valid',
    text: 'The authentication code is unknown or has expired. Go back to the app and start signing in again.',
  },
  incomplete_session: {
    status: 400,
    title: 'This sign-in is not ready yet',
    text: 'The app has not chosen a TV provider, domain or return address for this code yet. Finish choosing in the app, then try again.',
  },
  unknown_flow: {
    status: 400,
    title: 'This sign-in page has expired',
    text: 'The page is no longer valid. Go back to the app and start signing in again.',
  },
  csrf: {
    status: 403,
    title: 'The form could not be verified',
    text: 'The sign-in form was not sent from this page (or its cookie was blocked). Reload the sign-in page and try again.',
  },
  unknown_mvpd: {
    status: 400,
    title: 'Unknown TV provider',
    text: 'This TV provider is not known to the sign-in service.',
  },
  no_login: {
    status: 400,
    title: 'No sign-in needed',
    text: 'Free temporary access (TempPass) needs no TV provider sign-in. Go back to the app and start watching.',
  },
};

const loginForm = z.object({
  flow: z.string().max(64).optional(),
  csrf: z.string().max(128).optional(),
  action: z.string().max(32).optional(),
  username: z.string().max(128).optional(),
  password: z.string().max(256).optional(),
});
type LoginForm = z.infer<typeof loginForm>;
const LOGIN_FIELDS = ['flow', 'csrf', 'action', 'username', 'password'] as const;

/** The auto-posted SAML-like hops: a Base64 message and the flow id as RelayState. */
const samlRequestForm = z.object({
  SAMLRequest: z.string().max(8_192).optional(),
  RelayState: z.string().max(64).optional(),
});
const samlResponseForm = z.object({
  SAMLResponse: z.string().max(8_192).optional(),
  RelayState: z.string().max(64).optional(),
});

function cookieName(flowId: string): string {
  return `mvpd_csrf_${flowId}`;
}

function setCsrfCookie(c: Context, context: EmulatorContext, open: OpenFlow): void {
  setCookie(c, cookieName(open.flow.id), open.flow.csrf, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: requestOrigin(c).startsWith('https:'),
    maxAge: Math.ceil(context.seed.sessionTtlMs / 1000),
  });
}

/** Reads a posted form; an oversized, duplicated or malformed form is a stale page. */
async function readForm<T>(c: Context, names: readonly string[], schema: z.ZodType<T>): Promise<T> {
  const text = await readBodyText(c, MAX_FORM_BYTES);
  if (text === undefined || !isFormContentType(c)) throw new LoginError('unknown_flow');
  const picked = pickParams(new URLSearchParams(text), names);
  if (Object.values(picked).includes(DUPLICATE)) throw new LoginError('unknown_flow');
  const parsed = schema.safeParse(picked);
  if (!parsed.success) throw new LoginError('unknown_flow');
  return parsed.data;
}

const readLoginForm = (c: Context): Promise<LoginForm> => readForm(c, LOGIN_FIELDS, loginForm);

function htmlMethodNotAllowed(allowed: string[]): MiddlewareHandler<EmulatorEnv> {
  return async (c) => {
    c.header('Allow', allowed.join(', '));
    return sendHtmlError(
      c,
      405,
      'Method not allowed',
      `This page only answers ${allowed.join(' and ')} requests.`,
    );
  };
}

export function mvpdPages(context: EmulatorContext, options: MvpdPageOptions = {}): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const { seed } = context;
  const wait = options.wait ?? ((ms: number) => sleep(ms).then(() => undefined));

  /** The MVPD's framing for this response, once the MVPD is known. */
  const frameFor = (c: Context, mvpd: SeedMvpd | undefined) => setFraming(c, framingOf(mvpd));

  /**
   * An MVPD page answers after the login delay in force for (MVPD, device), then the flow is read
   * again (another tab may have moved it on while this request waited).
   */
  const afterDelay = async (open: OpenFlow, reload: () => OpenFlow): Promise<OpenFlow> => {
    const { delayMs } = loginBehaviour(context, open);
    if (!(delayMs > 0)) return open;
    await wait(Math.min(delayMs, MAX_LOGIN_DELAY_MS));
    return reload();
  };

  /** Runs a page handler; a LoginError becomes its readable HTML page. Nobody may frame it by default. */
  const page =
    (handler: (c: Context<EmulatorEnv>) => Response | Promise<Response>) =>
    async (c: Context<EmulatorEnv>): Promise<Response> => {
      setFraming(c, 'none');
      try {
        return await handler(c);
      } catch (error) {
        if (!(error instanceof LoginError)) throw error;
        const info = PROBLEM_PAGES[error.problem];
        return sendHtmlError(c, info.status, info.title, info.text);
      }
    };

  const finish = (
    c: Context<EmulatorEnv>,
    open: OpenFlow,
    result: { redirectUrl: string; redirectAllowed: boolean },
  ) => {
    deleteCookie(c, cookieName(open.flow.id), { path: COOKIE_PATH });
    if (result.redirectAllowed) return c.redirect(result.redirectUrl, 302);
    return sendHtmlError(
      c,
      400,
      'Return address not allowed',
      'The app asked to return to an address that is not registered for it, so the sign-in service stops here. You can close this window.',
    );
  };

  const renderLogin = (c: Context<EmulatorEnv>, open: OpenFlow, status: 200 | 401, username?: string) => {
    setCsrfCookie(c, context, open);
    const html = loginFormPage({
      mvpd: open.mvpd,
      serviceProviderName: seed.serviceProviderName,
      flowId: open.flow.id,
      csrf: open.flow.csrf,
      hints: accountHints(context, open.mvpd),
      ...(status === 401 ? { error: 'The username or password is incorrect. Try again.', username } : {}),
    });
    return c.html(html, status);
  };

  const loginHref = (open: OpenFlow) =>
    `${mvpdPath(open.mvpd, 'login')}?flow=${encodeURIComponent(open.flow.id)}`;

  const afterLogin = (c: Context<EmulatorEnv>, result: LoginResult, open: OpenFlow, username: string) => {
    if (result.kind === 'bad_credentials') return renderLogin(c, result.open, 401, username);
    if (result.kind === 'unavailable') {
      setCsrfCookie(c, context, result.open);
      c.header('Retry-After', '1');
      return c.html(
        unavailablePage({
          mvpd: open.mvpd,
          flowId: result.open.flow.id,
          csrf: result.open.flow.csrf,
          retryHref: loginHref(result.open),
        }),
        503,
      );
    }
    if (result.kind === 'confirm') {
      return c.redirect(`${mvpdPath(open.mvpd, 'confirm')}?flow=${encodeURIComponent(open.flow.id)}`, 303);
    }
    if (result.kind === 'assertion') {
      // The MVPD's answer goes back to Adobe; its cookie is no longer needed on the MVPD's side.
      deleteCookie(c, cookieName(open.flow.id), { path: COOKIE_PATH });
      return c.html(
        autoPostPage({
          who: 'mvpd',
          title: `Signing you in – ${open.mvpd.displayName}`,
          heading: open.mvpd.displayName,
          text: `You are signed in with ${open.mvpd.displayName}. Taking you back to ${seed.serviceProviderName}…`,
          action: ASSERTION_CONSUMER_PATH,
          fields: {
            SAMLResponse: samlResponse({
              token: result.open.flow.csrf,
              mvpd: open.mvpd.id,
              destination: `${requestOrigin(c)}${ASSERTION_CONSUMER_PATH}`,
              nameId: result.account.userId,
              issueInstant: context.clock.now(),
            }),
            RelayState: result.open.flow.id,
          },
        }),
      );
    }
    return finish(c, open, result);
  };

  const authenticatePath = '/api/v2/authenticate/:serviceProvider/:code';
  router.get(
    authenticatePath,
    page((c) => {
      const session = sessionForBrowser(context, c.req.param('serviceProvider'), c.req.param('code'));
      frameFor(c, findMvpd(seed, session.mvpd));
      const query = new URLSearchParams({
        noflash: 'true',
        mso_id: session.mvpd,
        requestor_id: session.serviceProvider,
        no_iframe: 'false',
        domain_name: session.domainName,
        redirect_url: session.redirectUrl,
        code: session.code,
      });
      return c.redirect(`/adobe-services/authenticate/saml?${query.toString()}`, 302);
    }),
  );
  router.all(authenticatePath, htmlMethodNotAllowed(['GET']));

  router.get(
    '/adobe-services/authenticate/saml',
    page((c) => {
      const code = single(c.req.queries('code'));
      const { flow, mvpd } = startLoginFlow(context, code === DUPLICATE ? undefined : code);
      frameFor(c, mvpd);
      if (flow.step !== 'saml-request') {
        return c.redirect(`${mvpdPath(mvpd, 'login')}?flow=${encodeURIComponent(flow.id)}`, 302);
      }
      // saml-chain: Adobe (the SP) posts an AuthnRequest to the MVPD's SSO endpoint.
      const open = loadFlow(context, flow.id, mvpd.id, 'saml-request');
      setCsrfCookie(c, context, open);
      const ssoPath = mvpdPath(mvpd, 'sso');
      return c.html(
        autoPostPage({
          who: 'adobe',
          title: `Connecting to ${mvpd.displayName}`,
          heading: `Connecting to ${mvpd.displayName}`,
          text: `Sending you to ${mvpd.displayName} to sign in…`,
          action: ssoPath,
          fields: {
            SAMLRequest: samlRequest({
              token: flow.csrf,
              serviceProvider: open.session.serviceProvider,
              destination: `${requestOrigin(c)}${ssoPath}`,
              assertionConsumerUrl: `${requestOrigin(c)}${ASSERTION_CONSUMER_PATH}`,
              issueInstant: context.clock.now(),
            }),
            RelayState: flow.id,
          },
        }),
      );
    }),
  );
  router.all('/adobe-services/authenticate/saml', htmlMethodNotAllowed(['GET']));

  router.post(
    '/emulated-mvpd/:mvpd/sso',
    page(async (c) => {
      const form = await readForm(c, ['SAMLRequest', 'RelayState'], samlRequestForm);
      const mvpdId = c.req.param('mvpd');
      const load = () => loadFlow(context, form.RelayState, mvpdId, 'saml-request');
      const open = load();
      frameFor(c, open.mvpd);
      const token = readSamlRequest(form.SAMLRequest)?.token;
      const cookie = getCookie(c, cookieName(open.flow.id));
      // Checked before the MVPD's delay, and again on the flow as it is after it.
      checkCsrf(open, token, cookie);
      const next = acceptSamlRequest(context, await afterDelay(open, load), token, cookie);
      return c.redirect(loginHref(next), 303);
    }),
  );
  router.all('/emulated-mvpd/:mvpd/sso', htmlMethodNotAllowed(['POST']));

  router.get(
    '/emulated-mvpd/:mvpd/login',
    page(async (c) => {
      const load = () => loadFlow(context, c.req.query('flow'), c.req.param('mvpd'), 'credentials');
      const open = load();
      frameFor(c, open.mvpd);
      return renderLogin(c, rotateCsrf(context, await afterDelay(open, load)), 200);
    }),
  );
  router.post(
    '/emulated-mvpd/:mvpd/login',
    page(async (c) => {
      const form = await readLoginForm(c);
      const open = loadFlow(context, form.flow, c.req.param('mvpd'), 'credentials');
      frameFor(c, open.mvpd);
      checkCsrf(open, form.csrf, getCookie(c, cookieName(open.flow.id)));
      const origin = requestOrigin(c);
      if (form.action === 'cancel') return finish(c, open, cancelLogin(context, open, origin));
      const username = form.username ?? '';
      const result = submitCredentials(context, open, { username, password: form.password ?? '' }, origin);
      return afterLogin(c, result, open, username);
    }),
  );
  router.all('/emulated-mvpd/:mvpd/login', htmlMethodNotAllowed(['GET', 'POST']));

  router.get(
    '/emulated-mvpd/:mvpd/confirm',
    page(async (c) => {
      const load = () => loadFlow(context, c.req.query('flow'), c.req.param('mvpd'), 'confirm');
      const loaded = load();
      frameFor(c, loaded.mvpd);
      const open = rotateCsrf(context, await afterDelay(loaded, load));
      setCsrfCookie(c, context, open);
      return c.html(
        confirmDevicePage({
          mvpd: open.mvpd,
          serviceProviderName: seed.serviceProviderName,
          flowId: open.flow.id,
          csrf: open.flow.csrf,
          username: open.flow.username ?? '',
        }),
      );
    }),
  );
  router.post(
    '/emulated-mvpd/:mvpd/confirm',
    page(async (c) => {
      const form = await readLoginForm(c);
      const open = loadFlow(context, form.flow, c.req.param('mvpd'), 'confirm');
      frameFor(c, open.mvpd);
      checkCsrf(open, form.csrf, getCookie(c, cookieName(open.flow.id)));
      const origin = requestOrigin(c);
      if (form.action === 'cancel') return finish(c, open, cancelLogin(context, open, origin));
      const result = confirmDevice(context, open, origin);
      return result.kind === 'done' ? finish(c, open, result) : afterLogin(c, result, open, '');
    }),
  );
  router.all('/emulated-mvpd/:mvpd/confirm', htmlMethodNotAllowed(['GET', 'POST']));

  router.post(
    ASSERTION_CONSUMER_PATH,
    page(async (c) => {
      const form = await readForm(c, ['SAMLResponse', 'RelayState'], samlResponseForm);
      const response = readSamlResponse(form.SAMLResponse);
      if (!response) throw new LoginError('unknown_flow');
      const open = loadFlow(context, form.RelayState, response.mvpd, 'assertion');
      frameFor(c, open.mvpd);
      return finish(c, open, consumeAssertion(context, open, response.token, requestOrigin(c)));
    }),
  );
  router.all(ASSERTION_CONSUMER_PATH, htmlMethodNotAllowed(['POST']));

  router.get('/adobe-services/logout', (c) => {
    const msoId = single(c.req.queries('mso_id'));
    frameFor(c, typeof msoId === 'string' ? findMvpd(seed, msoId) : undefined);
    const redirectUrl = single(c.req.queries('redirect_url'));
    if (msoId === DUPLICATE || redirectUrl === DUPLICATE) {
      return sendHtmlError(c, 400, 'Sign-out link not valid', 'The sign-out link is malformed.');
    }
    const result = mvpdLogoutPage(context, { msoId, redirectUrl, requestOrigin: requestOrigin(c) });
    if ('problem' in result) {
      return result.problem === 'unknown_mvpd'
        ? sendHtmlError(
            c,
            400,
            'Unknown TV provider',
            'This sign-out link names a TV provider the service does not know.',
          )
        : sendHtmlError(
            c,
            400,
            'Return address not allowed',
            'The sign-out link asks to return to an address that is not registered.',
          );
    }
    return c.html(signedOutPage(result.mvpd, result.redirectUrl));
  });
  router.all('/adobe-services/logout', htmlMethodNotAllowed(['GET']));

  return router;
}
