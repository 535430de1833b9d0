// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../e2e/emulator-process.ts';
import { decisionsResponseSchema, profilesResponseSchema } from '../src/pass/schemas/index.ts';
import { apiHeaders, httpRequester, registerAndToken, SP } from './test-support.ts';
import { identityHeader, PROMO, resetDevice, resetIdentity, sha256 } from './http/temppass-test-helpers.ts';

/**
 * The promotional allowance holds under concurrency, against the real emulator process over HTTP:
 * many simultaneous authorizations of different titles on one fresh trial grant exactly the
 * allowance (3), never more. Repeated five times, with a Reset TempPass between rounds, so that the
 * same device and identity start a fresh trial each time.
 */
const REQUESTS = 60;
const ROUNDS = 5;
const DEVICE = 'concurrency-tv';
const EMAIL = 'race@example.com';

let server: EmulatorProcess;

beforeAll(async () => {
  server = await startEmulatorProcess({ EMULATOR_THROTTLE: 'off' });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('promotional TempPass under concurrent authorizations', () => {
  it(`grants exactly 3 of ${REQUESTS} simultaneous distinct titles, ${ROUNDS} rounds in a row`, async () => {
    const http = httpRequester(server.url);
    const token = await registerAndToken(http);
    const headers = apiHeaders(token, DEVICE, {
      'Content-Type': 'application/json',
      'AP-TempPass-Identity': identityHeader(EMAIL),
    });

    for (let round = 0; round < ROUNDS; round += 1) {
      const titles = Array.from({ length: REQUESTS }, (_, i) => `race-${round}-${i}`);
      const responses = await Promise.all(
        titles.map((title) =>
          http.request(`/api/v2/${SP}/decisions/authorize/${PROMO}`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ resources: [title] }),
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(titles.map(() => 200));
      const items = await Promise.all(
        responses.map(async (r) => decisionsResponseSchema.parse(await r.json()).decisions[0]),
      );
      const permits = items.filter((item) => item?.authorized === true);
      const denies = items.filter((item) => item?.authorized === false);
      expect(permits).toHaveLength(3);
      expect(denies).toHaveLength(REQUESTS - 3);
      for (const deny of denies) {
        expect(deny?.authorized === false && deny.error.code).toBe(
          'temporary_access_resources_limit_exceeded',
        );
      }

      const profile = await http.request(`/api/v2/${SP}/profiles/${PROMO}`, { headers });
      expect(profile.status).toBe(403);
      expect(((await profile.json()) as { code: string }).code).toBe(
        'temporary_access_resources_limit_exceeded',
      );

      await resetDevice(http, token, PROMO, DEVICE);
      await resetIdentity(http, token, PROMO, sha256(EMAIL));
      const fresh = await http.request(`/api/v2/${SP}/profiles/${PROMO}`, { headers });
      const attributes = profilesResponseSchema.parse(await fresh.json()).profiles[PROMO]?.attributes;
      expect(attributes?.remaining_resources?.value).toBe(3);
      expect(attributes?.used_assets?.value).toEqual([]);
    }
  }, 60_000);
});
