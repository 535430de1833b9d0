// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  apiHeaders,
  completeBrowserLogin,
  formBody,
  makeEmulator,
  openLoginForm,
  postMvpdForm,
  readMvpdForm,
  registerAndToken,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import { expectHtmlError, REDIRECT, setup, startSession } from './mvpd-test-helpers.ts';

async function profileByCode(app: EmulatorApp, token: string, code: string) {
  const response = await app.request(`/api/v2/${SP}/profiles/code/${code}`, { headers: apiHeaders(token) });
  return ((await response.json()) as { profiles: Record<string, unknown> }).profiles;
}

describe('emulated MVPD login (redirect personality)', () => {
  it('renders an accessible form with the MVPD name, CSRF field and an HttpOnly SameSite=Lax cookie', async () => {
    const { app, session } = await setup();
    const first = await app.request(session.url);
    const saml = await app.request(first.headers.get('location')!);
    const page = await app.request(saml.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mvpd_csrf_[a-f0-9]{32}=[a-f0-9]{64};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/emulated-mvpd\//);
    const html = await page.text();
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>Acme Cable</h1>');
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button type="submit" name="action" value="sign-in">Sign in<\/button>/);
    expect(html).toMatch(/name="csrf" value="[a-f0-9]{64}"/);
  });

  it('signs in: creates the regular profile, marks the session, 302s to redirectUrl', async () => {
    const { app, context, token, session } = await setup();
    expect(await profileByCode(app, token, session.code)).toEqual({});
    const done = await completeBrowserLogin(app, session.url, { username: 'premium', password: 'password' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(REDIRECT);
    expect(done.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const profiles = await profileByCode(app, token, session.code);
    const now = context.clock.now();
    expect(profiles.AcmeCable).toMatchObject({ issuer: 'AcmeCable', type: 'regular' });
    const profile = profiles.AcmeCable as {
      notBefore: number;
      notAfter: number;
      attributes: Record<string, unknown>;
    };
    expect(Math.abs(profile.notBefore - now)).toBeLessThan(5000);
    expect(profile.notAfter - profile.notBefore).toBe(30 * 86_400_000);
    expect(profile.attributes.userID).toEqual({ value: 'acmecable-premium-0001', state: 'plain' });
    expect(profile.attributes.householdID).toEqual({ value: 'acmecable-hh-0001', state: 'plain' });
    expect(profile.attributes.zip).toEqual({ value: ['10001'], state: 'plain' });
    const row = context.db
      .prepare('SELECT authenticated_at FROM sessions WHERE code = ?')
      .get(session.code) as { authenticated_at: number };
    expect(row.authenticated_at).toBeGreaterThan(0);
  });

  it('bad credentials → 401 with the form again, an error and a fresh CSRF token; the old token is dead', async () => {
    const { app, token, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const bad = await postMvpdForm(app, form, { username: 'premium', password: 'wrong', action: 'sign-in' });
    expect(bad.status).toBe(401);
    const again = await readMvpdForm(bad);
    expect(again.html).toMatch(/role="alert"[^>]*>The username or password is incorrect/);
    expect(again.html).toContain('value="premium"');
    expect(again.csrf).not.toBe(form.csrf);
    const replay = await postMvpdForm(app, form, {
      username: 'premium',
      password: 'password',
      action: 'sign-in',
    });
    await expectHtmlError(replay, 403, /could not be verified/);
    const unknownUser = await postMvpdForm(app, again, {
      username: 'nobody',
      password: 'password',
      action: 'sign-in',
    });
    expect(unknownUser.status).toBe(401);
    const third = await readMvpdForm(unknownUser);
    const ok = await postMvpdForm(app, third, {
      username: 'premium',
      password: 'password',
      action: 'sign-in',
    });
    expect(ok.status).toBe(302);
    expect(Object.keys(await profileByCode(app, token, session.code))).toEqual(['AcmeCable']);
  });

  it('CSRF: missing cookie, wrong cookie, wrong or missing form token → 403 and no profile', async () => {
    const { app, token, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const fields = { username: 'premium', password: 'password', action: 'sign-in' };
    await expectHtmlError(await postMvpdForm(app, form, fields, ''), 403, /could not be verified/);
    await expectHtmlError(
      await postMvpdForm(app, form, fields, `${form.cookie.split('=')[0]}=${'0'.repeat(64)}`),
      403,
      /could not be verified/,
    );
    await expectHtmlError(
      await postMvpdForm(app, { ...form, csrf: 'f'.repeat(64) }, fields),
      403,
      /could not be verified/,
    );
    await expectHtmlError(
      await postMvpdForm(app, { ...form, csrf: '' }, fields),
      403,
      /could not be verified/,
    );
    expect(await profileByCode(app, token, session.code)).toEqual({});
    // The genuine form still works afterwards.
    expect((await postMvpdForm(app, form, fields)).status).toBe(302);
  });

  it('stale or foreign flow ids, and posting to the other MVPD, are 400 pages', async () => {
    const { app, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const fields = { username: 'premium', password: 'password', action: 'sign-in' };
    await expectHtmlError(await postMvpdForm(app, { ...form, flow: 'a'.repeat(32) }, fields), 400, /expired/);
    await expectHtmlError(
      await postMvpdForm(app, { ...form, action: '/emulated-mvpd/MetroFiber/login' }, fields),
      400,
      /expired/,
    );
    await expectHtmlError(await app.request('/emulated-mvpd/AcmeCable/login?flow=nope'), 400, /expired/);
    await expectHtmlError(
      await app.request(`/emulated-mvpd/AcmeCable/confirm?flow=${form.flow}`),
      400,
      /expired/,
    );
  });

  it('a session that expires mid-login ends on a 400 page without a profile', async () => {
    const { app, context, session } = await setup();
    const form = await openLoginForm(app, session.url);
    context.clock.advance(1_800_000);
    await expectHtmlError(
      await postMvpdForm(app, form, { username: 'premium', password: 'password' }),
      400,
      /expired/,
    );
  });

  it('Cancel goes back to redirectUrl without a profile', async () => {
    const { app, token, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const cancelled = await postMvpdForm(app, form, { action: 'cancel' });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('location')).toBe(REDIRECT);
    expect(await profileByCode(app, token, session.code)).toEqual({});
  });

  it('refuses a non-form or oversized POST as a stale page', async () => {
    const { app, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const json = await app.request(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: form.cookie },
      body: JSON.stringify({ flow: form.flow, csrf: form.csrf }),
    });
    await expectHtmlError(json, 400, /expired/);
    const huge = await postMvpdForm(app, form, { username: 'x'.repeat(20_000), password: 'p' });
    await expectHtmlError(huge, 400, /expired/);
    const dup = await app.request(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookie },
      body: `${formBody({ flow: form.flow, csrf: form.csrf, username: 'a' })}&username=b`,
    });
    await expectHtmlError(dup, 400, /expired/);
  });

  it('escapes server strings in the page', async () => {
    const { app, session } = await setup();
    const form = await openLoginForm(app, session.url);
    const bad = await postMvpdForm(app, form, { username: '"><script>alert(1)</script>', password: 'x' });
    const html = await bad.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });

  it('never redirects to an address that is not allowed for the origin answering the login', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    // Created through another Host, the app's own origin there was allowed…
    const session = await startSession(
      app,
      token,
      { mvpd: 'AcmeCable', domainName: 'localhost', redirectUrl: 'http://attacker.test/x' },
      'd',
      'http://attacker.test',
    );
    // …but the browser signs in on the real origin: no redirect to attacker.test.
    const done = await completeBrowserLogin(app, session.url, { username: 'premium', password: 'password' });
    await expectHtmlError(done, 400, /Return address not allowed/);
    expect(done.headers.get('location')).toBeNull();
  });
});

describe('emulated MVPD login (two-hop personality)', () => {
  it('credentials, then a "Confirm this device" page with its own CSRF, then the profile', async () => {
    const { app, token, session } = await setup('MetroFiber');
    const form = await openLoginForm(app, session.url);
    expect(form.html).toContain('<h1>Metro Fiber</h1>');
    const posted = await postMvpdForm(app, form, {
      username: 'basic',
      password: 'password',
      action: 'sign-in',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/emulated-mvpd/MetroFiber/confirm?flow=${form.flow}`);
    expect(await profileByCode(app, token, session.code)).toEqual({});
    const confirmPage = await app.request(posted.headers.get('location')!);
    expect(confirmPage.status).toBe(200);
    const confirm = await readMvpdForm(confirmPage);
    expect(confirm.html).toContain('<h2>Confirm this device</h2>');
    expect(confirm.html).toContain('<strong>basic</strong>');
    expect(confirm.html.match(/<h1>/g)).toHaveLength(1);
    expect(confirm.csrf).not.toBe(form.csrf);
    // The first page's token is spent; the login form cannot be replayed at this step.
    await expectHtmlError(
      await postMvpdForm(app, form, { username: 'basic', password: 'password' }),
      400,
      /expired/,
    );
    await expectHtmlError(
      await postMvpdForm(app, { ...confirm, csrf: form.csrf }, { action: 'confirm' }),
      403,
      /verified/,
    );
    const done = await postMvpdForm(app, confirm, { action: 'confirm' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(REDIRECT);
    const profiles = await profileByCode(app, token, session.code);
    expect(profiles.MetroFiber).toMatchObject({ issuer: 'MetroFiber', type: 'regular' });
    const profile = profiles.MetroFiber as { notBefore: number; notAfter: number };
    expect(profile.notAfter - profile.notBefore).toBe(7 * 86_400_000);
  });

  it('cancel on the confirm page leaves no profile', async () => {
    const { app, token, session } = await setup('MetroFiber');
    const form = await openLoginForm(app, session.url);
    const posted = await postMvpdForm(app, form, { username: 'premium', password: 'password' });
    const confirm = await readMvpdForm(await app.request(posted.headers.get('location')!));
    const cancelled = await postMvpdForm(app, confirm, { action: 'cancel' });
    expect(cancelled.status).toBe(302);
    expect(await profileByCode(app, token, session.code)).toEqual({});
  });
});
