// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { authorizeDenySample, authorizePermitSample, HELP_URL } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';
import { isDeny, isPermit } from './decisions';

describe('authorize', () => {
  it('POSTs JSON {resources} and returns a permit with its media token', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/authorize/Cablevision', {
      status: 200,
      json: authorizePermitSample,
    });

    const { decisions } = await client.authorize('Cablevision', ['REF30']);

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${API}/api/v2/REF30/decisions/authorize/Cablevision`);
    expectStandardHeaders(request, 'application/json');
    expect(request?.body).toBe('{"resources":["REF30"]}');
    expect(decisions).toHaveLength(1);
    const decision = decisions[0]!;
    expect(isPermit(decision)).toBe(true);
    if (!decision.authorized) throw new Error('expected a permit');
    expect(decision.token).toEqual({
      notBefore: 1697094207324,
      notAfter: 1697094802367,
      serializedToken: 'PHNpZ25hdHVyZUluZm8...',
    });
    expect(decision.notAfter).toBe(1697098802367);
  });

  it('keeps an item-level deny in the result (HTTP 200), with its error', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/authorize/Cablevision', { status: 200, json: authorizeDenySample });

    const { decisions } = await client.authorize('Cablevision', ['REF30']);

    const decision = decisions[0]!;
    expect(isDeny(decision)).toBe(true);
    if (decision.authorized) throw new Error('expected a deny');
    expect(decision.error.code).toBe('authorization_denied_by_mvpd');
    expect(decision.error.status).toBe(403);
    expect(decision.error.details).toBe('Your subscription package does not include the "Live" channel');
    expect(decision.error.trace).toBe('12f6fef9-d2e0-422b-a9d7-60d799abe353');
  });

  it('sends AP-TempPass-Identity for promotional TempPass and keeps a TempPass deny item', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/authorize/flexibleTempPass', {
      status: 200,
      json: {
        decisions: [
          {
            resource: 'res05',
            serviceProvider: 'REF30',
            mvpd: 'flexibleTempPass',
            source: 'temppass',
            authorized: false,
            error: {
              status: 403,
              code: 'temporary_access_resources_limit_exceeded',
              action: 'authentication',
            },
          },
        ],
      },
    });

    const { decisions } = await client.authorize('flexibleTempPass', ['res05'], { tempPassIdentity: 'abc=' });

    expect(apiRequests(fake)[0]?.headers.get('ap-temppass-identity')).toBe('abc=');
    expect(decisions[0]?.authorized).toBe(false);
    expect(decisions[0] && !decisions[0].authorized && decisions[0].error.action).toBe('authentication');
  });

  it('throws top-level authenticated_profile_missing (403) as PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/authorize/Cablevision', {
      status: 403,
      json: {
        status: 403,
        code: 'authenticated_profile_missing',
        action: 'authentication',
        helpUrl: HELP_URL,
      },
    });

    const error = await client.authorize('Cablevision', ['REF30']).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect((error as PassApiError).code).toBe('authenticated_profile_missing');
    expect((error as PassApiError).httpStatus).toBe(403);
  });

  it('rejects a deny item without error as invalid-response', async () => {
    const { client, fake } = createHarness();
    const { error: _dropped, ...denyWithoutError } = authorizeDenySample.decisions[0]!;
    fake.on('POST /api/v2/REF30/decisions/authorize/Cablevision', {
      status: 200,
      json: { decisions: [denyWithoutError] },
    });

    const error = await client.authorize('Cablevision', ['REF30']).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).kind).toBe('invalid-response');
  });
});
