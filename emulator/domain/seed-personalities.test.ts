// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSeed, findAccount, loginDisplayOf } from './seed.ts';
import { describeSeed } from './seed-view.ts';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');

describe('seeded MVPD personalities', () => {
  const seed = createSeed();
  const regular = seed.mvpds.filter((mvpd) => !mvpd.flags?.isTempPass);

  it('has one MVPD per personality', () => {
    expect(Object.fromEntries(regular.map((mvpd) => [mvpd.personality, mvpd.id]))).toEqual({
      redirect: 'AcmeCable',
      'two-hop': 'MetroFiber',
      iframe: 'PixelBox',
      popup: 'BeaconTV',
      'saml-chain': 'NorthStar',
      slow: 'CanyonCable',
      flaky: 'BluebirdFiber',
      degraded: 'RiverValley',
    });
    expect(new Set(regular.map((mvpd) => mvpd.displayName)).size).toBe(regular.length);
  });

  it.each(createSeed().mvpds.filter((mvpd) => !mvpd.flags?.isTempPass))(
    '$id: a one-line description, a hand-made SVG logo and the three usual accounts',
    (mvpd) => {
      expect(mvpd.demonstrates).toMatch(/^\S.{20,200}$/);
      expect(mvpd.logoUrl).toMatch(/^\/media\/logos\/[a-z]+\.svg$/);
      const file = join(PUBLIC, mvpd.logoUrl);
      expect(existsSync(file)).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
      expect(svg).toContain(`aria-label="${mvpd.displayName}"`);
      expect(svg).not.toMatch(/<script|on\w+=|href=/i);
      for (const plan of ['premium', 'basic', 'lapsed'] as const) {
        expect(findAccount(seed, mvpd.id, plan)).toMatchObject({ plan, password: 'password' });
      }
    },
  );

  it('tunes the slow, flaky and degraded personalities through the seed knobs', () => {
    const byId = new Map(seed.mvpds.map((mvpd) => [mvpd.id, mvpd]));
    expect(byId.get('CanyonCable')?.loginDelayMs).toBe(3_000);
    expect(byId.get('BluebirdFiber')?.loginFailureRate).toBe(0.5);
    expect(byId.get('RiverValley')?.degradation).toBe('AuthNAll');
    const tuned = regular.filter((m) => m.loginDelayMs ?? m.loginFailureRate ?? m.degradation);
    expect(tuned.map((mvpd) => mvpd.id).sort()).toEqual(['BluebirdFiber', 'CanyonCable', 'RiverValley']);
  });

  it('maps only iframe and popup to a login display other than a redirect', () => {
    expect(regular.map((mvpd) => loginDisplayOf(mvpd.personality))).toEqual([
      'redirect',
      'redirect',
      'iframe',
      'popup',
      'redirect',
      'redirect',
      'redirect',
      'redirect',
    ]);
    expect(loginDisplayOf('none')).toBe('redirect');
  });

  it('describes personalities, knobs and the two-providers persona in GET /__emulator/seed', () => {
    const view = describeSeed(seed);
    expect(view.mvpds.find((mvpd) => mvpd.id === 'PixelBox')).toMatchObject({
      personality: 'iframe',
      loginDisplay: 'iframe',
    });
    expect(view.mvpds.find((mvpd) => mvpd.id === 'CanyonCable')).toMatchObject({ loginDelayMs: 3_000 });
    expect(view.mvpds.find((mvpd) => mvpd.id === 'BluebirdFiber')).toMatchObject({ loginFailureRate: 0.5 });
    expect(view.mvpds.find((mvpd) => mvpd.id === 'RiverValley')).toMatchObject({ degradation: 'AuthNAll' });
    expect(view.mvpds.find((mvpd) => mvpd.id === 'AcmeCable')).not.toHaveProperty('loginDelayMs');
    expect(view.personas).toEqual([
      {
        id: 'two-providers',
        personality: 'two-providers',
        demonstrates: expect.stringMatching(/two MVPDs/),
        signIns: [
          { mvpd: 'AcmeCable', username: 'premium', password: 'password' },
          { mvpd: 'MetroFiber', username: 'basic', password: 'password' },
        ],
      },
    ]);
  });
});
