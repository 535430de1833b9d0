// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSeed } from '../domain/seed.ts';
import { apiHeaders, formBody, makeEmulator, registerClient, SP, type EmulatorApp } from '../test-support.ts';

/**
 * `POST /__emulator/clients/revoke` (spec dcr.md §5): what a revoked client meets on each API, so an
 * app's recovery (register again) can be tested.
 */
async function tokenFor(app: EmulatorApp, client: { client_id: string; client_secret: string }) {
  return app.request('/o/client/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody({ ...client, grant_type: 'client_credentials' }),
  });
}

async function accessToken(app: EmulatorApp, client: { client_id: string; client_secret: string }) {
  return ((await (await tokenFor(app, client)).json()) as { access_token: string }).access_token;
}

function revoke(app: EmulatorApp, body: unknown) {
  return app.request('/__emulator/clients/revoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function profiles(app: EmulatorApp, token: string) {
  return app.request(`/api/v2/${SP}/profiles`, { headers: apiHeaders(token, 'tv-1') });
}

function resetDevice(app: EmulatorApp, token: string) {
  return app.request(`/reset-tempass/v3/reset?device_id=tv-1&requestor_id=${SP}&mvpd_id=TempPass`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  });
}

describe('revoking DCR clients from the control plane', () => {
  it('one client: 401 on REST v2, 403 on Reset TempPass, invalid_client on /token; a new registration works', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    const other = await registerClient(app);
    const token = await accessToken(app, client);
    expect((await profiles(app, token)).status).toBe(200);

    const revoked = await revoke(app, { clientId: client.client_id });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ revoked: 1 });

    const api = await profiles(app, token);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ status: 401, code: 'invalid_access_token_client_application' });
    const management = await resetDevice(app, token);
    expect(management.status).toBe(403);
    expect(await management.json()).toMatchObject({
      status: 403,
      code: 'invalid_access_token_client_application',
    });
    const refreshed = await tokenFor(app, client);
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toEqual({ error: 'invalid_client' });

    // The other client is untouched; registering again gives working credentials.
    expect((await profiles(app, await accessToken(app, other))).status).toBe(200);
    const again = await accessToken(app, await registerClient(app));
    expect((await profiles(app, again)).status).toBe(200);
    expect((await resetDevice(app, again)).status).toBe(204);
  });

  it('every client of a software statement, and only those', async () => {
    const seed = createSeed();
    const { app } = makeEmulator({ seed });
    const main = [await registerClient(app), await registerClient(app)];
    const partner = await registerClient(app, seed.softwareStatementNoReset);
    const revoked = await revoke(app, { softwareId: 'passref-web-app' });
    expect(await revoked.json()).toEqual({ revoked: 2 });
    for (const client of main) expect((await tokenFor(app, client)).status).toBe(400);
    expect((await tokenFor(app, partner)).status).toBe(201);
  });

  it('400 for a malformed body, 404 when nothing matches', async () => {
    const { app } = makeEmulator();
    for (const body of ['{', {}, { clientId: '' }, { clientId: 'a', softwareId: 'b' }, { clientId: 7 }]) {
      const response = await revoke(app, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    const unknown = await revoke(app, { clientId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
  });
});
