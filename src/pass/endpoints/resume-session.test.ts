// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { sessionRetrySample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('resumeSession', () => {
  it('POSTs the missing parameters to /sessions/{code} as a form', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions/8BLW4RW', { status: 200, json: sessionRetrySample });

    const session = await client.resumeSession('8BLW4RW', { mvpd: 'Cablevision' });

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${API}/api/v2/REF30/sessions/8BLW4RW`);
    expectStandardHeaders(request, 'application/x-www-form-urlencoded');
    expect(request?.body).toBe('mvpd=Cablevision');
    expect(session.actionName).toBe('retry');
    expect(session.missingParameters).toEqual(['redirectUrl']);
    expect(session.code).toBe('8BLW4RW');
  });

  it('URL-encodes the code path segment', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions/A%2FB%3FC', { status: 200, json: sessionRetrySample });

    await client.resumeSession('A/B?C', { redirectUrl: 'https://a.test/x?y=1 2' });

    const [request] = apiRequests(fake);
    expect(request?.path).toBe('/api/v2/REF30/sessions/A%2FB%3FC');
    expect(request?.body).toBe('redirectUrl=https%3A%2F%2Fa.test%2Fx%3Fy%3D1+2');
  });

  it('maps invalid_authentication_session to PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/sessions/DEAD000', {
      status: 400,
      json: { status: 400, code: 'invalid_authentication_session', action: 'none', message: 'gone' },
    });

    const error = await client.resumeSession('DEAD000', { mvpd: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect((error as PassApiError).code).toBe('invalid_authentication_session');
    expect((error as PassApiError).message).toBe('gone');
  });

  it('rejects a body without sessionId as invalid-response', async () => {
    const { client, fake } = createHarness();
    const { sessionId: _dropped, ...withoutSessionId } = sessionRetrySample;
    fake.on('POST /api/v2/REF30/sessions/8BLW4RW', { status: 200, json: withoutSessionId });

    const error = await client.resumeSession('8BLW4RW', {}).catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('invalid-response');
  });
});
