// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassApiError } from '../errors';
import { preauthorizeMixedSample } from '../testing/fixtures';
import { API, apiRequests, createHarness, expectStandardHeaders } from '../testing/harness';
import { chunk } from './decisions';

describe('preauthorize', () => {
  it('POSTs JSON {resources} and returns mixed results without throwing', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/preauthorize/Cablevision', {
      status: 200,
      json: preauthorizeMixedSample,
    });

    const { decisions } = await client.preauthorize('Cablevision', ['resource1', 'resource3']);

    const [request] = apiRequests(fake);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${API}/api/v2/REF30/decisions/preauthorize/Cablevision`);
    expectStandardHeaders(request, 'application/json');
    expect(JSON.parse(request?.body ?? 'null')).toEqual({ resources: ['resource1', 'resource3'] });
    expect(decisions.map((decision) => [decision.resource, decision.authorized])).toEqual([
      ['resource1', true],
      ['resource3', false],
    ]);
    const denied = decisions[1];
    expect(denied && !denied.authorized ? denied.error.code : null).toBe('preauthorization_denied_by_mvpd');
    expect(decisions[0] && decisions[0].authorized ? decisions[0].token : 'x').toBeUndefined();
  });

  it('sends MRSS resources byte-for-byte', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/preauthorize/Cablevision', {
      status: 200,
      json: { decisions: [] },
    });
    const mrss =
      '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>REF30</title></channel></rss>';

    await client.preauthorize('Cablevision', [mrss]);

    expect(JSON.parse(apiRequests(fake)[0]?.body ?? 'null')).toEqual({ resources: [mrss] });
  });

  it('throws too_many_resources as PassApiError', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/preauthorize/Cablevision', {
      status: 403,
      json: { status: 403, code: 'too_many_resources', action: 'configuration' },
    });

    const error = await client
      .preauthorize('Cablevision', ['a', 'b', 'c', 'd', 'e', 'f'])
      .catch((e: unknown) => e);

    expect((error as PassApiError).code).toBe('too_many_resources');
    expect((error as PassApiError).action).toBe('configuration');
  });

  it('batches with chunk() to respect the per-call maximum', async () => {
    const { client, fake } = createHarness();
    fake.on('POST /api/v2/REF30/decisions/preauthorize/Cablevision', (request) => ({
      status: 200,
      json: {
        decisions: (JSON.parse(request.body ?? '{}') as { resources: string[] }).resources.map(
          (resource) => ({
            resource,
            serviceProvider: 'REF30',
            mvpd: 'Cablevision',
            source: 'mvpd',
            authorized: true,
          }),
        ),
      },
    }));
    const resources = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];

    const results = [];
    for (const batch of chunk(resources, 5))
      results.push(...(await client.preauthorize('Cablevision', batch)).decisions);

    expect(apiRequests(fake).map((request) => JSON.parse(request.body ?? '{}'))).toEqual([
      { resources: ['r1', 'r2', 'r3', 'r4', 'r5'] },
      { resources: ['r6', 'r7'] },
    ]);
    expect(results.map((decision) => decision.resource)).toEqual(resources);
  });
});
