// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { EmulatorContext } from '../context.ts';
import { createSeed, findMvpd, type SeedMvpd } from './seed.ts';
import type { TempPassConfig } from './seed-temppass.ts';
import {
  authorizeTempPass,
  preauthorizeTempPass,
  requireTempPassConfig,
  tempPassProfile,
  tempPassSubject,
  type AuthorizeOutcome,
} from './temppass.ts';
import { PassError } from './errors.ts';
import { makeEmulator } from '../test-support.ts';

/**
 * TempPass rules at the domain level (spec temppass.md): trial identity (H × D table), the clock
 * starting at the first authorization, distinct-title counting, trials keyed per service provider,
 * and the synthesised profile that does not start the clock.
 */
const T0 = Date.UTC(2031, 0, 1, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const APP = 'passref-web-app';

function setup(change?: (seed: ReturnType<typeof createSeed>) => void) {
  const seed = createSeed();
  change?.(seed);
  return makeEmulator({ seed, realNow: () => T0 });
}

function mvpdOf(context: EmulatorContext, id: string): SeedMvpd {
  const mvpd = findMvpd(context.seed, id);
  if (!mvpd) throw new Error(id);
  return mvpd;
}

const header = (h: string) => Buffer.from(JSON.stringify({ email: h })).toString('base64');

function authorize(
  context: EmulatorContext,
  input: { mvpd: string; deviceId: string; h?: string; sp?: string; resources?: string[] },
): AuthorizeOutcome {
  const serviceProvider = input.sp ?? 'REF30';
  const subject = tempPassSubject(mvpdOf(context, input.mvpd), {
    serviceProvider,
    deviceId: input.deviceId,
    identityHeader: input.h === undefined ? undefined : header(input.h),
  });
  return authorizeTempPass(
    context,
    { appId: APP, deviceId: input.deviceId, serviceProvider },
    subject,
    input.resources ?? ['harbor-morning-brief'],
  );
}

const trialCount = (context: EmulatorContext) =>
  (context.db.prepare('SELECT COUNT(*) AS n FROM temppass_trials').get() as { n: number }).n;

describe('promotional trial identity (H = identity hash, D = device)', () => {
  it('new H + new D → new trial; existing H + new D → H’s trial; new H + existing D → D’s trial; existing + existing → existing', () => {
    const { context } = setup();
    const a = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).trial;
    const b = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H2' }).trial;
    expect(b.id).not.toBe(a.id);
    expect(trialCount(context)).toBe(2);

    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D3', h: 'H1' }).trial.id).toBe(a.id);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H3' }).trial.id).toBe(b.id);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).trial.id).toBe(a.id);
    expect(trialCount(context)).toBe(2);

    // The keys found through the other one are now linked too: D3 alone leads to A, H3 alone to B.
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D3', h: 'H9' }).trial.id).toBe(a.id);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D9', h: 'H3' }).trial.id).toBe(b.id);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D4', h: 'H4' }).trial.id).not.toMatch(
      new RegExp(`^(${a.id}|${b.id})$`),
    );
    expect(trialCount(context)).toBe(3);
  });

  it('when H and D point at two different trials, H’s trial wins (inferred)', () => {
    const { context } = setup();
    const a = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).trial;
    authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H2' });
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H1' }).trial.id).toBe(a.id);
  });

  it('userID is temppass_ + 40 hex, fixed for the trial', () => {
    const { context } = setup();
    const first = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).trial;
    expect(first.userId).toMatch(/^temppass_[0-9a-f]{40}$/);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H1' }).trial.userId).toBe(
      first.userId,
    );
  });
});

describe('basic trial identity', () => {
  it('new D → new trial; existing D → existing trial; any identity header is ignored', () => {
    const { context } = setup();
    const a = authorize(context, { mvpd: 'TempPass', deviceId: 'D1' }).trial;
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D1', h: 'H1' }).trial.id).toBe(a.id);
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D2', h: 'H1' }).trial.id).not.toBe(a.id);
    expect(trialCount(context)).toBe(2);
  });
});

describe('the clock starts at the first authorization', () => {
  it('basic: 10 minutes from the first authorization, then duration limit', () => {
    const { context } = setup();
    context.clock.advance(5 * MINUTE);
    const first = authorize(context, { mvpd: 'TempPass', deviceId: 'D1' });
    expect(first.trial.firstAuthorizedAt).toBe(T0 + 5 * MINUTE);
    expect(first.trial.expiresAt).toBe(T0 + 15 * MINUTE);
    context.clock.advance(10 * MINUTE - 1);
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D1' }).blocked).toBeUndefined();
    context.clock.advance(1);
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D1' }).blocked).toBe(
      'temporary_access_duration_limit_exceeded',
    );
    // Another device still starts its own 10 minutes.
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D2' }).blocked).toBeUndefined();
  });

  it('promotional: 24 hours, for the device and for the identity', () => {
    const { context } = setup();
    authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' });
    context.clock.advance(24 * HOUR - 1);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).blocked).toBeUndefined();
    context.clock.advance(1);
    const duration = 'temporary_access_duration_limit_exceeded';
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' }).blocked).toBe(duration);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D2', h: 'H1' }).blocked).toBe(duration);
    expect(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H2' }).blocked).toBe(duration);
  });
});

describe('promotional allowance: distinct titles', () => {
  const admitted = (outcome: AuthorizeOutcome) => (outcome.blocked ? [] : outcome.admitted);

  it('the same title again uses no slot; the 4th distinct title is denied; used titles stay playable', () => {
    const { context } = setup();
    const play = (resource: string) =>
      admitted(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1', resources: [resource] }));
    expect(play('a')).toEqual([true]);
    expect(play('b')).toEqual([true]);
    expect(play('a')).toEqual([true]);
    expect(play('c')).toEqual([true]);
    expect(play('d')).toEqual([false]);
    expect(play('b')).toEqual([true]);
    const last = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1', resources: ['a'] });
    expect(last.trial.usedAssets).toEqual(['a', 'b', 'c']);
  });

  it('MRSS resources count by their channel title', () => {
    const { context } = setup();
    const mrss = (title: string, rating: string) =>
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>${title}</title><media:rating scheme="urn:mpaa">${rating}</media:rating></channel></rss>`;
    authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1', resources: [mrss('x', 'pg')] });
    const again = authorize(context, {
      mvpd: 'TempPassPromo',
      deviceId: 'D1',
      h: 'H1',
      resources: [mrss('x', 'r')],
    });
    expect(again.trial.usedAssets).toEqual(['x']);
  });

  it('countDistinct: false makes every authorization use a slot', () => {
    const { context } = setup((seed) => {
      const promo = seed.mvpds.find((m) => m.id === 'TempPassPromo');
      if (promo?.tempPass) promo.tempPass.countDistinct = false;
    });
    const play = (resource: string) =>
      admitted(authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1', resources: [resource] }));
    expect([play('a'), play('a'), play('a'), play('a'), play('b')]).toEqual([
      [true],
      [true],
      [true],
      [false],
      [false],
    ]);
  });
});

describe('no SSO: trials are keyed per service provider', () => {
  it('the same device and identity on another SP get a separate trial', () => {
    const { context } = setup();
    for (const resource of ['a', 'b', 'c']) {
      authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1', resources: [resource] });
    }
    const other = authorize(context, {
      mvpd: 'TempPassPromo',
      deviceId: 'D1',
      h: 'H1',
      sp: 'OTHER-SP',
      resources: ['d'],
    });
    expect(other.blocked).toBeUndefined();
    expect(other.blocked === undefined && other.admitted).toEqual([true]);
    expect(other.trial.serviceProvider).toBe('OTHER-SP');
    expect(trialCount(context)).toBe(2);

    context.clock.advance(10 * MINUTE);
    authorize(context, { mvpd: 'TempPass', deviceId: 'D1' });
    context.clock.advance(10 * MINUTE);
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D1' }).blocked).toBeDefined();
    expect(authorize(context, { mvpd: 'TempPass', deviceId: 'D1', sp: 'OTHER-SP' }).blocked).toBeUndefined();
  });
});

describe('reading never starts the clock', () => {
  it('a synthesised profile before the first authorization; preauthorize creates nothing', () => {
    const { context } = setup();
    const owner = { appId: APP, deviceId: 'D1', serviceProvider: 'REF30' };
    const promo = mvpdOf(context, 'TempPassPromo');
    const before = tempPassProfile(context, owner, promo, header('H1'));
    expect(before).toMatchObject({
      type: 'temporary',
      issuer: 'Adobe',
      notBefore: T0,
      notAfter: T0 + 24 * HOUR,
    });
    expect(before.attributes).toMatchObject({
      remaining_resources: { value: 3, state: 'plain' },
      used_assets: { value: [], state: 'plain' },
      expiration_date: { value: T0 + 24 * HOUR, state: 'plain' },
    });
    const subject = tempPassSubject(promo, { ...owner, identityHeader: header('H1') });
    expect(preauthorizeTempPass(context, subject)).toBeUndefined();
    expect(trialCount(context)).toBe(0);

    context.clock.advance(30 * HOUR);
    expect(tempPassProfile(context, owner, promo, header('H1')).notAfter).toBe(T0 + 54 * HOUR);
    const first = authorize(context, { mvpd: 'TempPassPromo', deviceId: 'D1', h: 'H1' });
    expect(first.trial.expiresAt).toBe(T0 + 54 * HOUR);
  });
});

describe('configuration', () => {
  it('a TempPass MVPD without usable limits is invalid_configuration_temporary_access (500)', () => {
    const { context } = setup();
    const broken = (tempPass: TempPassConfig | undefined) => ({ ...mvpdOf(context, 'TempPass'), tempPass });
    for (const config of [
      undefined,
      { kind: 'basic' as const, ttlMs: 0, countDistinct: true },
      { kind: 'promotional' as const, ttlMs: 1000, maxResources: 3, countDistinct: true },
      { kind: 'promotional' as const, ttlMs: 1000, identityKey: 'email', countDistinct: true },
    ]) {
      const error = (() => {
        try {
          requireTempPassConfig(broken(config));
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(PassError);
      expect(error).toMatchObject({ code: 'invalid_configuration_temporary_access', status: 500 });
    }
  });
});
