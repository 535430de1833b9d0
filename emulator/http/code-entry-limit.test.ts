// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CodeEntryLimiter, setCodeEntryLimiter } from '../domain/code-entry-limit.ts';
import {
  apiHeaders,
  formBody,
  makeEmulator,
  registerAndToken,
  SP,
  type EmulatorApp,
} from '../test-support.ts';

/** GET /api/v2/{sp}/sessions/{code} limited per DCR client (code-entry-limit.ts). */

const COMPLETE = {
  mvpd: 'AcmeCable',
  domainName: 'localhost',
  redirectUrl: 'http://localhost/activate/done',
};

async function setup() {
  const time = { now: 1_700_000_000_000 };
  const emulator = makeEmulator({ realNow: () => time.now });
  setCodeEntryLimiter(emulator.context, new CodeEntryLimiter({ realNow: () => time.now }));
  const token = await registerAndToken(emulator.app);
  const created = await emulator.app.request(`/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(token, 'tv-1', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: formBody(COMPLETE),
  });
  expect(created.status).toBe(200);
  const { code } = (await created.json()) as { code: string };
  return { ...emulator, time, token, code };
}

function lookUp(app: EmulatorApp, token: string, code: string, ip = '203.0.113.7') {
  return app.request(`/api/v2/${SP}/sessions/${code}`, {
    headers: apiHeaders(token, undefined, { 'X-Forwarded-For': ip }),
  });
}

async function failTimes(app: EmulatorApp, token: string, times: number, ip?: string) {
  for (let n = 0; n < times; n += 1) {
    const response = await lookUp(app, token, `WRONG${n}`, ip);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_authentication_session');
  }
}

async function expectThrottled(response: Response) {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('retry-after')).toBeNull();
  expect(await response.text()).toContain('<h1>429 Too Many Requests</h1>');
}

describe('code entry limit on GET /api/v2/{sp}/sessions/{code}', () => {
  it('10 failed lookups in 5 minutes, then 429 for that client, the right code included', async () => {
    const { app, token, code } = await setup();
    await failTimes(app, token, 10);
    await expectThrottled(await lookUp(app, token, code));
    await expectThrottled(await lookUp(app, token, 'WRONG99'));
  });

  it('successful lookups and malformed codes do not count', async () => {
    const { app, token, code } = await setup();
    await failTimes(app, token, 9);
    for (let n = 0; n < 5; n += 1) expect((await lookUp(app, token, code)).status).toBe(200);
    const malformed = await lookUp(app, token, 'bad-code!');
    expect(((await malformed.json()) as { code: string }).code).toBe('invalid_parameter_code');
    expect((await lookUp(app, token, code)).status).toBe(200);
    await failTimes(app, token, 1);
    await expectThrottled(await lookUp(app, token, code));
  });

  it('the limit is per DCR client: others on the same address are unaffected, the limited one stays limited elsewhere', async () => {
    const { app, token, code } = await setup();
    await failTimes(app, token, 10, '203.0.113.7');
    // Another app on the same address (a test suite on loopback, a household behind one router).
    const other = await registerAndToken(app);
    expect((await lookUp(app, other, code, '203.0.113.7')).status).toBe(200);
    await failTimes(app, other, 9, '203.0.113.7');
    expect((await lookUp(app, other, code, '203.0.113.7')).status).toBe(200);
    // The limited client, from another address: still its client id's limit.
    await expectThrottled(await lookUp(app, token, code, '198.51.100.21'));
  });

  it('the window slides with real time; moving the emulator clock does not move it', async () => {
    const { app, context, token, code, time } = await setup();
    await failTimes(app, token, 10);
    await expectThrottled(await lookUp(app, token, code));
    context.clock.advance(10 * 60_000); // code expiry time, not the limit's
    await expectThrottled(await lookUp(app, token, code));
    time.now += 5 * 60_000 - 1;
    await expectThrottled(await lookUp(app, token, code));
    time.now += 1;
    expect((await lookUp(app, token, code)).status).toBe(200);
  });

  it('POST /__emulator/reset empties the windows', async () => {
    const { app, token } = await setup();
    await failTimes(app, token, 10);
    await expectThrottled(await lookUp(app, token, 'WRONG0'));
    const reset = await app.request('/__emulator/reset', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reset.status).toBe(200);
    const fresh = await registerAndToken(app);
    await failTimes(app, fresh, 10);
  });
});
