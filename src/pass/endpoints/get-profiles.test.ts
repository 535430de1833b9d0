// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassTransportError } from '../errors';
import { regularProfilesSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';

describe('getProfiles', () => {
  it('GETs /api/v2/{sp}/profiles and parses the MVPD map', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: regularProfilesSample });

    const { profiles } = await client.getProfiles();

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${API}/api/v2/REF30/profiles`);
    expectStandardHeaders(request, null);
    expect(request?.headers.get('ap-temppass-identity')).toBeNull();
    expect(Object.keys(profiles)).toEqual(['Cablevision']);
    expect(profiles['Cablevision']?.notAfter).toBe(1783685280000);
    expect(profiles['Cablevision']?.type).toBe('regular');
    expect(profiles['Cablevision']?.attributes['zip']).toEqual({ value: 'BASE64_value_zip', state: 'enc' });
  });

  it('accepts an empty map (no profile is not an error)', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: { profiles: {} } });

    await expect(client.getProfiles()).resolves.toEqual({ profiles: {} });
  });

  it('rejects string profile times (they must be numbers)', async () => {
    const { client, fake } = createHarness();
    const profile = { ...regularProfilesSample.profiles.Cablevision, notAfter: '1783685280000' };
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: { profiles: { Cablevision: profile } } });

    const error = await client.getProfiles().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassTransportError);
    expect((error as PassTransportError).issues[0]?.path).toEqual(['profiles', 'Cablevision', 'notAfter']);
  });
});
