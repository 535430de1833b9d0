// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createPassClient } from './client';
import { decodeBase64Utf8 } from './base64';
import { configurationSample, logoutCompleteSample, regularProfilesSample } from './testing/fixtures';
import { createFakeAdobe } from './testing/fake-adobe';
import { createHarness, DEVICE_HEADER, DEVICE_ID } from './testing/harness';

const baseConfig = {
  serviceProvider: 'REF30',
  softwareStatement: 'a.b.c',
  redirectUri: 'adobepass://com.programmer',
};

describe('createPassClient', () => {
  it('sends Authorization, AP-Device-Identifier and X-Device-Info on every API call', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/configuration', { status: 200, json: configurationSample });
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: regularProfilesSample });
    fake.on('GET /api/v2/REF30/logout/Cablevision', { status: 200, json: logoutCompleteSample });

    await client.getConfiguration();
    await client.getProfiles();
    await client.logout('Cablevision');

    const api = fake.requests.filter((request) => request.pathname.startsWith('/api/'));
    expect(api).toHaveLength(3);
    for (const request of api) {
      expect(request.headers.get('authorization')).toBe('Bearer token-1');
      expect(request.headers.get('ap-device-identifier')).toBe(DEVICE_HEADER);
      expect(request.headers.get('x-device-info')).not.toBeNull();
    }
  });

  it('derives X-Device-Info when none is given', async () => {
    const fake = createFakeAdobe();
    const client = createPassClient({
      config: { ...baseConfig, apiBaseUrl: 'http://localhost:3000' },
      deviceId: DEVICE_ID,
      fetch: fake.fetch,
    });

    await client.getAccessToken();

    const header = fake.requests[0]?.headers.get('x-device-info');
    const info = JSON.parse(decodeBase64Utf8(header ?? '')) as Record<string, unknown>;
    expect(info['applicationId']).toBe('REF30');
    expect(Object.keys(info)).toEqual(
      expect.arrayContaining(['model', 'version', 'osName', 'osVersion', 'connectionType']),
    );
  });

  it('uses relative URLs for a same-origin base and a separate DCR host when configured', async () => {
    const fake = createFakeAdobe();
    fake.on('GET /api/v2/REF30/profiles', { status: 200, json: { profiles: {} } });
    const client = createPassClient({
      config: { ...baseConfig, apiBaseUrl: '', dcrBaseUrl: 'https://dcr.example.test' },
      deviceId: DEVICE_ID,
      deviceInfo: { model: 'm', version: 'v', osName: 'o', osVersion: '1', connectionType: 'LAN' },
      fetch: fake.fetch,
    });

    await client.getProfiles();

    expect(fake.requests.map((request) => request.url)).toEqual([
      'https://dcr.example.test/o/client/register',
      'https://dcr.example.test/o/client/token',
      '/api/v2/REF30/profiles',
    ]);
    expect(client.config.dcrBaseUrl).toBe('https://dcr.example.test');
  });

  it('rejects an invalid config at construction', () => {
    expect(() =>
      createPassClient({
        config: { ...baseConfig, apiBaseUrl: 'ftp://x', serviceProvider: 'REF30' },
        deviceId: DEVICE_ID,
      }),
    ).toThrow(/apiBaseUrl/);
  });
});
