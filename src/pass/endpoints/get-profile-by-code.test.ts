// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError, PassTransportError } from '../errors';
import { regularProfilesSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('getProfileByCode', () => {
  it('GETs /profiles/code/{code}: empty while pending, then the profile', async () => {
    const { client, fake } = createHarness();
    fake.once('GET /api/v2/REF30/profiles/code/8ER640M', { status: 200, json: { profiles: {} } });
    fake.on('GET /api/v2/REF30/profiles/code/8ER640M', { status: 200, json: regularProfilesSample });

    const pending = await client.getProfileByCode('8ER640M');
    const done = await client.getProfileByCode('8ER640M');

    const requests = apiRequests(fake);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe(`${API}/api/v2/REF30/profiles/code/8ER640M`);
    expectStandardHeaders(requests[0], null);
    expect(pending.profiles).toEqual({});
    expect(done.profiles['Cablevision']?.notBefore).toBe(1752149281000);
  });

  it('passes AP-TempPass-Identity when given', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/code/XTC98W', { status: 200, json: { profiles: {} } });

    await client.getProfileByCode('XTC98W', { tempPassIdentity: 'eyJlbWFpbCI6ImEifQ==' });

    expect(apiRequests(fake)[0]?.headers.get('ap-temppass-identity')).toBe('eyJlbWFpbCI6ImEifQ==');
  });

  it('maps invalid_authentication_session to PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/code/OLD0000', {
      status: 400,
      json: { status: 400, code: 'invalid_authentication_session', action: 'none' },
    });

    const error = await client.getProfileByCode('OLD0000').catch((caught: unknown) => caught);

    expect((error as PassApiError).code).toBe('invalid_authentication_session');
  });

  it('rejects an attribute with an unknown state', async () => {
    const { client, fake } = createHarness();
    const profile = {
      ...regularProfilesSample.profiles.Cablevision,
      attributes: { userID: { value: 'u', state: 'secret' } },
    };
    fake.on('GET /api/v2/REF30/profiles/code/8ER640M', {
      status: 200,
      json: { profiles: { Cablevision: profile } },
    });

    const error = await client.getProfileByCode('8ER640M').catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('invalid-response');
  });
});
