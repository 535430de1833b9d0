// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { configurationSample, HELP_URL, invalidServiceProviderErrorSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('getConfiguration', () => {
  it('GETs /api/v2/{sp}/configuration with the standard headers and parses the MVPD list', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/configuration', { status: 200, json: configurationSample });

    const configuration = await client.getConfiguration();

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${API}/api/v2/REF30/configuration`);
    expect(request?.body).toBeUndefined();
    expectStandardHeaders(request, null);
    expect(configuration.requestor.id).toBe('REF30');
    expect(configuration.requestor.domains).toEqual([{ name: 'adobe.com', mvpdInitiated: false }]);
    expect(configuration.requestor.mvpds.map((mvpd) => mvpd.id)).toEqual([
      'Cablevision',
      'TempPass_TEST40',
      'Comcast_SSO_Perf',
    ]);
    expect(configuration.requestor.mvpds[1]?.isTempPass).toBe(true);
    expect(configuration.requestor.mvpds[0]?.isTempPass).toBeUndefined();
  });

  it('rejects a configuration whose mvpds sit at top level (malformed)', async () => {
    const { client, fake } = createHarness();
    const { mvpds, ...requestorWithoutMvpds } = configurationSample.requestor;
    fake.on('GET /api/v2/REF30/configuration', {
      status: 200,
      json: { ...configurationSample, mvpds, requestor: requestorWithoutMvpds },
    });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('invalid-response');
    expect((error as PassTransportError).issues.map((issue) => issue.path.join('.'))).toContain(
      'requestor.mvpds',
    );
  });

  it('maps an enhanced error body to PassApiError with every field', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/configuration', { status: 400, json: invalidServiceProviderErrorSample });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    const apiError = error as PassApiError;
    expect(apiError.httpStatus).toBe(400);
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('invalid_parameter_service_provider');
    expect(apiError.action).toBe('none');
    expect(apiError.message).toBe('The service provider parameter value is missing or invalid.');
    expect(apiError.details).toBeUndefined();
    expect(apiError.helpUrl).toBe(HELP_URL);
    expect(apiError.trace).toBe('12f6fef9-d2e0-422b-a9d7-60d799abe353');
    expect(apiError.body).toEqual(invalidServiceProviderErrorSample);
  });
});
