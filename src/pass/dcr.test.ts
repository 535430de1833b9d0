// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from './dcr';
import { PassDcrError, PassTransportError } from './errors';
import { configurationSample } from './testing/fixtures';
import {
  API,
  createHarness,
  decodeDeviceInfoHeader,
  DEVICE_HEADER,
  DEVICE_INFO,
  T0,
} from './testing/harness';

const CONFIG = 'GET /api/v2/REF30/configuration';

describe('DCR registration', () => {
  it('POSTs the software statement as JSON to /o/client/register and the credentials as a form to /o/client/token', async () => {
    const { client, fake } = createHarness();

    await expect(client.getAccessToken()).resolves.toBe('token-1');

    const [register, token] = fake.requests;
    expect(register?.method).toBe('POST');
    expect(register?.url).toBe(`${API}/o/client/register`);
    expect(register?.headers.get('content-type')).toBe('application/json');
    expect(register?.headers.get('authorization')).toBeNull();
    expect(register?.headers.get('ap-device-identifier')).toBe(DEVICE_HEADER);
    expect(decodeDeviceInfoHeader(register?.headers.get('x-device-info') ?? null)).toEqual(DEVICE_INFO);
    expect(JSON.parse(register?.body ?? 'null')).toEqual({
      software_statement: 'eyJhbGciOiJSUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6IjEyMyJ9.sig',
      redirect_uri: 'adobepass://com.programmer',
    });
    expect(token?.method).toBe('POST');
    expect(token?.url).toBe(`${API}/o/client/token`);
    expect(token?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(token?.headers.get('authorization')).toBeNull();
    expect(token?.body).toBe('client_id=client-1&client_secret=secret-1&grant_type=client_credentials');
  });

  it('registers once and reuses the token across many calls', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 200, json: configurationSample });

    for (let i = 0; i < 5; i += 1) await client.getConfiguration();

    expect(fake.registrations).toBe(1);
    expect(fake.tokensIssued).toBe(1);
    expect(fake.requestsTo(CONFIG)).toHaveLength(5);
  });

  it('shares one in-flight register and token request between concurrent callers', async () => {
    const { client, fake } = createHarness();
    fake.on(CONFIG, { status: 200, json: configurationSample });

    await Promise.all(Array.from({ length: 6 }, () => client.getConfiguration()));

    expect(fake.requestsTo('POST /o/client/register')).toHaveLength(1);
    expect(fake.requestsTo('POST /o/client/token')).toHaveLength(1);
  });

  it('reuses stored credentials without registering', async () => {
    const store = createMemoryCredentialStore({ clientId: 'kept-id', clientSecret: 'kept-secret' });
    const { client, fake } = createHarness({ credentialStore: store });

    await client.getAccessToken();

    expect(fake.registrations).toBe(0);
    expect(fake.requests[0]?.body).toBe(
      'client_id=kept-id&client_secret=kept-secret&grant_type=client_credentials',
    );
  });

  it('persists fresh credentials in the given store', async () => {
    const store = createMemoryCredentialStore();
    const { client } = createHarness({ credentialStore: store });

    await client.getAccessToken();

    expect(store.get()).toEqual({ clientId: 'client-1', clientSecret: 'secret-1' });
  });
});

describe('DCR access token lifetime', () => {
  it('refreshes shortly before created_at + expires_in', async () => {
    const { client, fake, clock } = createHarness({}, 600);

    await client.getAccessToken();
    clock.now = T0 + 600_000 - 60_001;
    await expect(client.getAccessToken()).resolves.toBe('token-1');
    clock.now = T0 + 600_000 - 60_000;
    await expect(client.getAccessToken()).resolves.toBe('token-2');

    expect(fake.tokensIssued).toBe(2);
    expect(fake.registrations).toBe(1);
  });

  it('uses the local clock when created_at is far off', async () => {
    const { client, fake, clock } = createHarness({}, 21600);
    fake.once('POST /o/client/token', {
      status: 201,
      json: {
        id: 'x',
        access_token: 'skewed',
        created_at: T0 - 86_400_000,
        expires_in: 21600,
        token_type: 'bearer',
      },
    });

    await expect(client.getAccessToken()).resolves.toBe('skewed');
    clock.now = T0 + 60_000;
    await expect(client.getAccessToken()).resolves.toBe('skewed');
  });
});

describe('DCR errors', () => {
  it('clears credentials and re-registers once on invalid_client', async () => {
    const store = createMemoryCredentialStore({ clientId: 'revoked', clientSecret: 'old' });
    const { client, fake } = createHarness({ credentialStore: store });
    fake.once('POST /o/client/token', { status: 400, json: { error: 'invalid_client' } });

    await expect(client.getAccessToken()).resolves.toBe('token-1');

    expect(fake.requests.map((request) => `${request.method} ${request.pathname}`)).toEqual([
      'POST /o/client/token',
      'POST /o/client/register',
      'POST /o/client/token',
    ]);
    expect(fake.requests[2]?.body).toBe(
      'client_id=client-1&client_secret=secret-1&grant_type=client_credentials',
    );
    expect(store.get()).toEqual({ clientId: 'client-1', clientSecret: 'secret-1' });
  });

  it('gives up with PassDcrError when the new credentials are rejected too', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /o/client/token', { status: 400, json: { error: 'invalid_client' } });

    const error = await client.getAccessToken().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassDcrError);
    expect((error as PassDcrError).code).toBe('invalid_client');
    expect((error as PassDcrError).endpoint).toBe('token');
    expect(fake.registrations).toBe(2);
    expect(fake.requestsTo('POST /o/client/token')).toHaveLength(2);
  });

  it('surfaces a register error as PassDcrError and propagates it to API calls', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /o/client/register', { status: 400, json: { error: 'unapproved_software_statement' } });

    const error = await client.getConfiguration().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PassDcrError);
    expect((error as PassDcrError).httpStatus).toBe(400);
    expect((error as PassDcrError).code).toBe('unapproved_software_statement');
    expect((error as PassDcrError).endpoint).toBe('register');
    expect(fake.requestsTo(CONFIG)).toHaveLength(0);
  });

  it('retries registration on the next call after a failure', async () => {
    const { client, fake } = createHarness();
    fake.once('POST /o/client/register', { status: 400, json: { error: 'invalid_request' } });

    await expect(client.getAccessToken()).rejects.toBeInstanceOf(PassDcrError);
    await expect(client.getAccessToken()).resolves.toBe('token-1');
  });

  it('rejects a malformed token response as invalid-response', async () => {
    const { client, fake } = createHarness();
    fake.once('POST /o/client/token', {
      status: 201,
      json: {
        id: 'x',
        access_token: 'a',
        created_at: '1752148106221',
        expires_in: 21600,
        token_type: 'bearer',
      },
    });

    const error = await client.getAccessToken().catch((caught: unknown) => caught);

    expect((error as PassTransportError).kind).toBe('invalid-response');
    expect((error as PassTransportError).issues[0]?.path).toEqual(['created_at']);
  });
});
