// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { HELP_URL, sessionAuthenticateSample, sessionResumeSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

const FORM = 'application/x-www-form-urlencoded';

describe('createSession', () => {
  it('POSTs the three parameters as a form and parses an authenticate answer', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions', { status: 200, json: sessionAuthenticateSample });

    const session = await client.createSession({
      mvpd: 'Cablevision',
      domainName: 'adobe.com',
      redirectUrl: 'https://adobe.com',
    });

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${API}/api/v2/REF30/sessions`);
    expectStandardHeaders(request, FORM);
    expect(request?.body).toBe('mvpd=Cablevision&domainName=adobe.com&redirectUrl=https%3A%2F%2Fadobe.com');
    expect(session).toEqual(sessionAuthenticateSample);
    expect(session.notBefore).toBe('1733735289035');
    expect(client.resolveUrl(session.url!)).toBe(`${API}/api/v2/authenticate/REF30/8ER640M`);
  });

  it('omits absent parameters (empty body) and parses a resume answer', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions', { status: 200, json: sessionResumeSample });

    const session = await client.createSession();

    expect(apiRequests(fake)[0]?.body).toBe('');
    expect(session.actionName).toBe('resume');
    expect(session.missingParameters).toEqual(['mvpd', 'domainName', 'redirectUrl']);
    expect(session.mvpd).toBeUndefined();
  });

  it('treats numeric session times as a malformed response', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions', {
      status: 200,
      json: { ...sessionAuthenticateSample, notBefore: 1733735289035 },
    });

    const error = await client.createSession({ mvpd: 'Cablevision' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('invalid-response');
    expect((error as PassTransportError).issues[0]?.path).toEqual(['notBefore']);
  });

  it('surfaces invalid_integration as PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions', {
      status: 400,
      json: { status: 400, code: 'invalid_integration', action: 'none', helpUrl: HELP_URL },
    });

    const error = await client.createSession({ mvpd: 'Unknown' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect((error as PassApiError).code).toBe('invalid_integration');
    expect((error as PassApiError).message).toBe('Adobe Pass error invalid_integration (HTTP 400)');
  });
});
