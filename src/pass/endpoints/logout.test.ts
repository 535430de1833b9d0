// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { logoutCompleteSample, logoutInteractiveSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('logout', () => {
  it('GETs /logout/{mvpd}?redirectUrl= (encoded) and parses an interactive action', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/logout/Cablevision', { status: 200, json: logoutInteractiveSample });

    const { logouts } = await client.logout('Cablevision', { redirectUrl: 'https://adobe.com' });

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${API}/api/v2/REF30/logout/Cablevision?redirectUrl=https%3A%2F%2Fadobe.com`);
    expectStandardHeaders(request, null);
    expect(logouts['Cablevision']).toEqual(logoutInteractiveSample.logouts.Cablevision);
  });

  it('omits the query without redirectUrl and parses a complete action', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/logout/TempPass_5mins', { status: 200, json: logoutCompleteSample });

    const { logouts } = await client.logout('TempPass_5mins');

    expect(apiRequests(fake)[0]?.url).toBe(`${API}/api/v2/REF30/logout/TempPass_5mins`);
    expect(logouts['TempPass_5mins']).toEqual({
      actionName: 'complete',
      actionType: 'none',
      mvpd: 'TempPass_5mins',
    });
    expect(logouts['TempPass_5mins']?.url).toBeUndefined();
  });

  it('resolves a relative SSO logout url against the API host', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/logout/Spectrum', {
      status: 200,
      json: {
        logouts: {
          Spectrum: {
            actionName: 'logout',
            actionType: 'interactive',
            mvpd: 'Spectrum',
            url: '/adobe-services/logout?requestor_id=REF30&mso_id=Spectrum',
          },
        },
      },
    });

    const { logouts } = await client.logout('Spectrum', { redirectUrl: 'https://adobe.com' });

    expect(client.resolveUrl(logouts['Spectrum']!.url!)).toBe(
      `${API}/adobe-services/logout?requestor_id=REF30&mso_id=Spectrum`,
    );
  });

  it('maps invalid_parameter_redirect_url to PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/logout/Cablevision', {
      status: 400,
      json: { status: 400, code: 'invalid_parameter_redirect_url', action: 'none' },
    });

    const error = await client.logout('Cablevision', { redirectUrl: 'nope' }).catch((e: unknown) => e);

    expect((error as PassApiError).code).toBe('invalid_parameter_redirect_url');
  });

  it('rejects a logout entry without mvpd as invalid-response', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/logout/Cablevision', {
      status: 200,
      json: { logouts: { Cablevision: { actionName: 'complete', actionType: 'none' } } },
    });

    const error = await client.logout('Cablevision').catch((e: unknown) => e);

    expect((error as PassTransportError).kind).toBe('invalid-response');
  });
});
