// @vitest-environment node
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createHarness } from '../pass/testing/harness';
import { promoIdentity } from '../temppass/free-passes';
import { passKeys } from './pass-keys';
import { playbackQuery } from './playback';
import { preauthorizeQuery } from './preauthorize';
import { tempPassStatusQuery } from './temppass';

const HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';
const identity = promoIdentity('TempPassPromo', HASH);
const MIN = 60_000;

const enhanced = (status: number, code: string) => ({
  status,
  code,
  message: 'The temporary access limit has been exceeded.',
  action: 'authentication',
});

describe('TempPass status query', () => {
  it('sends AP-TempPass-Identity and keys the answer by the identity hash, never anything else', async () => {
    const { client, fake } = createHarness();
    const now = Date.now();
    fake.on('GET /api/v2/REF30/profiles/TempPassPromo', {
      status: 200,
      json: {
        profiles: {
          TempPassPromo: {
            notBefore: now - 5 * MIN,
            notAfter: now + 24 * 60 * MIN,
            issuer: 'Adobe',
            type: 'temporary',
            attributes: {
              remaining_resources: { value: 2, state: 'plain' },
              used_assets: { value: ['harbor-city-desk'], state: 'plain' },
              expiration_date: { value: now + 24 * 60 * MIN, state: 'plain' },
              userID: { value: 'temppass_0bdf451aa9c8fa60e80f6b99ab48310c73b480f1', state: 'plain' },
            },
          },
        },
      },
    });
    const options = tempPassStatusQuery(client, 'dev-1', 'TempPassPromo', identity);
    expect(options.queryKey).toEqual([
      ...passKeys.tempPass('REF30', 'dev-1', 'TempPassPromo'),
      'profile',
      HASH,
    ]);
    const status = await new QueryClient().fetchQuery(options);
    expect(status).toEqual({
      state: 'open',
      startedByProfile: true,
      view: {
        notBefore: now - 5 * MIN,
        expiresAt: now + 24 * 60 * MIN,
        ttlMs: 24 * 60 * MIN + 5 * MIN,
        remainingResources: 2,
        usedAssets: ['harbor-city-desk'],
      },
    });
    const [request] = fake.requestsTo('GET /api/v2/REF30/profiles/TempPassPromo');
    expect(request?.headers.get('ap-temppass-identity')).toBe(identity.header);
  });

  it('a basic pass sends no identity header; a fresh made-up profile has not started', async () => {
    const { client, fake } = createHarness();
    const now = Date.now();
    fake.on('GET /api/v2/REF30/profiles/TempPass', {
      status: 200,
      json: {
        profiles: {
          TempPass: {
            notBefore: now,
            notAfter: now + 10 * MIN,
            issuer: 'Adobe',
            type: 'temporary',
            attributes: { expiration_date: { value: now + 10 * MIN, state: 'plain' } },
          },
        },
      },
    });
    const status = await new QueryClient().fetchQuery(tempPassStatusQuery(client, 'dev-1', 'TempPass', null));
    expect(status).toMatchObject({ state: 'open', startedByProfile: false, view: { ttlMs: 10 * MIN } });
    expect(
      fake.requestsTo('GET /api/v2/REF30/profiles/TempPass')[0]?.headers.has('ap-temppass-identity'),
    ).toBe(false);
  });

  it.each([
    ['temporary_access_duration_limit_exceeded', 'duration'],
    ['temporary_access_resources_limit_exceeded', 'resources'],
  ])('a 403 %s is a state (over: %s), not a failure', async (code, limit) => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/TempPassPromo', { status: 403, json: enhanced(403, code) });
    const status = await new QueryClient().fetchQuery(
      tempPassStatusQuery(client, 'dev-1', 'TempPassPromo', identity),
    );
    expect(status).toMatchObject({ state: 'over', limit, error: { code, httpStatus: 403 } });
  });

  it('other errors stay errors (e.g. 400 invalid_header_identity_for_temporary_access)', async () => {
    const { client, fake } = createHarness();
    fake.on('GET /api/v2/REF30/profiles/TempPassPromo', {
      status: 400,
      json: { ...enhanced(400, 'invalid_header_identity_for_temporary_access'), action: 'none' },
    });
    await expect(
      new QueryClient().fetchQuery(tempPassStatusQuery(client, 'dev-1', 'TempPassPromo', identity)),
    ).rejects.toMatchObject({ code: 'invalid_header_identity_for_temporary_access' });
  });
});

describe('decisions with a promotional identity', () => {
  it('preauthorize sends the identity; each identity has its own cache entry', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/preauthorize/TempPassPromo', (request) => ({
      status: 200,
      json: {
        decisions: (JSON.parse(request.body ?? '{}') as { resources: string[] }).resources.map(
          (resource) => ({
            resource,
            serviceProvider: 'REF30',
            mvpd: 'TempPassPromo',
            source: 'temppass',
            authorized: true,
          }),
        ),
      },
    }));
    const queryClient = new QueryClient();
    const other = promoIdentity('TempPassPromo', 'b'.repeat(64));
    const a = preauthorizeQuery(client, 'dev-1', 'TempPassPromo', ['x', 'y'], identity);
    const b = preauthorizeQuery(client, 'dev-1', 'TempPassPromo', ['x', 'y'], other);
    expect(a.queryKey).not.toEqual(b.queryKey);
    expect(a.queryKey).toContain(HASH);
    await queryClient.fetchQuery(a);
    await queryClient.fetchQuery(b);
    await queryClient.fetchQuery(a);
    const sent = fake.requestsTo('POST /api/v2/REF30/decisions/preauthorize/TempPassPromo');
    expect(sent.map((request) => request.headers.get('ap-temppass-identity'))).toEqual([
      identity.header,
      other.header,
    ]);
  });

  it('a TempPass permit reports when the pass ends; an item deny stays a deny', async () => {
    const { client, fake } = createHarness();
    const ends = Date.now() + 10 * MIN;
    fake.once(
      'POST /api/v2/REF30/decisions/authorize/TempPass',
      {
        status: 200,
        json: {
          decisions: [
            {
              resource: 'harbor-city-desk',
              serviceProvider: 'REF30',
              mvpd: 'TempPass',
              source: 'temppass',
              authorized: true,
              token: { notBefore: Date.now(), notAfter: Date.now() + 7 * MIN, serializedToken: 'dG9rZW4=' },
              notBefore: Date.now(),
              notAfter: ends,
            },
          ],
        },
      },
      {
        status: 200,
        json: {
          decisions: [
            {
              resource: 'harbor-city-desk',
              serviceProvider: 'REF30',
              mvpd: 'TempPass',
              source: 'temppass',
              authorized: false,
              error: enhanced(403, 'temporary_access_duration_limit_exceeded'),
            },
          ],
        },
      },
    );
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(Response.json({ status: 'VALID_TOKEN' }));
    try {
      const queryClient = new QueryClient();
      const first = await queryClient.fetchQuery(
        playbackQuery(client, 'dev-1', '', 'TempPass', 'harbor-city-desk', 'a1'),
      );
      expect(first).toMatchObject({ kind: 'play', accessExpiresAt: ends });
      const second = await queryClient.fetchQuery(
        playbackQuery(client, 'dev-1', '', 'TempPass', 'harbor-city-desk', 'a2'),
      );
      expect(second).toMatchObject({
        kind: 'denied',
        decision: { error: { code: 'temporary_access_duration_limit_exceeded' } },
      });
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
