// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { startEmulatorProcess } from '../e2e/emulator-process.ts';
import {
  apiHeaders,
  formBody,
  httpRequester,
  makeEmulator,
  ORIGIN,
  registerClient,
  signIn,
  SP,
  type Requester,
} from './test-support.ts';

/**
 * Reproducible randomness (EMULATOR_SEED, `POST /__emulator/reset {"seed": n}`): two fresh emulators
 * with one seed and one request sequence hand out the same identifiers; another seed, other ones.
 * In-process emulators get a frozen real-time source, so even time stamps, JWTs and media tokens
 * agree and whole transcripts can be compared byte for byte.
 */
const FROZEN = Date.UTC(2030, 5, 1, 12, 0, 0);
const DEVICE = 'determinism-tv';

/** Records every answer (status, redirect, cookie, body) of the requests made through it. */
function recording(app: Requester): { requester: Requester; transcript: string[] } {
  const transcript: string[] = [];
  return {
    transcript,
    requester: {
      async request(input, init) {
        const response = await app.request(input, init);
        const text = await response.clone().text();
        const headers = ['location', 'set-cookie']
          .map((name) => response.headers.get(name) ?? '')
          .join(' | ');
        transcript.push(`${init?.method ?? 'GET'} ${input} → ${response.status} ${headers}\n${text}`);
        return response;
      },
    },
  };
}

/** DCR register → token → sessions → MVPD login → profiles → decisions → verify → logout → an error. */
async function flow(app: Requester): Promise<{ clientId: string; code: string; sessionId: string }> {
  const client = await registerClient(app);
  const tokenResponse = await app.request('/o/client/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody({ ...client, grant_type: 'client_credentials' }),
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const headers = (extra: Record<string, string> = {}) => apiHeaders(token, DEVICE, extra);

  const started = await app.request(`/api/v2/${SP}/sessions`, { method: 'POST', headers: headers() });
  const resume = (await started.json()) as { code: string; sessionId: string };
  await app.request(`/api/v2/${SP}/sessions/${resume.code}`, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: formBody({ mvpd: 'MetroFiber', domainName: 'localhost', redirectUrl: `${ORIGIN}/done` }),
  });
  await app.request(`/api/v2/${SP}/sessions/${resume.code}`, { headers: apiHeaders(token) });
  const { code } = await signIn(app, {
    token,
    deviceId: DEVICE,
    mvpd: 'AcmeCable',
    username: 'premium',
    password: 'password',
  });
  await app.request(`/api/v2/${SP}/profiles`, { headers: headers() });
  await app.request(`/api/v2/${SP}/decisions/preauthorize/AcmeCable`, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: ['harbor-city-desk', 'summit-derby-day'] }),
  });
  const authorized = await app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: ['harbor-city-desk'] }),
  });
  const decision = ((await authorized.json()) as { decisions: { token?: { serializedToken: string } }[] })
    .decisions[0];
  await app.request('/media-token/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: decision?.token?.serializedToken, resource: 'harbor-city-desk' }),
  });
  await app.request(`/api/v2/${SP}/decisions/authorize/TempPass`, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: ['lantern-night-train'] }),
  });
  await app.request(`/api/v2/${SP}/logout/AcmeCable`, { headers: headers() });
  await app.request(`/api/v2/${SP}/sessions/NOSUCH1`, { headers: apiHeaders(token) });
  return { clientId: client.client_id, code, sessionId: resume.sessionId };
}

function frozenEmulator(randomSeed: string) {
  return makeEmulator({ randomSeed, realNow: () => FROZEN });
}

describe('seeded randomness', () => {
  it('two fresh emulators with one seed answer one request sequence byte for byte alike', async () => {
    const first = recording(frozenEmulator('same-seed').app);
    const second = recording(frozenEmulator('same-seed').app);
    const a = await flow(first.requester);
    const b = await flow(second.requester);
    expect(b).toEqual(a);
    expect(first.transcript.length).toBeGreaterThan(15);
    expect(second.transcript).toEqual(first.transcript);
    // The transcript really carries random identifiers: codes, flow ids, CSRF tokens, traces.
    const text = first.transcript.join('\n');
    expect(text).toContain(a.clientId);
    expect(text).toMatch(/name="flow" value="[0-9a-f]{32}"/);
    expect(text).toMatch(/"trace":"[0-9a-f-]{36}"/);
    expect(text).toMatch(/"serializedToken":"/);
  });

  it('another seed gives other identifiers', async () => {
    const a = await flow(frozenEmulator('seed-one').app);
    const b = await flow(frozenEmulator('seed-two').app);
    expect(b.clientId).not.toBe(a.clientId);
    expect(b.code).not.toBe(a.code);
    expect(b.sessionId).not.toBe(a.sessionId);
  });

  it('a reset with {"seed"} restarts the sequence; a plain reset restarts it from the configured seed', async () => {
    const { app } = frozenEmulator('configured');
    const run = async () => {
      const recorder = recording(app);
      await flow(recorder.requester);
      return recorder.transcript;
    };
    const reset = (body: unknown) =>
      app.request('/__emulator/reset', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const configured = await run();
    expect((await reset({ seed: 'other' })).status).toBe(200);
    const other = await run();
    expect(other).not.toEqual(configured);
    expect((await reset({ seed: 'other' })).status).toBe(200);
    expect(await run()).toEqual(other);
    expect((await reset({})).status).toBe(200);
    expect(await run()).toEqual(configured);
    // The fresh emulator with that seed agrees with the reset one.
    const fresh = recording(frozenEmulator('other').app);
    await flow(fresh.requester);
    expect(fresh.transcript).toEqual(other);
  });

  it('EMULATOR_SEED seeds the real server (npm start): same seed, same identifiers; another, others', async () => {
    const identifiers = async (seed: string) => {
      const server = await startEmulatorProcess({ EMULATOR_SEED: seed, EMULATOR_THROTTLE: 'off' });
      try {
        const http = httpRequester(server.url);
        const ids = (c: { client_id: string; client_secret: string }) => [c.client_id, c.client_secret];
        const client = ids(await registerClient(http));
        const fromReset = async () => {
          const answer = await http.request('/__emulator/reset', { method: 'POST' });
          return (await answer.json()) as { seed: string | null };
        };
        const reset = await fromReset();
        const again = ids(await registerClient(http));
        return { client, again, resetSeed: reset.seed };
      } finally {
        await server.stop();
      }
    };
    const [a, b, c] = [await identifiers('ctl-42'), await identifiers('ctl-42'), await identifiers('ctl-43')];
    expect(a.client[0]).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(b.client).toEqual(a.client);
    expect(a.again).toEqual(a.client);
    expect(a.resetSeed).toBe('ctl-42');
    expect(c.client[0]).not.toBe(a.client[0]);
    expect(c.client[1]).not.toBe(a.client[1]);
  }, 60_000);
});
