import { timingSafeEqual } from 'node:crypto';
import { createRegularProfile } from './profiles-service.ts';
import { isAllowedRedirectUrl, redirectHref } from './redirect-url.ts';
import { loginBehaviourFor, type LoginBehaviour } from './scenarios.ts';
import { findAccount, findMvpd, type SeedAccount, type SeedMvpd } from './seed.ts';
import { CODE_PATTERN } from './sessions.ts';
import type { EmulatorContext } from '../context.ts';
import {
  deleteLoginFlow,
  findLoginFlow,
  insertLoginFlow,
  updateLoginFlow,
  type LoginFlowRecord,
  type LoginStep,
} from '../store/login-flows.ts';
import { findSession, markSessionAuthenticated, type SessionRecord } from '../store/sessions.ts';

/**
 * The browser side of authentication (spec sessions.md §4, §6): the code opens an emulated MVPD
 * login; a walk through it is a "login flow" row with a CSRF token (double-submitted as a cookie).
 * MVPD personalities: `two-hop` = credentials, then a device confirmation page; `saml-chain` = a
 * SAMLRequest-like hop to the MVPD's SSO endpoint, credentials, then a SAMLResponse-like hop back to
 * Adobe's assertion consumer; every other one = one credentials form (how the app shows it — tab,
 * iframe, pop-up — is the app's business). On every MVPD, `loginBehaviourFor` (the seeded `slow` /
 * `flaky` knobs, overridden by scenarios) adds a delay before each page and may fail a correct
 * sign-in. Success creates the regular profile bound to the session's app/device/SP/MVPD, marks the
 * session authenticated and ends on the session's redirectUrl.
 */
export type LoginProblem =
  | 'unknown_session' // code malformed, unknown, expired, or of another SP
  | 'incomplete_session' // mvpd / domainName / redirectUrl still missing
  | 'unknown_flow' // flow id unknown, expired, of another MVPD, or at another step
  | 'csrf' // form token and cookie do not both match the flow
  | 'unknown_mvpd'
  | 'no_login'; // a TempPass pseudo-MVPD: nothing to sign in to

export class LoginError extends Error {
  constructor(readonly problem: LoginProblem) {
    super(problem);
  }
}

export interface CompleteSession extends SessionRecord {
  mvpd: string;
  domainName: string;
  redirectUrl: string;
}

const FLOW_ID = /^[a-f0-9]{32}$/;

function isLive(context: EmulatorContext, session: SessionRecord): boolean {
  const now = context.clock.now();
  return now >= session.notBefore && now < session.notAfter;
}

/** The live, complete session behind a browser authenticate request. */
export function sessionForBrowser(
  context: EmulatorContext,
  serviceProvider: string | undefined,
  rawCode: string | undefined,
): CompleteSession {
  if (rawCode === undefined || !CODE_PATTERN.test(rawCode)) throw new LoginError('unknown_session');
  const session = findSession(context.db, rawCode.toUpperCase());
  if (!session || !isLive(context, session)) throw new LoginError('unknown_session');
  if (serviceProvider !== undefined && session.serviceProvider !== serviceProvider)
    throw new LoginError('unknown_session');
  if (!session.mvpd || !session.domainName || !session.redirectUrl)
    throw new LoginError('incomplete_session');
  if (findMvpd(context.seed, session.mvpd)?.flags?.isTempPass) throw new LoginError('no_login');
  return session as CompleteSession;
}

/** Entry of the emulated SAML hop: opens a login flow for the session's MVPD. */
export function startLoginFlow(
  context: EmulatorContext,
  rawCode: string | undefined,
): { flow: LoginFlowRecord; mvpd: SeedMvpd } {
  const session = sessionForBrowser(context, undefined, rawCode);
  const mvpd = findMvpd(context.seed, session.mvpd);
  if (!mvpd) throw new LoginError('unknown_mvpd');
  const flow: LoginFlowRecord = {
    id: context.random.hex(16),
    code: session.code,
    mvpd: mvpd.id,
    csrf: context.random.hex(32),
    step: mvpd.personality === 'saml-chain' ? 'saml-request' : 'credentials',
    username: null,
    createdAt: context.clock.now(),
  };
  insertLoginFlow(context.db, flow);
  return { flow, mvpd };
}

export interface OpenFlow {
  flow: LoginFlowRecord;
  session: CompleteSession;
  mvpd: SeedMvpd;
}

/** A live flow at the expected step for this MVPD (its session still live). */
export function loadFlow(
  context: EmulatorContext,
  flowId: string | undefined,
  mvpdId: string | undefined,
  step: LoginStep,
): OpenFlow {
  const flow = flowId !== undefined && FLOW_ID.test(flowId) ? findLoginFlow(context.db, flowId) : undefined;
  if (!flow || flow.mvpd !== mvpdId || flow.step !== step) throw new LoginError('unknown_flow');
  if (context.clock.now() - flow.createdAt > context.seed.sessionTtlMs) throw new LoginError('unknown_flow');
  const mvpd = findMvpd(context.seed, flow.mvpd);
  if (!mvpd) throw new LoginError('unknown_mvpd');
  let session: CompleteSession;
  try {
    session = sessionForBrowser(context, undefined, flow.code);
  } catch (error) {
    deleteLoginFlow(context.db, flow.id);
    throw error;
  }
  return { flow, session, mvpd };
}

/** Every render of a form gets a fresh token (stored on the flow; the page sets the cookie). */
export function rotateCsrf(
  context: EmulatorContext,
  open: OpenFlow,
  change: Partial<Pick<LoginFlowRecord, 'step' | 'username'>> = {},
): OpenFlow {
  const flow: LoginFlowRecord = { ...open.flow, ...change, csrf: context.random.hex(32) };
  updateLoginFlow(context.db, flow.id, { csrf: flow.csrf, step: flow.step, username: flow.username });
  return { ...open, flow };
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Double submit: the hidden field and the cookie must both carry the flow's current token. */
export function checkCsrf(
  open: OpenFlow,
  formToken: string | undefined,
  cookieToken: string | undefined,
): void {
  if (!sameToken(open.flow.csrf, formToken) || !sameToken(open.flow.csrf, cookieToken))
    throw new LoginError('csrf');
}

export type LoginResult =
  | { kind: 'bad_credentials'; open: OpenFlow }
  /** The MVPD failed a correct sign-in (flaky): nothing was created, the flow is back at its form. */
  | { kind: 'unavailable'; open: OpenFlow }
  | { kind: 'confirm'; open: OpenFlow }
  /** saml-chain: the assertion goes back to Adobe's assertion consumer (flow at step `assertion`). */
  | { kind: 'assertion'; open: OpenFlow; account: SeedAccount }
  | { kind: 'done'; redirectUrl: string; redirectAllowed: boolean };

/** Delay and failure rate of this MVPD's login for the flow's device (seed, then scenarios). */
export function loginBehaviour(context: EmulatorContext, open: OpenFlow): LoginBehaviour {
  return loginBehaviourFor(context, open.mvpd.id, open.session.deviceId);
}

/** Does this correct sign-in fail? Draws from the fault stream only when the outcome is uncertain. */
function signInFails(context: EmulatorContext, open: OpenFlow): boolean {
  const { failureProbability } = loginBehaviour(context, open);
  if (!(failureProbability > 0)) return false;
  if (failureProbability >= 1) return true;
  return context.faultRandom.float() < failureProbability;
}

function safeRedirect(
  context: EmulatorContext,
  redirectUrl: string,
  requestOrigin: string,
): { redirectUrl: string; redirectAllowed: boolean } {
  const href = redirectHref(redirectUrl);
  return href && isAllowedRedirectUrl(context.seed, href, requestOrigin)
    ? { redirectUrl: href, redirectAllowed: true }
    : { redirectUrl, redirectAllowed: false };
}

type LoginDone = Extract<LoginResult, { kind: 'done' }>;

function complete(
  context: EmulatorContext,
  open: OpenFlow,
  account: SeedAccount,
  requestOrigin: string,
): LoginDone {
  const { session, mvpd, flow } = open;
  createRegularProfile(
    context,
    {
      appId: session.appId,
      deviceId: session.deviceId,
      serviceProvider: session.serviceProvider,
      mvpd: mvpd.id,
    },
    mvpd,
    account,
    session.code,
  );
  markSessionAuthenticated(context.db, session.code, context.clock.now());
  deleteLoginFlow(context.db, flow.id);
  // Checked again now (defence in depth): never redirect anywhere but a registered domain or here.
  return { kind: 'done', ...safeRedirect(context, session.redirectUrl, requestOrigin) };
}

/** POST of the credentials form (CSRF already checked by `checkCsrf`). */
export function submitCredentials(
  context: EmulatorContext,
  open: OpenFlow,
  credentials: { username: string; password: string },
  requestOrigin: string,
): LoginResult {
  const account = findAccount(context.seed, open.mvpd.id, credentials.username.trim());
  if (!account || !sameToken(account.password, credentials.password)) {
    return { kind: 'bad_credentials', open: rotateCsrf(context, open) };
  }
  if (signInFails(context, open)) return { kind: 'unavailable', open: rotateCsrf(context, open) };
  if (open.mvpd.personality === 'two-hop') {
    return {
      kind: 'confirm',
      open: rotateCsrf(context, open, { step: 'confirm', username: account.username }),
    };
  }
  if (open.mvpd.personality === 'saml-chain') {
    return {
      kind: 'assertion',
      open: rotateCsrf(context, open, { step: 'assertion', username: account.username }),
      account,
    };
  }
  return complete(context, open, account, requestOrigin);
}

/**
 * saml-chain, the MVPD's SSO endpoint: the SAMLRequest carries the flow's one-time token as its ID,
 * which must match the flow and its cookie (double submit); then the login form follows.
 */
export function acceptSamlRequest(
  context: EmulatorContext,
  open: OpenFlow,
  requestToken: string | undefined,
  cookieToken: string | undefined,
): OpenFlow {
  checkCsrf(open, requestToken, cookieToken);
  return rotateCsrf(context, open, { step: 'credentials' });
}

/**
 * saml-chain, Adobe's assertion consumer: the SAMLResponse's ID must be the flow's current one-time
 * token (written into the assertion page the MVPD rendered); then the profile is created.
 */
export function consumeAssertion(
  context: EmulatorContext,
  open: OpenFlow,
  responseToken: string | undefined,
  requestOrigin: string,
): LoginDone {
  if (!sameToken(open.flow.csrf, responseToken)) throw new LoginError('csrf');
  const account = open.flow.username
    ? findAccount(context.seed, open.mvpd.id, open.flow.username)
    : undefined;
  if (!account) throw new LoginError('unknown_flow');
  return complete(context, open, account, requestOrigin);
}

/** POST of the second page of a two-hop MVPD. */
export function confirmDevice(context: EmulatorContext, open: OpenFlow, requestOrigin: string): LoginResult {
  const account = open.flow.username
    ? findAccount(context.seed, open.mvpd.id, open.flow.username)
    : undefined;
  if (!account) throw new LoginError('unknown_flow');
  return complete(context, open, account, requestOrigin);
}

/** "Cancel" on an MVPD page: no profile, back to the app (if its address is allowed). */
export function cancelLogin(
  context: EmulatorContext,
  open: OpenFlow,
  requestOrigin: string,
): { redirectUrl: string; redirectAllowed: boolean } {
  deleteLoginFlow(context.db, open.flow.id);
  return safeRedirect(context, open.session.redirectUrl, requestOrigin);
}

/** Accounts shown as hints on the login page. */
export function accountHints(context: EmulatorContext, mvpd: SeedMvpd): SeedAccount[] {
  return context.seed.accounts.filter((account) => account.mvpd === mvpd.id);
}
