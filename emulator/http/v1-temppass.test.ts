// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { apiHeaders, SP, type EmulatorApp } from '../test-support.ts';
import { leaves, parseXml } from './v1-test-xml.ts';
import { deviceParams, v1Call, v1Emulator, v1SignIn } from './v1-test-support.ts';

/** TempPass over the legacy API: freepreview, then authorize — the same trials and rules as v2. */
async function freepreview(
  app: EmulatorApp,
  token: string,
  deviceId: string,
  mvpd: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return await v1Call(
    app,
    '/api/v1/authenticate/freepreview',
    { requestor_id: SP, deviceId, mso_id: mvpd, domain_name: 'localhost', ...extra },
    { token, method: 'POST', format: 'json' },
  );
}

const b64 = (value: string) => Buffer.from(value).toString('base64');
/** Real time stands still, so TempPass expiries are exact (the emulator clock still moves on `advance`). */
const frozen = () => v1Emulator({ realNow: () => 1_767_225_600_000 });

describe('basic TempPass over v1', () => {
  it('freepreview 204 → authN without a login; authorize any title until the TTL (from the first authorization) is over', async () => {
    const { app, token, context } = await frozen();
    const response = await freepreview(app, token, 'tv', 'TempPass');
    expect(response.status).toBe(204);
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('tv'), { token })).status).toBe(200);
    const authn = (await (
      await v1Call(app, '/api/v1/tokens/authn', deviceParams('tv'), { token, format: 'json' })
    ).json()) as Record<string, string>;
    expect(authn).toMatchObject({ mvpd: 'TempPass', requestor: SP });
    expect(authn['userId']).toMatch(/^temppass_[0-9a-f]{40}$/);

    context.clock.advance(60_000); // freepreview does not start the clock
    const first = context.clock.now();
    const authorized = (await (
      await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: 'any-title' }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(authorized).toMatchObject({ mvpd: 'TempPass', resource: 'any-title' });
    expect(Number(authorized['expires'])).toBe(first + 10 * 60_000);
    const play = (await (
      await v1Call(app, '/api/v1/tokens/media', deviceParams('tv', { resource: 'any-title' }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(play['mvpdId']).toBe('TempPass');

    // v2 sees the very same trial on the same device id.
    const v2 = await app.request(`/api/v2/${SP}/profiles/TempPass`, { headers: apiHeaders(token, 'tv') });
    const profile = ((await v2.json()) as { profiles: Record<string, { notAfter: number }> }).profiles[
      'TempPass'
    ];
    expect(profile?.notAfter).toBe(first + 10 * 60_000);

    context.clock.advance(10 * 60_000);
    const over = await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: 'any-title' }), {
      token,
    });
    expect(over.status).toBe(403);
    expect(leaves(parseXml(await over.text()))).toEqual({
      status: '403',
      message: 'The temporary access duration limit has been exceeded.',
    });
    expect((await v1Call(app, '/api/v1/checkauthn', deviceParams('tv'), { token })).status).toBe(403);
    // The trial outlives a v1 logout: a new freepreview is refused while it is over.
    expect(
      (await v1Call(app, '/api/v1/logout', deviceParams('tv'), { token, method: 'DELETE' })).status,
    ).toBe(204);
    // Adobe lists 204 and 400 only for freepreview: the trial's end is a 400, with its message.
    const refused = await freepreview(app, token, 'tv', 'TempPass');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      status: 400,
      message: 'The temporary access duration limit has been exceeded.',
    });
  });

  it('the newest authN wins: a TempPass device that signs in with an MVPD authorizes against the MVPD', async () => {
    const { app, token, context } = await frozen();
    await freepreview(app, token, 'tv', 'TempPass');
    context.clock.advance(1000);
    await v1SignIn(app, token, 'tv');
    const authorized = (await (
      await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: 'harbor-city-desk' }), {
        token,
        format: 'json',
      })
    ).json()) as Record<string, string>;
    expect(authorized['mvpd']).toBe('AcmeCable');
  });

  it('400 for a non-TempPass or unknown mso_id, a missing or unregistered domain_name', async () => {
    const { app, token } = await frozen();
    expect((await freepreview(app, token, 'tv', 'AcmeCable')).status).toBe(400);
    expect((await freepreview(app, token, 'tv', 'Nope')).status).toBe(400);
    expect((await freepreview(app, token, 'tv', 'TempPass', { domain_name: 'evil.example' })).status).toBe(
      400,
    );
    const noDomain = await v1Call(
      app,
      '/api/v1/authenticate/freepreview',
      { requestor_id: SP, deviceId: 'tv', mso_id: 'TempPass' },
      { token, method: 'POST', format: 'json' },
    );
    expect(noDomain.status).toBe(400);
    expect(await noDomain.json()).toEqual({ status: 400, message: "Required 'domain_name' is not present" });
  });
});

describe('promotional TempPass over v1 (generic_data)', () => {
  it('accepts the seed\'s ("email":"…") form and plain JSON; the allowance is shared with v2 by identity hash', async () => {
    const { app, token } = await frozen();
    const missing = await freepreview(app, token, 'tv', 'TempPassPromo');
    expect(missing.status).toBe(400);
    expect((await freepreview(app, token, 'tv', 'TempPassPromo', { generic_data: 'not json' })).status).toBe(
      400,
    );
    expect(
      (await freepreview(app, token, 'tv', 'TempPassPromo', { generic_data: '("email":"hash-1")' })).status,
    ).toBe(204);

    for (const resource of ['title-a', 'title-b']) {
      const ok = await v1Call(
        app,
        '/api/v1/authorize',
        deviceParams('tv', { resource, generic_data: '("email":"hash-1")' }),
        { token },
      );
      expect(ok.status).toBe(200);
    }
    const metadata = (await (
      await v1Call(app, '/api/v1/tokens/usermetadata', deviceParams('tv'), { token, format: 'json' })
    ).json()) as {
      data: Record<string, unknown>;
    };
    expect(metadata.data).toMatchObject({ remaining_resources: 1, used_assets: ['title-a', 'title-b'] });
    // Without generic_data the identity stored at freepreview is used.
    expect(
      (await v1Call(app, '/api/v1/authorize', deviceParams('tv', { resource: 'title-c' }), { token })).status,
    ).toBe(200);
    // Allowance used up: like the v2 profile (403), the TempPass authN is no longer valid.
    expect((await v1Call(app, '/api/v1/tokens/usermetadata', deviceParams('tv'), { token })).status).toBe(
      412,
    );
    const fourth = await v1Call(
      app,
      '/api/v1/authorize',
      deviceParams('tv', { resource: 'title-d', generic_data: '{"email":"hash-1"}' }),
      { token, format: 'json' },
    );
    expect(fourth.status).toBe(403);
    expect(await fourth.json()).toEqual({
      status: 403,
      message: 'The temporary access resources limit has been exceeded.',
    });

    // Another device with the same identity hash over v2: the same (used-up) trial.
    const v2 = await app.request(`/api/v2/${SP}/decisions/authorize/TempPassPromo`, {
      method: 'POST',
      headers: apiHeaders(token, 'phone', {
        'Content-Type': 'application/json',
        'AP-TempPass-Identity': b64('{"email":"hash-1"}'),
      }),
      body: JSON.stringify({ resources: ['title-e'] }),
    });
    const decision = ((await v2.json()) as { decisions: { authorized: boolean; error?: { code: string } }[] })
      .decisions[0];
    expect(decision).toMatchObject({
      authorized: false,
      error: { code: 'temporary_access_resources_limit_exceeded' },
    });
  });

  it('preauthorize: every resource authorized while the pass is valid', async () => {
    const { app, token } = await frozen();
    await freepreview(app, token, 'tv', 'TempPassPromo', { generic_data: '{"email":"hash-2"}' });
    const body = (await (
      await v1Call(app, '/api/v1/preauthorize', deviceParams('tv', { resource: 'x,y' }), {
        token,
        format: 'json',
      })
    ).json()) as {
      resources: { authorized: boolean }[];
    };
    expect(body.resources.map((item) => item.authorized)).toEqual([true, true]);
  });
});
