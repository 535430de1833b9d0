// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  formBody,
  openLoginForm,
  postMvpdForm,
  readMvpdForm,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import { expectHtmlError, REDIRECT, setup } from './mvpd-test-helpers.ts';

/** A page of the chain: its auto-post form (action and hidden fields) and the cookie it set. */
interface AutoPost {
  action: string;
  fields: Record<string, string>;
  cookie: string;
  html: string;
}

async function readAutoPost(response: Response): Promise<AutoPost> {
  expect(response.status).toBe(200);
  const html = await response.text();
  const action = /<form method="post" action="([^"]+)" class="stack" data-auto-post>/.exec(html)?.[1];
  if (!action) throw new Error(`not an auto-post page: ${html.slice(0, 300)}`);
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  return { action, fields, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', html };
}

function post(app: EmulatorApp, action: string, fields: Record<string, string>, cookie = '') {
  return app.request(action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: formBody(fields),
  });
}

const decode = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');

/** authenticate → the SAML hop page (the AuthnRequest on its way to the MVPD). */
async function samlRequestPage(app: EmulatorApp, url: string): Promise<AutoPost> {
  const first = await app.request(url);
  expect(first.status).toBe(302);
  return readAutoPost(await app.request(first.headers.get('location') ?? ''));
}

/** Walks the chain up to the MVPD's answer: the assertion page posted back to Adobe. */
async function assertionPage(app: EmulatorApp, url: string): Promise<AutoPost> {
  const request = await samlRequestPage(app, url);
  const sso = await post(app, request.action, request.fields, request.cookie);
  expect(sso.status).toBe(303);
  const login = await app.request(sso.headers.get('location') ?? '');
  const form = await readMvpdForm(login);
  return readAutoPost(await postMvpdForm(app, form, { username: 'premium', password: 'password' }));
}

async function profileCount(app: EmulatorApp, code: string, token: string): Promise<number> {
  const response = await app.request(`/api/v2/${SP}/profiles/code/${code}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return Object.keys(((await response.json()) as { profiles: object }).profiles).length;
}

describe('saml-chain personality (NorthStar)', () => {
  it('Adobe auto-posts a SAMLRequest-like form to the MVPD SSO endpoint, with an external script and a Continue button', async () => {
    const { app, session } = await setup('NorthStar');
    const page = await samlRequestPage(app, session.url);
    expect(page.action).toBe('/emulated-mvpd/NorthStar/sso');
    expect(Object.keys(page.fields).sort()).toEqual(['RelayState', 'SAMLRequest']);
    expect(page.fields.RelayState).toMatch(/^[a-f0-9]{32}$/);
    const xml = decode(page.fields.SAMLRequest);
    expect(xml).toMatch(/^<samlp:AuthnRequest /);
    expect(xml).toMatch(/ID="_[a-f0-9]{64}"/);
    expect(xml).toContain(`<saml:Issuer>${SP}</saml:Issuer>`);
    expect(xml).toContain(
      'AssertionConsumerServiceURL="http://localhost/adobe-services/saml/SAMLAssertionConsumer"',
    );
    expect(page.cookie).toMatch(/^mvpd_csrf_[a-f0-9]{32}=[a-f0-9]{64}$/);
    // CSP: no inline script, only the same-origin auto-post script; a visible button without JS.
    const scripts = [...page.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => [m[1]?.trim(), m[2]])).toEqual([['src="/emulator/auto-post.js" defer', '']]);
    expect(page.html).toContain('<button type="submit">Continue</button>');
    expect(page.html.match(/<h1>/g)).toHaveLength(1);
  });

  it('walks SSO → login form → assertion → Adobe assertion consumer → redirectUrl, then the profile exists', async () => {
    const { app, token, session } = await setup('NorthStar');
    const request = await samlRequestPage(app, session.url);
    const sso = await post(app, request.action, request.fields, request.cookie);
    expect(sso.status).toBe(303);
    expect(sso.headers.get('location')).toBe(
      `/emulated-mvpd/NorthStar/login?flow=${request.fields.RelayState}`,
    );
    const login = await app.request(sso.headers.get('location') ?? '');
    const form = await readMvpdForm(login);
    expect(form.html).toContain('<h1>North Star Satellite</h1>');
    const answered = await readAutoPost(
      await postMvpdForm(app, form, { username: 'premium', password: 'password' }),
    );
    expect(answered.action).toBe('/adobe-services/saml/SAMLAssertionConsumer');
    expect(answered.fields.RelayState).toBe(request.fields.RelayState);
    const assertion = decode(answered.fields.SAMLResponse);
    expect(assertion).toMatch(/^<samlp:Response /);
    expect(assertion).toContain('<saml:Issuer>NorthStar</saml:Issuer>');
    expect(assertion).toContain('<saml:NameID>northstar-premium-0001</saml:NameID>');
    // Nothing exists until Adobe consumed the assertion.
    expect(await profileCount(app, session.code, token)).toBe(0);
    const done = await post(app, answered.action, answered.fields);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(REDIRECT);
    expect(await profileCount(app, session.code, token)).toBe(1);
    // A replayed assertion finds no flow any more.
    await expectHtmlError(await post(app, answered.action, answered.fields), 400, /expired/);
  });

  it('refuses a SAMLRequest without the flow cookie, with another token, or not Base64 (403/400, nothing created)', async () => {
    const { app, token, session } = await setup('NorthStar');
    const request = await samlRequestPage(app, session.url);
    await expectHtmlError(await post(app, request.action, request.fields), 403, /could not be verified/);
    const forged = Buffer.from(`<samlp:AuthnRequest ID="_${'0'.repeat(64)}"/>`).toString('base64');
    await expectHtmlError(
      await post(app, request.action, { ...request.fields, SAMLRequest: forged }, request.cookie),
      403,
      /could not be verified/,
    );
    await expectHtmlError(
      await post(app, request.action, { ...request.fields, SAMLRequest: '<xml>' }, request.cookie),
      403,
      /could not be verified/,
    );
    await expectHtmlError(
      await post(app, request.action, { RelayState: 'nope', SAMLRequest: request.fields.SAMLRequest ?? '' }),
      400,
      /expired/,
    );
    // The genuine request still works afterwards, and skipping the hop is impossible.
    const login = await app.request(`/emulated-mvpd/NorthStar/login?flow=${request.fields.RelayState}`);
    await expectHtmlError(login, 400, /expired/);
    expect((await post(app, request.action, request.fields, request.cookie)).status).toBe(303);
    expect(await profileCount(app, session.code, token)).toBe(0);
  });

  it('refuses a forged or tampered SAMLResponse and keeps the flow usable for the genuine one', async () => {
    const { app, token, session } = await setup('NorthStar');
    const answered = await assertionPage(app, session.url);
    const genuine = decode(answered.fields.SAMLResponse);
    const forgedToken = Buffer.from(
      genuine.replace(/ID="_[a-f0-9]{64}"/, `ID="_${'a'.repeat(64)}"`),
    ).toString('base64');
    await expectHtmlError(
      await post(app, answered.action, { ...answered.fields, SAMLResponse: forgedToken }),
      403,
      /could not be verified/,
    );
    const otherMvpd = Buffer.from(genuine.replaceAll('NorthStar', 'AcmeCable')).toString('base64');
    await expectHtmlError(
      await post(app, answered.action, { ...answered.fields, SAMLResponse: otherMvpd }),
      400,
      /expired/,
    );
    await expectHtmlError(
      await post(app, answered.action, { RelayState: answered.fields.RelayState ?? '' }),
      400,
      /expired/,
    );
    expect(await profileCount(app, session.code, token)).toBe(0);
    expect((await post(app, answered.action, answered.fields)).status).toBe(302);
    expect(await profileCount(app, session.code, token)).toBe(1);
  });

  it('answers HTML 405 for GET on the SSO endpoint and the assertion consumer', async () => {
    const { app } = await setup('NorthStar');
    const sso = await app.request('/emulated-mvpd/NorthStar/sso');
    await expectHtmlError(sso, 405, /Method not allowed/);
    expect(sso.headers.get('allow')).toBe('POST');
    await expectHtmlError(
      await app.request('/adobe-services/saml/SAMLAssertionConsumer'),
      405,
      /Method not allowed/,
    );
  });

  it('Cancel on the login form goes back to the app without a profile', async () => {
    const { app, token, session } = await setup('NorthStar');
    const request = await samlRequestPage(app, session.url);
    const sso = await post(app, request.action, request.fields, request.cookie);
    const form = await readMvpdForm(await app.request(sso.headers.get('location') ?? ''));
    const cancelled = await postMvpdForm(app, form, { action: 'cancel' });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('location')).toBe(REDIRECT);
    expect(await profileCount(app, session.code, token)).toBe(0);
  });

  it('the other personalities still go straight to their login form', async () => {
    for (const mvpd of ['AcmeCable', 'PixelBox', 'BeaconTV', 'BluebirdFiber']) {
      const { app, session } = await setup(mvpd);
      const form = await openLoginForm(app, session.url);
      expect(form.action).toBe(`/emulated-mvpd/${mvpd}/login`);
    }
  });
});
