import type { SeedAccount, SeedMvpd } from '../domain/seed.ts';
import { escapeHtml, htmlPage } from './respond.ts';

/**
 * Markup of the emulated MVPD pages (rendered by mvpd-pages.ts). Every server string is escaped;
 * each page has one h1 (the MVPD's name), labelled inputs and submit buttons. No inline script:
 * the auto-posted hops load `/emulator/auto-post.js` (same origin) and keep a visible Continue
 * button for browsers without JavaScript.
 */
export function mvpdPath(mvpd: SeedMvpd, page: 'login' | 'confirm' | 'sso'): string {
  return `/emulated-mvpd/${encodeURIComponent(mvpd.id)}/${page}`;
}

/** Adobe's assertion consumer of the saml-chain personality (emulated, on this origin). */
export const ASSERTION_CONSUMER_PATH = '/adobe-services/saml/SAMLAssertionConsumer';

/** The script that submits an auto-post form at once (CSP: same-origin script only, no inline). */
export const AUTO_POST_SCRIPT = '/emulator/auto-post.js';

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function eyebrow(who: 'mvpd' | 'adobe' = 'mvpd'): string {
  return who === 'adobe'
    ? '<p class="eyebrow">Emulated Adobe Pass &middot; not a real sign-in</p>'
    : '<p class="eyebrow">Emulated TV provider &middot; not a real sign-in</p>';
}

function hintsList(accounts: SeedAccount[]): string {
  if (accounts.length === 0) return '';
  const items = accounts
    .map(
      (account) =>
        `<li><code>${escapeHtml(account.username)}</code> / <code>${escapeHtml(account.password)}</code> &ndash; ${escapeHtml(account.plan)} plan</li>`,
    )
    .join('');
  return `<details class="hints"><summary>Test accounts</summary><ul>${items}</ul></details>`;
}

export function loginFormPage(input: {
  mvpd: SeedMvpd;
  serviceProviderName: string;
  flowId: string;
  csrf: string;
  error?: string;
  username?: string;
  hints: SeedAccount[];
}): string {
  const { mvpd } = input;
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const body = `${eyebrow()}<h1>${escapeHtml(mvpd.displayName)}</h1>
<p>Sign in with your ${escapeHtml(mvpd.displayName)} account to watch ${escapeHtml(input.serviceProviderName)}.</p>
${error}<form method="post" action="${escapeHtml(mvpdPath(mvpd, 'login'))}" class="stack">
${hidden('flow', input.flowId)}${hidden('csrf', input.csrf)}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" required maxlength="128" value="${escapeHtml(input.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<div class="actions"><button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate class="secondary">Cancel</button></div>
</form>${hintsList(input.hints)}`;
  return htmlPage(`Sign in – ${mvpd.displayName}`, body);
}

export function confirmDevicePage(input: {
  mvpd: SeedMvpd;
  serviceProviderName: string;
  flowId: string;
  csrf: string;
  username: string;
}): string {
  const { mvpd } = input;
  const body = `${eyebrow()}<h1>${escapeHtml(mvpd.displayName)}</h1>
<h2>Confirm this device</h2>
<p>You are signed in as <strong>${escapeHtml(input.username)}</strong>. Allow this device to watch
${escapeHtml(input.serviceProviderName)} with your ${escapeHtml(mvpd.displayName)} account?</p>
<form method="post" action="${escapeHtml(mvpdPath(mvpd, 'confirm'))}" class="stack">
${hidden('flow', input.flowId)}${hidden('csrf', input.csrf)}
<div class="actions"><button type="submit" name="action" value="confirm">Confirm</button>
<button type="submit" name="action" value="cancel" class="secondary">Cancel</button></div>
</form>`;
  return htmlPage(`Confirm this device – ${mvpd.displayName}`, body);
}

export function signedOutPage(mvpd: SeedMvpd, redirectUrl: string | null): string {
  const next = redirectUrl
    ? `<p><a class="button" href="${escapeHtml(redirectUrl)}">Continue</a></p>`
    : '<p>You can close this window.</p>';
  const body = `${eyebrow()}<h1>You are signed out of ${escapeHtml(mvpd.displayName)}</h1>
<p>${escapeHtml(mvpd.displayName)} has ended your TV provider session on this browser.</p>${next}`;
  return htmlPage(`Signed out – ${mvpd.displayName}`, body);
}

/**
 * One hop of the saml-chain personality: a form of hidden fields that `auto-post.js` submits at once
 * (`data-auto-post`); without JavaScript the viewer presses Continue.
 */
export function autoPostPage(input: {
  who: 'mvpd' | 'adobe';
  title: string;
  heading: string;
  text: string;
  action: string;
  fields: Record<string, string>;
}): string {
  const fields = Object.entries(input.fields)
    .map(([name, value]) => hidden(name, value))
    .join('');
  const body = `${eyebrow(input.who)}<h1>${escapeHtml(input.heading)}</h1>
<p role="status">${escapeHtml(input.text)}</p>
<form method="post" action="${escapeHtml(input.action)}" class="stack" data-auto-post>
${fields}
<p class="hint">If nothing happens in a moment, press Continue.</p>
<div class="actions"><button type="submit">Continue</button></div>
</form><script src="${AUTO_POST_SCRIPT}" defer></script>`;
  return htmlPage(input.title, body);
}

/**
 * The MVPD failed a correct sign-in (the flaky personality, or a login-failure scenario): a readable
 * page with a Try again link that restarts the same login, and Cancel back to the app.
 */
export function unavailablePage(input: {
  mvpd: SeedMvpd;
  flowId: string;
  csrf: string;
  retryHref: string;
}): string {
  const { mvpd } = input;
  const body = `${eyebrow()}<h1>${escapeHtml(mvpd.displayName)}</h1>
<h2>Sign-in is temporarily unavailable</h2>
<p role="alert">${escapeHtml(mvpd.displayName)} could not sign you in right now. This is a temporary problem on our side: try again in a moment.</p>
<p><a class="button" href="${escapeHtml(input.retryHref)}">Try again</a></p>
<form method="post" action="${escapeHtml(mvpdPath(mvpd, 'login'))}" class="stack">
${hidden('flow', input.flowId)}${hidden('csrf', input.csrf)}
<div class="actions"><button type="submit" name="action" value="cancel" formnovalidate class="secondary">Cancel</button></div>
</form>`;
  return htmlPage(`Temporarily unavailable – ${mvpd.displayName}`, body);
}
