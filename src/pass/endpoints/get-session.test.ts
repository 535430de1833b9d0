// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { sessionStatusSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('getSession', () => {
  it('GETs /sessions/{code} and parses the status with its loose device object', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/sessions/8ER640M', { status: 200, json: sessionStatusSample });

    const status = await client.getSession('8ER640M');

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${API}/api/v2/REF30/sessions/8ER640M`);
    expectStandardHeaders(request, null);
    expect(status.existingParameters).toEqual({
      redirectUrl: 'https://adobe.com',
      domainName: 'adobe.com',
      serviceProvider: 'REF30',
    });
    expect(status.missingParameters).toEqual(['mvpd']);
    expect(status.device).toEqual(sessionStatusSample.device);
    expect(status.notAfter).toBe('1761301729958');
  });

  it('rejects a status without device as invalid-response', async () => {
    const { client, fake } = createHarness();
    const { device: _dropped, ...withoutDevice } = sessionStatusSample;
    fake.on('GET /api/v2/REF30/sessions/8ER640M', { status: 200, json: withoutDevice });

    const error = await client.getSession('8ER640M').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('invalid-response');
  });

  it('maps invalid_parameter_code to PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/sessions/%3F', {
      status: 400,
      json: { status: 400, code: 'invalid_parameter_code', action: 'none' },
    });

    const error = await client.getSession('?').catch((caught: unknown) => caught);

    expect((error as PassApiError).code).toBe('invalid_parameter_code');
  });
});
