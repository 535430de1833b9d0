// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HELP_URL } from '../domain/errors.ts';
import { verifyMediaToken } from '../domain/media-token.ts';
import { makeFixture, SP, type DecisionItem } from './decision-fixtures.ts';

const NEWS = 'harbor-morning-brief';
const KIDS = 'pebble-robot-garden';
const SPORTS = 'summit-derby-day';
const MOVIE = 'lantern-night-train';

async function decisions(response: Response): Promise<DecisionItem[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
  const body = (await response.json()) as { decisions: DecisionItem[] };
  expect(Object.keys(body)).toEqual(['decisions']);
  return body.decisions;
}

describe('preauthorize', () => {
  it('premium: every catalog resource authorized, no token, no decision times, request order kept', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const resources = [SPORTS, NEWS, MOVIE, KIDS, 'lantern-glass-city'];
    const items = await decisions(await f.decide('preauthorize', 'AcmeCable', { resources }));
    expect(items.map((d) => d.resource)).toEqual(resources);
    for (const item of items) {
      expect(item).toEqual({
        resource: item.resource,
        serviceProvider: SP,
        mvpd: 'AcmeCable',
        source: 'mvpd',
        authorized: true,
      });
    }
  });

  it('basic: news and kids permitted, sports and movies denied with the MVPD details', async () => {
    const f = makeFixture();
    f.signIn('basic');
    const items = await decisions(
      await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS, SPORTS, KIDS, MOVIE] }),
    );
    expect(items.map((d) => [d.resource, d.authorized])).toEqual([
      [NEWS, true],
      [SPORTS, false],
      [KIDS, true],
      [MOVIE, false],
    ]);
    const deny = items[1]!;
    expect(deny.token).toBeUndefined();
    expect(deny.notBefore).toBeUndefined();
    expect(deny.notAfter).toBeUndefined();
    expect(deny.error).toEqual({
      status: 403,
      code: 'preauthorization_denied_by_mvpd',
      message: expect.any(String),
      details: 'Your Acme Cable Basic package does not include this channel. Upgrade to Premium to watch it.',
      helpUrl: HELP_URL,
      trace: expect.any(String),
      action: 'none',
    });
    expect(items[0]).not.toHaveProperty('error');
  });

  it('lapsed: everything denied with the subscription text; unknown resources denied as not carried', async () => {
    const f = makeFixture();
    f.signIn('lapsed', 'MetroFiber');
    const items = await decisions(
      await f.decide('preauthorize', 'MetroFiber', { resources: [NEWS, 'nope'] }),
    );
    for (const item of items) {
      expect(item.authorized).toBe(false);
      expect(item.mvpd).toBe('MetroFiber');
      expect(item.error?.details).toBe(
        'Your Metro Fiber subscription is not active. Contact Metro Fiber to renew it.',
      );
    }
    const g = makeFixture();
    g.signIn('premium');
    const [unknown] = await decisions(
      await g.decide('preauthorize', 'AcmeCable', { resources: ['not-in-catalog'] }),
    );
    expect(unknown).toMatchObject({
      authorized: false,
      error: { code: 'preauthorization_denied_by_mvpd', status: 403 },
    });
    expect(unknown?.error?.details).toBe('Acme Cable does not carry this title or channel.');
  });

  it('echoes resources byte for byte (MRSS, unicode, duplicates) and understands channel ids and MRSS titles', async () => {
    const f = makeFixture();
    f.signIn('basic');
    const mrss =
      '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>harbor-news</title><media:rating scheme="urn:mpaa">pg</media:rating></channel></rss>';
    const resources = [
      mrss,
      'summit-sports',
      '  harbor-city-desk ',
      'ünïcödé ☃ "quoted" & <tag>',
      NEWS,
      NEWS,
    ];
    const response = await f.decide('preauthorize', 'AcmeCable', { resources: resources.slice(0, 5) });
    const items = await decisions(response);
    expect(items.map((d) => d.resource)).toEqual(resources.slice(0, 5));
    expect(items.map((d) => d.authorized)).toEqual([true, false, false, false, true]);
    const again = await decisions(await f.decide('preauthorize', 'AcmeCable', { resources: [NEWS, NEWS] }));
    expect(again.map((d) => d.resource)).toEqual([NEWS, NEWS]);
  });
});

describe('authorize', () => {
  it('premium permit: media token + decision window, all times are JSON numbers', async () => {
    const f = makeFixture();
    f.signIn('premium');
    const before = f.context.clock.now();
    const response = await f.decide('authorize', 'AcmeCable', { resources: [SPORTS] });
    const text = await response.clone().text();
    const [item] = await decisions(response);
    const after = f.context.clock.now();
    expect(item).toEqual({
      resource: SPORTS,
      serviceProvider: SP,
      mvpd: 'AcmeCable',
      source: 'mvpd',
      authorized: true,
      token: {
        notBefore: expect.any(Number),
        notAfter: expect.any(Number),
        serializedToken: expect.any(String),
      },
      notBefore: expect.any(Number),
      notAfter: expect.any(Number),
    });
    expect(text).toMatch(/"notBefore":\d+/);
    const { token, notBefore, notAfter } = item!;
    expect(token!.notBefore).toBeGreaterThanOrEqual(before);
    expect(token!.notBefore).toBeLessThanOrEqual(after);
    expect(token!.notAfter - token!.notBefore).toBe(420_000);
    expect(notBefore).toBe(token!.notBefore);
    expect(notAfter! - notBefore!).toBe(24 * 3_600_000);
    expect(token!.serializedToken.startsWith('PHNpZ25hdHVyZUluZm8')).toBe(true);
    const decoded = Buffer.from(token!.serializedToken, 'base64').toString('utf8');
    expect(decoded).toContain(
      `<requestorID>${SP}</requestorID><resourceID>${SPORTS}</resourceID><ttl>420000</ttl>`,
    );
    expect(decoded).toContain('<mvpdId>AcmeCable</mvpdId>');
    expect(decoded).not.toContain('acmecable-premium-0001');
    const verdict = verifyMediaToken(
      f.context.keys,
      token!.serializedToken,
      SPORTS,
      f.context.clock.now(),
      SP,
    );
    expect(verdict.status).toBe('VALID_TOKEN');
  });

  it('a fresh token per call; the MetroFiber decision window is its own authZ TTL', async () => {
    const f = makeFixture();
    f.signIn('premium', 'MetroFiber');
    const first = await decisions(await f.decide('authorize', 'MetroFiber', { resources: [NEWS] }));
    f.context.clock.advance(5);
    const second = await decisions(await f.decide('authorize', 'MetroFiber', { resources: [NEWS] }));
    expect(first[0]!.token!.serializedToken).not.toBe(second[0]!.token!.serializedToken);
    expect(second[0]!.notAfter! - second[0]!.notBefore!).toBe(12 * 3_600_000);
  });

  it('basic deny: authorization_denied_by_mvpd with details and decision times, no token', async () => {
    const f = makeFixture();
    f.signIn('basic');
    const [item] = await decisions(await f.decide('authorize', 'AcmeCable', { resources: [MOVIE] }));
    expect(item).toEqual({
      resource: MOVIE,
      serviceProvider: SP,
      mvpd: 'AcmeCable',
      source: 'mvpd',
      authorized: false,
      error: {
        status: 403,
        code: 'authorization_denied_by_mvpd',
        message: expect.any(String),
        details:
          'Your Acme Cable Basic package does not include this channel. Upgrade to Premium to watch it.',
        helpUrl: HELP_URL,
        trace: expect.any(String),
        action: 'none',
      },
      notBefore: expect.any(Number),
      notAfter: expect.any(Number),
    });
    const [kids] = await decisions(await f.decide('authorize', 'AcmeCable', { resources: [KIDS] }));
    expect(kids?.authorized).toBe(true);
    expect(kids?.token).toBeDefined();
  });

  it('lapsed deny on authorize', async () => {
    const f = makeFixture();
    f.signIn('lapsed');
    const [item] = await decisions(await f.decide('authorize', 'AcmeCable', { resources: [NEWS] }));
    expect(item).toMatchObject({
      authorized: false,
      error: { code: 'authorization_denied_by_mvpd', status: 403 },
    });
    expect(item?.error?.details).toBe(
      'Your Acme Cable subscription is not active. Contact Acme Cable to renew it.',
    );
    expect(item?.token).toBeUndefined();
  });
});
