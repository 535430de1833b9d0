// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decisionsResponseSchema } from '../../src/pass/schemas/index.ts';
import { HELP_URL } from '../domain/errors.ts';
import {
  DEVICE_ID,
  deviceHeader,
  makeFixture,
  SP,
  type DecisionItem,
  type Fixture,
} from './decision-fixtures.ts';
import { addScenario, deleteScenario } from './scenario-test-helpers.ts';

const NEWS = 'harbor-morning-brief';
const NEWS_2 = 'harbor-city-desk';
const SPORTS = ['summit-derby-day', 'summit-trail-run', 'summit-court-side', 'summit-pit-lane'];
const MRSS_NEWS = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>${NEWS}</title></channel></rss>`;

async function decide(
  f: Fixture,
  kind: 'preauthorize' | 'authorize',
  resources: string[],
  options: { mvpd?: string; deviceId?: string } = {},
) {
  const response = await f.decide(
    kind,
    options.mvpd ?? 'AcmeCable',
    { resources },
    {
      'AP-Device-Identifier': deviceHeader(options.deviceId ?? DEVICE_ID),
    },
  );
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  decisionsResponseSchema.parse(body);
  return (body as { decisions: DecisionItem[] }).decisions;
}

const verdicts = (items: { resource: string; authorized: boolean }[]) =>
  items.map((item) => [item.resource, item.authorized]);

describe('deny-resource', () => {
  it('denies that title for an entitled account, as the MVPD, on authorize and preauthorize', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const before = f.context.clock.now();
    await addScenario(f.app, { type: 'deny-resource', resource: NEWS });
    const [deny] = await decide(f, 'authorize', [NEWS]);
    const [permit] = await decide(f, 'authorize', [NEWS_2]);
    expect(deny).toEqual({
      resource: NEWS,
      serviceProvider: SP,
      mvpd: 'AcmeCable',
      source: 'mvpd',
      authorized: false,
      error: {
        status: 403,
        code: 'authorization_denied_by_mvpd',
        message: expect.any(String),
        details: 'Acme Cable does not allow this title to be watched on this account.',
        helpUrl: HELP_URL,
        trace: expect.any(String),
        action: 'none',
      },
      notBefore: expect.any(Number),
      notAfter: expect.any(Number),
    });
    expect(deny!.notBefore!).toBeGreaterThanOrEqual(before);
    expect(deny!.notAfter! - deny!.notBefore!).toBe(24 * 3_600_000);
    expect(permit).toMatchObject({ resource: NEWS_2, authorized: true, source: 'mvpd' });

    const pre = await decide(f, 'preauthorize', [NEWS_2, NEWS, MRSS_NEWS]);
    expect(verdicts(pre)).toEqual([
      [NEWS_2, true],
      [NEWS, false],
      [MRSS_NEWS, false],
    ]);
    expect(pre[1]!.error).toMatchObject({
      code: 'preauthorization_denied_by_mvpd',
      details: 'Acme Cable does not allow this title to be watched on this account.',
    });
  });

  it('uses the scenario’s details; the newest matching scenario speaks; removing it lifts the deny', async () => {
    const f = makeFixture();
    f.signIn('premium');
    await addScenario(f.app, { type: 'deny-resource', resource: NEWS, details: 'Blacked out in your area.' });
    const id = await addScenario(f.app, {
      type: 'deny-channel',
      channel: 'harbor-news',
      details: 'Harbor News is off the air.',
    });
    expect((await decide(f, 'authorize', [NEWS]))[0]?.error?.details).toBe('Harbor News is off the air.');
    expect((await deleteScenario(f.app, id)).status).toBe(200);
    expect((await decide(f, 'authorize', [NEWS]))[0]?.error?.details).toBe('Blacked out in your area.');
    await f.app.request('/__emulator/scenarios', { method: 'DELETE' });
    expect((await decide(f, 'authorize', [NEWS]))[0]?.authorized).toBe(true);
  });

  it('scoped to a device or an MVPD: other devices and MVPDs keep the MVPD’s own answer', async () => {
    const f = makeFixture();
    f.signIn('premium');
    f.signIn('premium', 'AcmeCable', 'phone-2');
    f.signIn('premium', 'MetroFiber');
    await addScenario(f.app, {
      type: 'deny-resource',
      resource: NEWS,
      deviceId: DEVICE_ID,
      mvpd: 'AcmeCable',
    });
    expect((await decide(f, 'authorize', [NEWS]))[0]?.authorized).toBe(false);
    expect((await decide(f, 'authorize', [NEWS], { deviceId: 'phone-2' }))[0]?.authorized).toBe(true);
    expect((await decide(f, 'authorize', [NEWS], { mvpd: 'MetroFiber' }))[0]?.authorized).toBe(true);
  });

  it('does not touch TempPass decisions', async () => {
    const f = makeFixture();
    await addScenario(f.app, { type: 'deny-resource', resource: NEWS });
    const items = await decide(f, 'authorize', [NEWS], { mvpd: 'TempPass' });
    expect(items[0]).toMatchObject({ source: 'temppass', authorized: true });
  });
});

describe('deny-channel', () => {
  it('denies every title of the channel and the channel id; other channels unaffected', async () => {
    const f = makeFixture();
    f.signIn('premium', 'MetroFiber');
    await addScenario(f.app, { type: 'deny-channel', channel: 'summit-sports', mvpd: 'MetroFiber' });
    const items = await decide(f, 'preauthorize', [...SPORTS, NEWS], { mvpd: 'MetroFiber' });
    expect(verdicts(items)).toEqual([...SPORTS.map((id) => [id, false]), [NEWS, true]]);
    expect(items[0]?.error?.details).toBe(
      'Metro Fiber does not allow this channel to be watched on this account.',
    );
    expect((await decide(f, 'authorize', ['summit-sports'], { mvpd: 'MetroFiber' }))[0]?.authorized).toBe(
      false,
    );
    // Scoped to MetroFiber: the same account on AcmeCable still watches sports.
    f.signIn('premium');
    expect((await decide(f, 'authorize', [SPORTS[0]!]))[0]?.authorized).toBe(true);
  });

  it('an account the MVPD already denies keeps being denied, with the scenario’s reason', async () => {
    const f = makeFixture();
    f.signIn('basic');
    await addScenario(f.app, { type: 'deny-channel', channel: 'summit-sports', details: 'Not tonight.' });
    const [item] = await decide(f, 'authorize', [SPORTS[1]!]);
    expect(item?.error?.details).toBe('Not tonight.');
  });
});
