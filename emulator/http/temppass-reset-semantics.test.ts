// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeEmulator, registerAndToken, SP } from '../test-support.ts';
import {
  authorizeOne,
  BASIC,
  getProfile,
  MINUTE,
  PROMO,
  resetCall,
  resetDevice,
  resetIdentity,
  sha256,
  type Caller,
} from './temppass-test-helpers.ts';

/**
 * What a reset clears (spec reset-temppass.md §5, seed pages): a device reset the device's links, a
 * generic reset the promotional trials its identity key reaches (with every link to them). After a
 * generic reset the identity starts a brand-new trial, on the same device too; after a device reset
 * only, the identity still leads to its spent trial. Resets also drop the derived temporary
 * profiles; other TempPass MVPDs are untouched.
 */
const T0 = Date.UTC(2031, 5, 1, 8);
const LIMIT = 'temporary_access_resources_limit_exceeded';
const EXPIRED = 'temporary_access_duration_limit_exceeded';

async function setup() {
  const { app, context } = makeEmulator({ realNow: () => T0 });
  const token = await registerAndToken(app);
  const caller = (deviceId: string, email?: string): Caller => ({ app, token, deviceId, email });
  const rows = (table: string) =>
    (context.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { app, context, token, caller, rows };
}

/** H1 on D1 uses the whole promotional allowance (t1, t2, t3). */
async function spendPromo(caller: (d: string, e?: string) => Caller) {
  for (const title of ['t1', 't2', 't3']) await authorizeOne(caller('D1', 'h1@example.com'), PROMO, title);
  expect((await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't4')).error?.code).toBe(LIMIT);
}

const H1 = sha256('h1@example.com');

describe('promotional: which reset gives whom a new trial', () => {
  it('device reset only: the identity still leads to the spent trial', async () => {
    const { app, token, caller } = await setup();
    await spendPromo(caller);
    await resetDevice(app, token, PROMO, 'D1');
    expect((await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't4')).error?.code).toBe(LIMIT);
  });

  it('device reset only: a new identity on that device starts a new trial', async () => {
    const { app, token, caller } = await setup();
    await spendPromo(caller);
    await resetDevice(app, token, PROMO, 'D1');
    expect((await authorizeOne(caller('D1', 'h2@example.com'), PROMO, 't4')).authorized).toBe(true);
  });

  it('generic reset only: the same device and identity start a brand-new trial (spec §5)', async () => {
    const { app, token, caller, context, rows } = await setup();
    await spendPromo(caller);
    context.clock.advance(MINUTE);
    await resetIdentity(app, token, PROMO, H1);
    expect(rows('temppass_trials')).toBe(0);
    expect(rows('temppass_device_links')).toBe(0);
    const permit = await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't4');
    expect(permit).toMatchObject({ authorized: true, notBefore: T0 + MINUTE });
  });

  it('generic reset of one key leaves other identities’ trials, and their devices, alone', async () => {
    const { app, token, caller, rows } = await setup();
    await spendPromo(caller);
    for (const title of ['t1', 't2', 't3']) await authorizeOne(caller('D2', 'h2@example.com'), PROMO, title);
    await resetIdentity(app, token, PROMO, H1);
    expect(rows('temppass_trials')).toBe(1);
    expect((await authorizeOne(caller('D2', 'h2@example.com'), PROMO, 't4')).error?.code).toBe(LIMIT);
    expect((await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't4')).authorized).toBe(true);
  });

  it('device + generic reset: the same device and identity start a brand-new trial', async () => {
    const { app, token, caller, context, rows } = await setup();
    await spendPromo(caller);
    context.clock.advance(MINUTE);
    await resetDevice(app, token, PROMO, 'D1');
    await resetIdentity(app, token, PROMO, H1);
    expect(rows('temppass_trials')).toBe(0);
    const permit = await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't1');
    expect(permit).toMatchObject({
      authorized: true,
      notBefore: T0 + MINUTE,
      notAfter: T0 + MINUTE + 24 * 60 * MINUTE,
    });
    const profile = (await getProfile(caller('D1', 'h1@example.com'), PROMO)).body as {
      profiles: Record<string, { attributes: Record<string, { value: unknown }> }>;
    };
    expect(profile.profiles[PROMO]?.attributes.used_assets?.value).toEqual(['t1']);
    expect(profile.profiles[PROMO]?.attributes.remaining_resources?.value).toBe(2);
  });

  it('key=all (or no key) and device_id=all (or none) clear every identity / device of the MVPD', async () => {
    const { app, token, caller, rows } = await setup();
    await authorizeOne(caller('D1', 'a@example.com'), PROMO, 't1');
    await authorizeOne(caller('D2', 'b@example.com'), PROMO, 't1');
    await resetIdentity(app, token, PROMO, 'all');
    expect(rows('temppass_identity_links')).toBe(0);
    expect(rows('temppass_device_links')).toBe(0);
    expect(rows('temppass_trials')).toBe(0);
    await authorizeOne(caller('D1', 'a@example.com'), PROMO, 't1');
    await authorizeOne(caller('D2', 'b@example.com'), PROMO, 't1');
    await resetDevice(app, token, PROMO);
    expect(rows('temppass_device_links')).toBe(0);
    // Device links gone, identity links kept: the trials survive a device reset.
    expect(rows('temppass_trials')).toBe(2);
    await resetIdentity(app, token, PROMO);
    expect(rows('temppass_trials')).toBe(0);
    await authorizeOne(caller('D1', 'a@example.com'), PROMO, 't1');
    await resetDevice(app, token, PROMO, 'all');
    await resetIdentity(app, token, PROMO);
    expect(rows('temppass_trials')).toBe(0);
  });
});

describe('basic: device resets', () => {
  it('one device, its Base64 form, then all devices; the same device starts a new 10 minutes', async () => {
    const { app, token, caller, context } = await setup();
    for (const device of ['tv-1', 'tv-2', 'tv-3']) await authorizeOne(caller(device), BASIC, 'x');
    context.clock.advance(10 * MINUTE);
    const code = async (device: string) => (await authorizeOne(caller(device), BASIC, 'x')).error?.code;
    expect(await code('tv-1')).toBe(EXPIRED);

    await resetDevice(app, token, BASIC, 'tv-1');
    const fresh = await authorizeOne(caller('tv-1'), BASIC, 'x');
    expect(fresh).toMatchObject({ authorized: true, notAfter: T0 + 20 * MINUTE });
    expect(await code('tv-2')).toBe(EXPIRED);

    await resetDevice(app, token, BASIC, Buffer.from('tv-2').toString('base64'));
    expect((await authorizeOne(caller('tv-2'), BASIC, 'x')).authorized).toBe(true);
    expect(await code('tv-3')).toBe(EXPIRED);

    await resetDevice(app, token, BASIC, 'all');
    expect((await authorizeOne(caller('tv-3'), BASIC, 'x')).authorized).toBe(true);
  });

  it('a reset of one TempPass MVPD leaves the other alone; the v2 and v2.1 paths do the same', async () => {
    const { app, token, caller, context } = await setup();
    await authorizeOne(caller('tv-1'), BASIC, 'x');
    await spendPromo(caller);
    context.clock.advance(10 * MINUTE);
    await resetDevice(app, token, PROMO, 'all');
    expect((await authorizeOne(caller('tv-1'), BASIC, 'x')).error?.code).toBe(EXPIRED);

    const v2 = await resetCall(
      app,
      'v2/reset',
      { device_id: 'tv-1', requestor_id: SP, mvpd_id: BASIC },
      {
        ApiKey: '1232293681726481',
      },
    );
    expect(v2.status).toBe(204);
    expect((await authorizeOne(caller('tv-1'), BASIC, 'x')).authorized).toBe(true);

    const bearer = { Authorization: `Bearer ${token}` };
    const v21 = await resetCall(
      app,
      'v2.1/reset/generic',
      { key: H1, requestor_id: SP, mvpd_id: PROMO },
      bearer,
    );
    expect(v21.status).toBe(204);
    // D1 was unlinked by the device reset above and H1 now too: the pair starts over.
    expect((await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't9')).authorized).toBe(true);
  });
});

describe('derived temporary profiles', () => {
  it('a reset drops the temporary profiles of the trials and devices it unlinks, and no other', async () => {
    const { app, token, caller, rows } = await setup();
    await authorizeOne(caller('D1', 'h1@example.com'), PROMO, 't1');
    await authorizeOne(caller('D2', 'h2@example.com'), PROMO, 't1');
    await authorizeOne(caller('D3', 'h3@example.com'), PROMO, 't1');
    expect(rows('profiles')).toBe(3);
    await resetIdentity(app, token, PROMO, H1);
    expect(rows('profiles')).toBe(2);
    await resetDevice(app, token, PROMO, 'D2');
    expect(rows('profiles')).toBe(1);
    await resetDevice(app, token, PROMO, 'all');
    expect(rows('profiles')).toBe(0);
  });
});
