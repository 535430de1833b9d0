import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { mvpdLogoutPage } from '../domain/logout.ts';
import {
  accountHints,
  cancelLogin,
  checkCsrf,
  confirmDevice,
  LoginError,
  loadFlow,
  rotateCsrf,
  sessionForBrowser,
  startLoginFlow,
  submitCredentials,
  type LoginProblem,
  type LoginResult,
  type OpenFlow,
} from '../domain/mvpd-login.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { confirmDevicePage, loginFormPage, mvpdPath, signedOutPage } from './mvpd-views.ts';
import {
  DUPLICATE,
  isFormContentType,
  pickParams,
  readBodyText,
  requestOrigin,
  single,
} from './request-info.ts';
import { sendHtmlError } from './respond.ts';

/**
 * Browser pages (spec sessions.md §4, logout.md): the authenticate entry, the emulated Adobe SAML
 * hop, the MVPD login pages (one per personality) and the MVPD logout page. Errors are readable
 * HTML pages, never JSON.
 *
 * Chain: `/api/v2/authenticate/{sp}/{code}` → 302 `/adobe-services/authenticate/saml?…&code=` →
 * 302 `/emulated-mvpd/{mvpd}/login?flow=` → POST (→ 303 `/emulated-mvpd/{mvpd}/confirm?flow=` →
 * POST, two-hop only) → 302 the session's redirectUrl.
 *
 * CSRF: each rendered form carries a fresh token stored on the login flow row and set as an HttpOnly
 * SameSite=Lax cookie named per flow (so two tabs do not clash); a POST must echo it in both.
 * Bad credentials answer **401** with the form again (fresh token) — a status tests and tools can
 * see without parsing HTML (choice). CSRF mismatch → 403 page.
 */
const MAX_FORM_BYTES = 16 * 1024;
const COOKIE_PATH = '/emulated-mvpd/';

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

/** Reads the posted form; an oversized, duplicated or malformed form is a stale page. */
async function readLoginForm(c: Context): Promise<LoginForm> {
  const text = await readBodyText(c, MAX_FORM_BYTES);
  if (text === undefined || !isFormContentType(c)) throw new LoginError('unknown_flow');
  const picked = pickParams(new URLSearchParams(text), [
    'flow',
    'csrf',
    'action',
    'username',
    'password',
  ] as const);
  if (Object.values(picked).includes(DUPLICATE)) throw new LoginError('unknown_flow');
  const parsed = loginForm.safeParse(picked);
  if (!parsed.success) throw new LoginError('unknown_flow');
  return parsed.data;
}

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

export function mvpdPages(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const { seed } = context;

  /** Runs a page handler; a LoginError becomes its readable HTML page. */
  const page =
    (handler: (c: Context<EmulatorEnv>) => Response | Promise<Response>) =>
    async (c: Context<EmulatorEnv>): Promise<Response> => {
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

  const afterLogin = (c: Context<EmulatorEnv>, result: LoginResult, open: OpenFlow, username: string) => {
    if (result.kind === 'bad_credentials') return renderLogin(c, result.open, 401, username);
    if (result.kind === 'confirm') {
      return c.redirect(`${mvpdPath(open.mvpd, 'confirm')}?flow=${encodeURIComponent(open.flow.id)}`, 303);
    }
    return finish(c, open, result);
  };

  const authenticatePath = '/api/v2/authenticate/:serviceProvider/:code';
  router.get(
    authenticatePath,
    page((c) => {
      const session = sessionForBrowser(context, c.req.param('serviceProvider'), c.req.param('code'));
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
      return c.redirect(`${mvpdPath(mvpd, 'login')}?flow=${encodeURIComponent(flow.id)}`, 302);
    }),
  );
  router.all('/adobe-services/authenticate/saml', htmlMethodNotAllowed(['GET']));

  router.get(
    '/emulated-mvpd/:mvpd/login',
    page((c) => {
      const open = loadFlow(context, c.req.query('flow'), c.req.param('mvpd'), 'credentials');
      return renderLogin(c, rotateCsrf(context, open), 200);
    }),
  );
  router.post(
    '/emulated-mvpd/:mvpd/login',
    page(async (c) => {
      const form = await readLoginForm(c);
      const open = loadFlow(context, form.flow, c.req.param('mvpd'), 'credentials');
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
    page((c) => {
      const open = rotateCsrf(
        context,
        loadFlow(context, c.req.query('flow'), c.req.param('mvpd'), 'confirm'),
      );
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
      checkCsrf(open, form.csrf, getCookie(c, cookieName(open.flow.id)));
      const origin = requestOrigin(c);
      if (form.action === 'cancel') return finish(c, open, cancelLogin(context, open, origin));
      const result = confirmDevice(context, open, origin);
      return result.kind === 'done' ? finish(c, open, result) : afterLogin(c, result, open, '');
    }),
  );
  router.all('/emulated-mvpd/:mvpd/confirm', htmlMethodNotAllowed(['GET', 'POST']));

  router.get('/adobe-services/logout', (c) => {
    const msoId = single(c.req.queries('mso_id'));
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
