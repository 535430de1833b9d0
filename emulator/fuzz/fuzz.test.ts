// @vitest-environment node
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMPPASS_RESET_API_KEY } from '../domain/seed-temppass.ts';
import { createSeed } from '../domain/seed.ts';
import { identityHeader } from '../http/temppass-test-helpers.ts';
import { DEVICE_INFO, newRegcode, v1SignIn } from '../http/v1-test-support.ts';
import {
  apiHeaders,
  deviceHeader,
  formBody as encodeForm,
  makeEmulator,
  openLoginForm,
  ORIGIN,
  registerClient,
  signIn,
  SP,
  type MvpdForm,
} from '../test-support.ts';
import {
  ACCEPTS,
  body,
  CONTENT_TYPES,
  enc,
  formBody,
  garbageBase64,
  headerOf,
  headerText,
  method,
  oversizeBody,
  query,
  segment,
  type FuzzRequest,
} from './arbitraries.ts';
import { answerProblems, isUnroutedNotFound, type Family } from './shapes.ts';

/**
 * Property-based fuzz of every emulator route family (fast-check, in-process app, throttling off):
 * random methods, hostile path segments and %-encodings, garbage/huge/control-character headers,
 * random, truncated, binary, form and oversize bodies, with and without a valid bearer token and
 * device header. Every answer must be < 500, never a thrown error, and every error body must be in
 * its family's shape (shapes.ts). Reproduce a run with FUZZ_SEED=<seed printed below>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 800);
const OVERSIZE_RUNS = 3;
const DEVICE = 'fuzz-tv';
const V1_DEVICE = 'fuzz-v1';
const MVPDS = ['AcmeCable', 'MetroFiber', 'TempPass', 'TempPassPromo'];
const RESOURCES = ['lantern-night-train', 'harbor-morning-brief', 'summit-derby-day', 'harbor-news'];

interface Fixture {
  app: ReturnType<typeof makeEmulator>['app'];
  token: string;
  clientId: string;
  clientSecret: string;
  statement: string;
  code: string;
  regcode: string;
  mediaToken: string;
  forms: MvpdForm[];
}

/** A fresh emulator per family (so a fuzzed reset or logout cannot starve the next family). */
async function fixture(): Promise<Fixture> {
  const { app } = makeEmulator();
  const statement = createSeed().softwareStatement;
  const client = await registerClient(app, statement);
  const tokenResponse = await app.request('/o/client/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ ...client, grant_type: 'client_credentials' }),
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  await signIn(app, {
    token,
    deviceId: DEVICE,
    mvpd: 'AcmeCable',
    username: 'premium',
    password: 'password',
  });
  const forms: MvpdForm[] = [];
  let code = '';
  for (const mvpd of ['AcmeCable', 'MetroFiber', 'AcmeCable']) {
    const created = await app.request(`/api/v2/${SP}/sessions`, {
      method: 'POST',
      headers: apiHeaders(token, 'fuzz-pending', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: encodeForm({ mvpd, domainName: 'localhost', redirectUrl: `${ORIGIN}/auth/done` }),
    });
    const session = (await created.json()) as { url: string; code: string };
    code = session.code;
    forms.push(await openLoginForm(app, session.url));
  }
  const authorized = await app.request(`/api/v2/${SP}/decisions/authorize/AcmeCable`, {
    method: 'POST',
    headers: apiHeaders(token, DEVICE, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: ['lantern-night-train'] }),
  });
  const mediaToken =
    ((await authorized.json()) as { decisions: { token?: { serializedToken: string } }[] }).decisions[0]
      ?.token?.serializedToken ?? 'none';
  await v1SignIn(app, token, V1_DEVICE);
  const { code: regcode } = await newRegcode(app, token, V1_DEVICE);
  return {
    app,
    token,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    statement,
    code,
    regcode,
    mediaToken,
    forms,
  };
}

/** Headers every request may carry: valid most of the time so the fuzz reaches past auth. */
function commonHeaders(f: Fixture, contentTypes: readonly string[], extra: HeaderArbs = {}) {
  const arbs: HeaderArbs = {
    Authorization: headerOf(
      [`Bearer ${f.token}`],
      fc.oneof(
        headerText(),
        garbageBase64.map((value) => `Bearer ${value}`),
        fc.constantFrom('Bearer', 'Bearer a.b.c', 'Basic YTpi', `bearer  ${f.token}`, `Bearer ${f.token}x`),
      ),
    ),
    'AP-Device-Identifier': headerOf(
      [deviceHeader(DEVICE), deviceHeader(V1_DEVICE)],
      fc.oneof(
        headerText(),
        garbageBase64.map((value) => `fingerprint ${value}`),
        fc.constantFrom('fingerprint', 'fingerprint =', 'fingerprint\tYWJj'),
      ),
    ),
    'X-Device-Info': headerOf([DEVICE_INFO], garbageBase64),
    'AP-TempPass-Identity': headerOf([identityHeader('fuzz@example.com')], garbageBase64),
    'Content-Type': headerOf(contentTypes, fc.constantFrom(...CONTENT_TYPES)),
    Accept: fc.constantFrom(...ACCEPTS),
    Cookie: headerText(80),
    'X-Forwarded-For': fc.oneof(fc.constantFrom('203.0.113.9', 'not-an-ip, , ,', '::1'), headerText(30)),
    'User-Agent': headerText(120),
    ...extra,
  };
  return headers(arbs);
}

type HeaderArbs = Record<string, fc.Arbitrary<string>>;

/** Each header present with probability 5/6 (and then usually valid, see headerOf). */
function headers(arbs: HeaderArbs): fc.Arbitrary<Record<string, string>> {
  const entries = Object.entries(arbs).map(([name, arb]) =>
    fc.option(arb, { freq: 6, nil: undefined }).map((value) => [name, value] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const out: Record<string, string> = {};
    for (const [name, value] of pairs) if (value !== undefined) out[name] = value;
    return out;
  });
}

function request(
  methods: fc.Arbitrary<string>,
  path: fc.Arbitrary<string>,
  headerArb: fc.Arbitrary<Record<string, string>>,
  bodyArb: fc.Arbitrary<FuzzRequest['body']>,
): fc.Arbitrary<FuzzRequest> {
  return fc.record({ method: methods, path, headers: headerArb, body: bodyArb });
}

const join = (...parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((items) => items.join(''));
const lit = (value: string) => fc.constant(value);
const one = (...values: string[]) => fc.constantFrom(...values);
const json = (arb: fc.Arbitrary<unknown>) => arb.map((value) => JSON.stringify(value));

interface FamilySpec {
  name: string;
  build(f: Fixture): fc.Arbitrary<FuzzRequest>;
  /** Some answer below 400 must occur (the fuzz gets past auth and validation). */
  expectSuccess: boolean;
}

const sp = segment([SP]);
const mvpd = segment(MVPDS);
const resources = fc.array(fc.oneof(one(...RESOURCES), fc.string({ maxLength: 30 })), { maxLength: 6 });

const FAMILIES: FamilySpec[] = [
  {
    name: 'DCR /o/client/register|token',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['POST']),
        join(
          fc.oneof(
            { weight: 4, arbitrary: one('/o/client/register', '/o/client/token') },
            { weight: 1, arbitrary: one('/o/client/scopes', '/o/client/', '/o/client/token/x') },
          ),
          query({
            client_id: [f.clientId],
            client_secret: [f.clientSecret],
            grant_type: ['client_credentials', 'refresh_token'],
          }),
        ),
        commonHeaders(f, ['application/json', 'application/x-www-form-urlencoded']),
        body(
          fc.oneof(
            json(
              fc.record(
                {
                  software_statement: fc.oneof(
                    { weight: 4, arbitrary: one(f.statement) },
                    { weight: 1, arbitrary: fc.string() },
                    { weight: 1, arbitrary: one(`${f.statement}x`, 'a.b.c', 'e30.e30.') },
                  ),
                  redirect_uri: fc.oneof(
                    one('adobepass://com.programmer', 'javascript:alert(1)'),
                    fc.string(),
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
            formBody({
              client_id: [f.clientId],
              client_secret: [f.clientSecret],
              grant_type: ['client_credentials', 'password'],
            }),
          ),
        ),
      ),
  },
  {
    name: 'configuration',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET']),
        join(lit('/api/v2/'), sp, lit('/configuration'), query({ profile: ['x'] })),
        commonHeaders(f, ['application/json']),
        body(fc.string()),
      ),
  },
  {
    name: 'sessions create/resume/retrieve (+ partner SSO)',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['POST', 'GET']),
        join(
          lit('/api/v2/'),
          sp,
          fc.oneof(
            lit('/sessions'),
            segment([f.code, 'ABCDEFG']).map((code) => `/sessions/${code}`),
            segment(['Apple', 'apple']).map((partner) => `/sessions/sso/${partner}`),
          ),
        ),
        commonHeaders(f, ['application/x-www-form-urlencoded']),
        body(
          formBody({
            mvpd: MVPDS,
            domainName: ['localhost', 'LOCALHOST', 'evil.example'],
            redirectUrl: [`${ORIGIN}/auth/done`, 'javascript:alert(1)', 'http://localhost/%0d%0a'],
          }),
        ),
      ),
  },
  {
    name: 'browser authenticate /api/v2/authenticate',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET']),
        join(lit('/api/v2/authenticate/'), sp, lit('/'), segment([f.code, 'ABCDEFG']), query({ x: ['1'] })),
        commonHeaders(f, ['text/html']),
        body(fc.string()),
      ),
  },
  {
    name: 'profiles (all, by MVPD, by code, partner SSO)',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET']),
        join(
          lit('/api/v2/'),
          sp,
          fc.oneof(
            lit('/profiles'),
            mvpd.map((m) => `/profiles/${m}`),
            segment([f.code]).map((code) => `/profiles/code/${code}`),
            segment(['Apple']).map((partner) => `/profiles/sso/${partner}`),
          ),
        ),
        commonHeaders(f, ['application/x-www-form-urlencoded']),
        body(formBody({ SAMLResponse: ['PHNhbWw+', 'x'] })),
      ),
  },
  {
    name: 'decisions preauthorize/authorize',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['POST']),
        join(lit('/api/v2/'), sp, lit('/decisions/'), segment(['authorize', 'preauthorize']), lit('/'), mvpd),
        commonHeaders(f, ['application/json']),
        body(json(fc.record({ resources }, { requiredKeys: [] }))),
      ),
  },
  {
    name: 'logout',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET']),
        join(
          lit('/api/v2/'),
          sp,
          lit('/logout/'),
          mvpd,
          query({ redirectUrl: [enc(`${ORIGIN}/done`), 'javascript%3Aalert(1)', '%'] }),
        ),
        commonHeaders(f, ['application/json']),
        body(fc.string()),
      ),
  },
  {
    name: 'adobe-services (SAML hop, MVPD logout)',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET']),
        fc.oneof(
          join(
            lit('/adobe-services/authenticate/saml'),
            query({ code: [f.code, 'ABCDEFG'], mso_id: MVPDS, requestor_id: [SP] }),
          ),
          join(
            lit('/adobe-services/logout'),
            query({ mso_id: MVPDS, redirect_url: [enc(`${ORIGIN}/done`), 'http://evil.example/'] }),
          ),
          join(lit('/adobe-services/'), segment(['config', 'authenticate'])),
        ),
        commonHeaders(f, ['text/html']),
        body(fc.string()),
      ),
  },
  {
    name: 'MVPD login/confirm pages',
    expectSuccess: true,
    build: (f) =>
      fc.constantFrom(...f.forms).chain((form) =>
        request(
          method(['GET', 'POST']),
          join(
            lit('/emulated-mvpd/'),
            segment([form.action.split('/')[2] ?? 'AcmeCable']),
            lit('/'),
            segment(['login', 'confirm']),
            query({ flow: [form.flow] }),
          ),
          commonHeaders(f, ['application/x-www-form-urlencoded'], {
            Cookie: fc.oneof(
              { weight: 3, arbitrary: one(form.cookie) },
              {
                weight: 1,
                arbitrary: fc
                  .tuple(one(form.cookie.split('=')[0] ?? 'x'), headerText(40))
                  .map(([name, value]) => `${name}=${value.replace(/[;,]/g, '')}`),
              },
              { weight: 1, arbitrary: headerText(80) },
            ),
          }),
          body(
            formBody({
              flow: [form.flow],
              csrf: [form.csrf],
              username: ['premium', 'basic', 'nobody', ''],
              password: ['password', 'wrong'],
              action: ['sign-in', 'cancel', 'confirm'],
            }),
          ),
        ),
      ),
  },
  {
    name: 'media-token verify',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['POST']),
        lit('/media-token/verify'),
        commonHeaders(f, ['application/json']),
        body(
          json(
            fc.record(
              {
                token: fc.oneof(
                  one(f.mediaToken),
                  fc.nat(f.mediaToken.length).map((cut) => f.mediaToken.slice(0, cut)),
                  garbageBase64,
                ),
                resource: fc.oneof(one(...RESOURCES), fc.string()),
              },
              { requiredKeys: [] },
            ),
          ),
        ),
      ),
  },
  {
    name: 'stream',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET', 'HEAD']),
        join(
          lit('/stream/'),
          segment(['lantern-night-train', ...RESOURCES]),
          query({ token: [enc(f.mediaToken), 'x'] }),
        ),
        commonHeaders(f, ['video/mp4'], {
          Range: fc.oneof(
            one('bytes=0-10', 'bytes=-5', 'bytes=999999999-', 'bytes=5-1', 'bytes=0-1,3-4', 'bytes=0-'),
            headerText(20).map((text) => `bytes=${text}`),
          ),
        }),
        fc.constant(undefined),
      ),
  },
  {
    name: 'reset-tempass v3|v2.1|v2',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['DELETE']),
        join(
          lit('/reset-tempass/'),
          segment(['v3', 'v2.1', 'v2']),
          lit('/reset'),
          one('', '/generic'),
          query({
            requestor_id: [SP],
            mvpd_id: ['TempPass', 'TempPassPromo', 'AcmeCable'],
            device_id: ['all', DEVICE, '%01'],
            key: ['all', 'abc'],
          }),
        ),
        commonHeaders(f, ['application/json'], {
          ApiKey: headerOf([TEMPPASS_RESET_API_KEY], headerText(20)),
        }),
        body(fc.string()),
      ),
  },
  {
    name: 'reggie/v1 regcode',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['POST', 'GET', 'DELETE']),
        join(
          lit('/reggie/v1/'),
          sp,
          lit('/regcode'),
          one('', '.json', '.xml', `/${f.regcode}`, `/${f.regcode}.json`, `/${f.regcode}.xml`, '/NOPE.xml'),
          query({
            deviceId: [V1_DEVICE, 'fresh-device'],
            ttl: ['60', '-1', '99999999999999999999'],
            mso_id: MVPDS,
            format: ['json', 'xml', 'yaml'],
            device_info: [enc(DEVICE_INFO)],
          }),
        ),
        commonHeaders(f, ['application/x-www-form-urlencoded']),
        body(formBody({ deviceId: [V1_DEVICE], ttl: ['60'] })),
      ),
  },
  {
    name: 'api/v1',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET', 'POST', 'DELETE']),
        join(
          one(
            `/api/v1/config/${SP}`,
            '/api/v1/authenticate',
            '/api/v1/checkauthn',
            `/api/v1/checkauthn/${f.regcode}`,
            '/api/v1/tokens/authn',
            '/api/v1/authorize',
            '/api/v1/tokens/authz',
            '/api/v1/tokens/media',
            '/api/v1/mediatoken',
            '/api/v1/preauthorize',
            `/api/v1/preauthorize/${f.regcode}`,
            '/api/v1/logout',
            '/api/v1/tokens/usermetadata',
            '/api/v1/authenticate/freepreview',
          ),
          one('', '', '.json', '.xml', '.JSON', '/x'),
          query({
            requestor: [SP],
            requestor_id: [SP],
            deviceId: [V1_DEVICE],
            resource: RESOURCES,
            mso_id: MVPDS,
            reg_code: [f.regcode],
            domain_name: ['localhost'],
            redirect_url: [enc(`${ORIGIN}/activate/done`)],
            generic_data: [enc('{"email":"x"}'), enc('("email":')],
            format: ['json', 'xml'],
          }),
        ),
        commonHeaders(f, ['application/x-www-form-urlencoded']),
        body(formBody({ requestor: [SP], deviceId: [V1_DEVICE], mso_id: MVPDS })),
      ),
  },
  {
    name: '__emulator control plane',
    expectSuccess: true,
    build: (f) =>
      request(
        method(['GET', 'POST']),
        join(lit('/__emulator/'), segment(['seed', 'reset', 'clock', 'throttle'])),
        commonHeaders(f, ['application/json']),
        body(
          fc.oneof(
            json(
              fc.record(
                { advanceMs: fc.oneof(fc.integer(), fc.double(), fc.string()) },
                { requiredKeys: [] },
              ),
            ),
            json(fc.record({ now: fc.oneof(fc.nat(), fc.double()) })),
            json(fc.record({ mode: fc.oneof(one('off', 'per-device', 'per-ip', 'bogus'), fc.string()) })),
          ),
        ),
      ),
  },
];

function classify(pathname: string): Family | 'other' {
  if (pathname.startsWith('/o/')) return 'dcr';
  if (
    pathname.startsWith('/api/v2/authenticate/') ||
    pathname.startsWith('/adobe-services/') ||
    pathname.startsWith('/emulated-mvpd/') ||
    pathname === '/api/v1/authenticate'
  )
    return 'browser';
  if (pathname.startsWith('/api/v2/') || pathname.startsWith('/reset-tempass/')) return 'v2';
  if (pathname.startsWith('/api/v1/') || pathname.startsWith('/reggie/v1/')) return 'v1';
  if (pathname.startsWith('/media-token/') || pathname.startsWith('/stream/')) return 'media';
  if (pathname.startsWith('/__emulator/')) return 'control';
  return 'other';
}

const totals = { cases: 0, serverErrors: 0, refusedByRequest: 0, unrouted: 0 };
const started = Date.now();

/** Sends one fuzzed request; returns the problems found (empty = fine). */
async function exercise(app: Fixture['app'], fuzz: FuzzRequest, statuses: Map<number, number>) {
  const init: RequestInit = { method: fuzz.method, headers: fuzz.headers };
  if (fuzz.body !== undefined && fuzz.method !== 'GET' && fuzz.method !== 'HEAD') init.body = fuzz.body;
  let req: Request;
  try {
    req = new Request(`${ORIGIN}${fuzz.path}`, init);
  } catch {
    // The Fetch API itself refused the input (not the emulator's business).
    totals.refusedByRequest += 1;
    return [];
  }
  const { pathname } = new URL(req.url);
  totals.cases += 1;
  let response: Response;
  try {
    response = await app.request(req);
  } catch (error) {
    return [`threw ${String(error)}`];
  }
  // CORS preflights (204) say nothing about depth: keep them out of the histogram.
  if (fuzz.method !== 'OPTIONS') statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500) totals.serverErrors += 1;
  const contentType = response.headers.get('content-type') ?? '';
  const text = /^(video|application\/octet-stream)/.test(contentType)
    ? (await response.arrayBuffer(), '')
    : await response.text();
  const answer = { status: response.status, contentType, text };
  if (isUnroutedNotFound(answer)) totals.unrouted += 1;
  const family = classify(pathname);
  if (family === 'other') return response.status >= 500 ? [`HTTP ${response.status}`] : [];
  const suffix = /\.(json|xml)$/i.exec(pathname)?.[1]?.toLowerCase() as 'json' | 'xml' | undefined;
  return answerProblems(family, answer, { head: fuzz.method === 'HEAD', v1Format: suffix });
}

function describeRequest(fuzz: FuzzRequest): string {
  const size =
    fuzz.body === undefined ? 0 : typeof fuzz.body === 'string' ? fuzz.body.length : fuzz.body.byteLength;
  return `${fuzz.method} ${fuzz.path.slice(0, 300)} headers=${JSON.stringify(Object.keys(fuzz.headers))} body=${size}B`;
}

afterAll(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${totals.cases} cases, ${totals.serverErrors} server errors (seed ${SEED}, ${seconds} s; ` +
      `${totals.unrouted} unrouted 404s, ${totals.refusedByRequest} inputs refused by the Request constructor)`,
  );
  expect(totals.serverErrors).toBe(0);
  if (!process.env.FUZZ_RUNS) expect(totals.cases).toBeGreaterThanOrEqual(10_000);
});

describe(`endpoint fuzz (seed ${SEED})`, () => {
  FAMILIES.forEach((spec, index) => {
    it(`${spec.name}: ${RUNS} random requests + ${OVERSIZE_RUNS} oversize bodies`, async () => {
      const f = await fixture();
      const statuses = new Map<number, number>();
      const check = async (fuzz: FuzzRequest) => {
        const problems = await exercise(f.app, fuzz, statuses);
        expect(problems, describeRequest(fuzz)).toEqual([]);
      };
      const arb = spec.build(f);
      await fc.assert(fc.asyncProperty(arb, check), { numRuns: RUNS, seed: SEED + index });
      await fc.assert(
        fc.asyncProperty(
          arb.chain((fuzz) =>
            oversizeBody.map((big) => ({
              ...fuzz,
              method: fuzz.method === 'GET' ? 'POST' : fuzz.method,
              body: big,
            })),
          ),
          check,
        ),
        { numRuns: OVERSIZE_RUNS, seed: SEED + index },
      );
      if (process.env.FUZZ_VERBOSE) console.log(spec.name, JSON.stringify([...statuses].sort()));
      const reached = [...statuses].filter(([status]) => status < 400).length;
      if (spec.expectSuccess) expect(reached, JSON.stringify([...statuses])).toBeGreaterThan(0);
    }, 120_000);
  });
});
