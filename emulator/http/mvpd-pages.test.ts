// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeEmulator, SP } from '../test-support.ts';
import { expectHtmlError, REDIRECT, setup, startSession } from './mvpd-test-helpers.ts';

describe('GET /api/v2/authenticate/{sp}/{code}', () => {
  it('302s to the emulated SAML hop, then to the MVPD login page', async () => {
    const { app, session } = await setup();
    const first = await app.request(session.url);
    expect(first.status).toBe(302);
    const saml = new URL(first.headers.get('location')!, 'http://localhost');
    expect(saml.pathname).toBe('/adobe-services/authenticate/saml');
    expect(Object.fromEntries(saml.searchParams)).toMatchObject({
      mso_id: 'AcmeCable',
      requestor_id: SP,
      domain_name: 'localhost',
      redirect_url: REDIRECT,
      code: session.code,
    });
    const second = await app.request(first.headers.get('location')!);
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toMatch(/^\/emulated-mvpd\/AcmeCable\/login\?flow=[a-f0-9]{32}$/);
  });

  it('accepts a lower-case code and needs no Authorization header', async () => {
    const { app, session } = await setup();
    expect((await app.request(`/api/v2/authenticate/${SP}/${session.code.toLowerCase()}`)).status).toBe(302);
  });

  it('answers readable HTML 400 pages for bad, unknown, expired and incomplete codes', async () => {
    const { app, context, token, session } = await setup();
    await expectHtmlError(await app.request(`/api/v2/authenticate/${SP}/NOSUCH1`), 400, /not valid/);
    await expectHtmlError(await app.request(`/api/v2/authenticate/${SP}/%3Cscript%3E`), 400, /not valid/);
    await expectHtmlError(await app.request(`/api/v2/authenticate/OTHER/${session.code}`), 400, /not valid/);
    const incomplete = await startSession(app, token, { domainName: 'localhost' });
    await expectHtmlError(
      await app.request(`/api/v2/authenticate/${SP}/${incomplete.code}`),
      400,
      /not ready/,
    );
    context.clock.advance(1_800_000);
    await expectHtmlError(await app.request(session.url), 400, /not valid/);
    await expectHtmlError(await app.request('/adobe-services/authenticate/saml'), 400, /not valid/);
  });

  it('answers an HTML 405 for POST', async () => {
    const { app, session } = await setup();
    const response = await app.request(session.url, { method: 'POST' });
    await expectHtmlError(response, 405, /Method not allowed/);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('GET /adobe-services/logout (MVPD logout page)', () => {
  it('says signed out and offers Continue to an allowed redirect_url', async () => {
    const { app } = makeEmulator();
    const response = await app.request(
      `/adobe-services/logout?mso_id=AcmeCable&requestor_id=${SP}&redirect_url=${encodeURIComponent('http://localhost/bye?a=1&b=2')}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>You are signed out of Acme Cable</h1>');
    expect(html).toContain('href="http://localhost/bye?a=1&#38;b=2"');
    const plain = await (await app.request('/adobe-services/logout?mso_id=AcmeCable')).text();
    expect(plain).toContain('You can close this window');
  });

  it('refuses unknown MVPDs and redirect targets that are not allowed (no open redirect)', async () => {
    const { app } = makeEmulator();
    await expectHtmlError(
      await app.request('/adobe-services/logout?mso_id=Nope'),
      400,
      /Unknown TV provider/,
    );
    await expectHtmlError(
      await app.request(
        `/adobe-services/logout?mso_id=AcmeCable&redirect_url=${encodeURIComponent('https://evil.example/')}`,
      ),
      400,
      /not allowed/,
    );
    await expectHtmlError(
      await app.request('/adobe-services/logout?mso_id=AcmeCable&redirect_url=javascript:alert(1)'),
      400,
      /not allowed/,
    );
    await expectHtmlError(
      await app.request('/adobe-services/logout?mso_id=AcmeCable&mso_id=MetroFiber'),
      400,
      /malformed/,
    );
    await expectHtmlError(
      await app.request('/adobe-services/logout', { method: 'POST' }),
      405,
      /Method not allowed/,
    );
  });
});
