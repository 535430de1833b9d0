// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess } from '../e2e/emulator-process.ts';
import { apiHeaders, httpRequester, registerAndToken, signIn, SP } from './test-support.ts';
import { identityHeader } from './http/temppass-test-helpers.ts';

/** `npm start` keeps its state in SQLite: a restarted process still knows what the last one did. */
const dir = mkdtempSync(join(tmpdir(), 'pass-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('emulator state survives a restart', () => {
  it('keeps clients, profiles, the signing key and the clock offset', async () => {
    const env = { EMULATOR_DB: join(dir, 'state.sqlite'), EMULATOR_THROTTLE: 'off' };
    const first = await startEmulatorProcess(env);
    const http = httpRequester(first.url);
    const token = await registerAndToken(http);
    await signIn(http, {
      token,
      deviceId: 'restart-tv',
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    const authorize = await http.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
      method: 'POST',
      headers: apiHeaders(token, 'restart-tv', { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ resources: ['lantern-night-train'] }),
    });
    const mediaToken = ((await authorize.json()) as { decisions: { token: { serializedToken: string } }[] })
      .decisions[0]?.token.serializedToken;
    await http.request('/__emulator/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 60_000 }),
    });
    await first.stop();

    const second = await startEmulatorProcess(env);
    try {
      const again = httpRequester(second.url);
      const profiles = await again.request(`/api/v2/${SP}/profiles`, {
        headers: apiHeaders(token, 'restart-tv'),
      });
      expect(profiles.status).toBe(200);
      expect(Object.keys(((await profiles.json()) as { profiles: object }).profiles)).toEqual(['AcmeCable']);

      const verify = await again.request('/media-token/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: mediaToken, resource: 'lantern-night-train' }),
      });
      expect(((await verify.json()) as { status: string }).status).toBe('VALID_TOKEN');

      const clock = (await (await again.request('/__emulator/clock')).json()) as { now: number };
      expect(clock.now - Date.now()).toBeGreaterThan(55_000);
    } finally {
      await second.stop();
    }
  });

  it('keeps TempPass trials: expiry, used titles and the identity/device links', async () => {
    const env = { EMULATOR_DB: join(dir, 'temppass.sqlite'), EMULATOR_THROTTLE: 'off' };
    const headers = (token: string, device: string) =>
      apiHeaders(token, device, {
        'Content-Type': 'application/json',
        'AP-TempPass-Identity': identityHeader('restart@example.com'),
      });
    const authorize = (
      http: ReturnType<typeof httpRequester>,
      token: string,
      device: string,
      title: string,
    ) =>
      http.request(`/api/v2/${SP}/decisions/authorize/TempPassPromo`, {
        method: 'POST',
        headers: headers(token, device),
        body: JSON.stringify({ resources: [title] }),
      });
    const first = await startEmulatorProcess(env);
    const http = httpRequester(first.url);
    const token = await registerAndToken(http);
    for (const title of ['t1', 't2'])
      expect((await authorize(http, token, 'restart-tv', title)).status).toBe(200);
    const before = (await (
      await http.request(`/api/v2/${SP}/profiles/TempPassPromo`, { headers: headers(token, 'restart-tv') })
    ).json()) as { profiles: Record<string, { notAfter: number }> };
    await first.stop();

    const second = await startEmulatorProcess(env);
    try {
      const again = httpRequester(second.url);
      // Another device with the same identity finds the same trial after the restart.
      const profile = (await (
        await again.request(`/api/v2/${SP}/profiles/TempPassPromo`, {
          headers: headers(token, 'restart-phone'),
        })
      ).json()) as {
        profiles: Record<string, { notAfter: number; attributes: Record<string, { value: unknown }> }>;
      };
      expect(profile.profiles.TempPassPromo?.notAfter).toBe(before.profiles.TempPassPromo?.notAfter);
      expect(profile.profiles.TempPassPromo?.attributes.used_assets?.value).toEqual(['t1', 't2']);
      const third = (await (await authorize(again, token, 'restart-phone', 't3')).json()) as {
        decisions: { authorized: boolean }[];
      };
      expect(third.decisions[0]?.authorized).toBe(true);
      const fourth = (await (await authorize(again, token, 'restart-tv', 't4')).json()) as {
        decisions: { authorized: boolean }[];
      };
      expect(fourth.decisions[0]?.authorized).toBe(false);
    } finally {
      await second.stop();
    }
  });
});
