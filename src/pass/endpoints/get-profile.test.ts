// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { encodeTempPassIdentity } from '../device';
import { PassApiError } from '../errors';
import { HELP_URL, regularProfilesSample, tempPassProfilesSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('getProfile', () => {
  it('GETs /profiles/{mvpd} without a TempPass header by default', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/Cablevision', { status: 200, json: regularProfilesSample });

    const result = await client.getProfile('Cablevision');

    const [request] = apiRequests(fake);
    expect(request?.url).toBe(`${API}/api/v2/REF30/profiles/Cablevision`);
    expectStandardHeaders(request, null);
    expect(request?.headers.get('ap-temppass-identity')).toBeNull();
    expect(result.profiles['Cablevision']?.issuer).toBe('Cablevision');
  });

  it('sends AP-TempPass-Identity and parses a promotional TempPass profile', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/flexibleTempPass', { status: 200, json: tempPassProfilesSample });
    const identity = encodeTempPassIdentity({ email: 'foo@bar.com' });

    const result = await client.getProfile('flexibleTempPass', { tempPassIdentity: identity });

    const [request] = apiRequests(fake);
    expect(identity).toBe('eyJlbWFpbCI6ImZvb0BiYXIuY29tIn0=');
    expect(request?.headers.get('ap-temppass-identity')).toBe('eyJlbWFpbCI6ImZvb0BiYXIuY29tIn0=');
    const profile = result.profiles['flexibleTempPass'];
    expect(profile?.type).toBe('temporary');
    expect(profile?.attributes['used_assets']?.value).toEqual(['res04', 'res02', 'res03', 'res01']);
    expect(profile?.attributes['remaining_resources']?.value).toBe(1);
  });

  it('encodes the MVPD path segment', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/a%2Fb', { status: 200, json: { profiles: {} } });

    await client.getProfile('a/b');

    expect(apiRequests(fake)[0]?.path).toBe('/api/v2/REF30/profiles/a%2Fb');
  });

  it('maps temporary_access_duration_limit_exceeded (403) to PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/TempPass_TEST40', {
      status: 403,
      json: {
        status: 403,
        code: 'temporary_access_duration_limit_exceeded',
        message: 'The temporary access duration limit has been exceeded.',
        helpUrl: HELP_URL,
        action: 'authentication',
      },
    });

    const error = await client.getProfile('TempPass_TEST40').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassApiError);
    expect((error as PassApiError).httpStatus).toBe(403);
    expect((error as PassApiError).action).toBe('authentication');
    expect((error as PassApiError).code).toBe('temporary_access_duration_limit_exceeded');
  });
});
