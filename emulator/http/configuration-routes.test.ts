// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSeed, makeSoftwareStatement } from '../domain/seed.ts';
import { revokeClient } from '../store/clients.ts';
import { apiHeaders, makeEmulator, registerAndToken, registerClient, SP } from '../test-support.ts';
import { configurationResponseSchema, enhancedErrorSchema } from '../../src/pass/schemas/index.ts';

async function expectError(response: Response, status: number, code: string, action?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  const body = enhancedErrorSchema.parse(await response.json());
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  if (action) expect(body.action).toBe(action);
  expect(body.trace).toMatch(/^[0-9a-f-]{36}$/);
}

describe('GET /api/v2/{sp}/configuration', () => {
  it('lists the requestor, its domains and MVPDs with absolute logo URLs', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    const response = await app.request(`http://emu.test:4000/api/v2/${SP}/configuration?profile=whatever`, {
      headers: apiHeaders(token),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = configurationResponseSchema.parse(await response.json());
    expect(body).toMatchObject({ device: 'unknown', clientType: 'html5', os: 'Unknown' });
    expect(body.requestor.id).toBe(SP);
    expect(body.requestor.name).toBe('Pass Reference TV');
    expect(body.requestor.domains).toContainEqual({ name: 'localhost', mvpdInitiated: false });
    expect(body.requestor.mvpds).toEqual([
      {
        id: 'AcmeCable',
        displayName: 'Acme Cable',
        logoUrl: 'http://emu.test:4000/media/logos/acmecable.svg',
      },
      {
        id: 'MetroFiber',
        displayName: 'Metro Fiber',
        logoUrl: 'http://emu.test:4000/media/logos/metrofiber.svg',
      },
      // The other seeded personalities (iframe, popup, saml-chain, slow, flaky, degraded).
      ...(
        [
          ['PixelBox', 'PixelBox TV'],
          ['BeaconTV', 'Beacon TV'],
          ['NorthStar', 'North Star Satellite'],
          ['CanyonCable', 'Canyon Cable'],
          ['BluebirdFiber', 'Bluebird Fiber'],
          ['RiverValley', 'River Valley TV'],
        ] as const
      ).map(([id, displayName]) => ({
        id,
        displayName,
        logoUrl: `http://emu.test:4000/media/logos/${id.toLowerCase()}.svg`,
      })),
      {
        id: 'TempPass',
        displayName: 'TempPass',
        logoUrl: expect.stringMatching(/^data:image\/svg\+xml,/),
        authPerAggregator: true,
        isTempPass: true,
      },
      {
        id: 'TempPassPromo',
        displayName: 'Promotional TempPass',
        logoUrl: expect.stringMatching(/^data:image\/svg\+xml,/),
        authPerAggregator: true,
        isTempPass: true,
      },
    ]);
  });

  it('accepts a trailing slash', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    expect((await app.request(`/api/v2/${SP}/configuration/`, { headers: apiHeaders(token) })).status).toBe(
      200,
    );
  });

  it('includes MVPD flags only when set', async () => {
    const seed = createSeed();
    seed.mvpds[1]!.flags = { authPerAggregator: true, isTempPass: false };
    const { app } = makeEmulator({ seed });
    const token = await registerAndToken(app);
    const body = (await (
      await app.request(`/api/v2/${SP}/configuration`, { headers: apiHeaders(token) })
    ).json()) as {
      requestor: { mvpds: Record<string, unknown>[] };
    };
    expect(body.requestor.mvpds[1]).toMatchObject({ id: 'MetroFiber', authPerAggregator: true });
    expect(body.requestor.mvpds[1]).not.toHaveProperty('isTempPass');
    expect(body.requestor.mvpds[0]).not.toHaveProperty('authPerAggregator');
  });

  it('derives device and os from the device headers, ignoring a malformed X-Device-Info', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    const info = Buffer.from(JSON.stringify({ primaryHardwareType: 'Desktop', osName: 'Linux' })).toString(
      'base64',
    );
    const a = (await (
      await app.request(`/api/v2/${SP}/configuration`, {
        headers: apiHeaders(token, 'd', { 'X-Device-Info': info }),
      })
    ).json()) as Record<string, unknown>;
    expect(a).toMatchObject({ device: 'Desktop', os: 'Linux' });
    const b = await app.request(`/api/v2/${SP}/configuration`, {
      headers: apiHeaders(token, 'd', { 'X-Device-Info': '%%%' }),
    });
    expect(b.status).toBe(200);
  });

  it('answers 401 invalid_access_token_client_application for missing, garbled, expired and revoked tokens', async () => {
    const { app, context } = makeEmulator();
    const url = `/api/v2/${SP}/configuration`;
    await expectError(
      await app.request(url),
      401,
      'invalid_access_token_client_application',
      'application-registration',
    );
    await expectError(
      await app.request(url, { headers: { Authorization: 'Bearer abc.def.ghi' } }),
      401,
      'invalid_access_token_client_application',
    );
    await expectError(
      await app.request(url, { headers: { Authorization: 'Basic Zm9vOmJhcg==' } }),
      401,
      'invalid_access_token_client_application',
    );
    const token = await registerAndToken(app);
    const [head, , sig] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ client_id: 'x', exp: 9e12 })).toString('base64url')}.${sig}`;
    await expectError(
      await app.request(url, { headers: apiHeaders(forged) }),
      401,
      'invalid_access_token_client_application',
    );
    expect((await app.request(url, { headers: apiHeaders(token) })).status).toBe(200);
    context.clock.advance(21_600_000);
    await expectError(
      await app.request(url, { headers: apiHeaders(token) }),
      401,
      'invalid_access_token_client_application',
    );

    const fresh = await registerClient(app);
    const tokenResponse = await app.request('/o/client/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fresh, grant_type: 'client_credentials' }).toString(),
    });
    const freshToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
    revokeClient(context.db, fresh.client_id);
    await expectError(
      await app.request(url, { headers: apiHeaders(freshToken) }),
      401,
      'invalid_access_token_client_application',
    );
  });

  it('answers 400 invalid_parameter_service_provider for an unknown SP', async () => {
    const { app } = makeEmulator();
    const token = await registerAndToken(app);
    await expectError(
      await app.request('/api/v2/NOPE/configuration', { headers: apiHeaders(token) }),
      400,
      'invalid_parameter_service_provider',
    );
  });

  it('answers 401 invalid_access_token_service_provider when the statement does not cover the SP', async () => {
    const seed = createSeed();
    seed.softwareStatements.push({
      softwareId: 'other-app',
      serviceProviders: ['OTHER'],
      scopes: ['api:client:v2'],
      canResetTempPass: false,
    });
    const { app } = makeEmulator({ seed });
    const token = await registerAndToken(app, makeSoftwareStatement('other-app'));
    await expectError(
      await app.request(`/api/v2/${SP}/configuration`, { headers: apiHeaders(token) }),
      401,
      'invalid_access_token_service_provider',
      'application-registration',
    );
  });

  it('answers 405 for POST', async () => {
    const { app } = makeEmulator();
    const response = await app.request(`/api/v2/${SP}/configuration`, { method: 'POST' });
    await expectError(response, 405, 'invalid_http_method');
    expect(response.headers.get('allow')).toBe('GET');
  });
});
