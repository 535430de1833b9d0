import { devices, type Browser, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { isThrottledPath } from '../../emulator/domain/throttle.ts';
import {
  BENCH_DIR,
  launchChromium,
  round,
  startServerProcess,
  verdict,
  type BenchResult,
  type Figure,
} from './common.ts';

/**
 * API economy: the requests of one full second-screen flow, counted from the browsers' requests,
 * against the real server running Adobe's throttle (`EMULATOR_THROTTLE=adobe`).
 *
 * Flow: the TV opens `/tv` and shows a code; a phone opens `/activate`, enters it, picks Acme Cable
 * and signs in at the emulated MVPD (`premium`/`password`); the TV finds the profile and moves to the
 * catalog; it plays a title; it signs out (through Acme Cable's logout page).
 *
 * Adobe throttles per client IP. The TV and the phone are separate devices, so each browser context
 * sends its own `X-Forwarded-For` (documentation addresses): the emulator then keeps one bucket per
 * device, as Adobe would for two devices, although both browsers run on 127.0.0.1 here.
 */
const API = /^\/(o\/client|api\/v2|media-token)\//;
const POLL = /^\/api\/v2\/[^/]+\/profiles\/code\//;
const PREAUTHORIZE = /^\/api\/v2\/[^/]+\/decisions\/preauthorize\//;
const CONFIGURATION = /^\/api\/v2\/[^/]+\/configuration$/;
const BUCKET = { capacity: 11, refillPerSecond: 1 } as const;
const PREAUTHORIZE_BATCH = 5;
/** The app's own lower bound for `?poll=` (3–15 s): polls closer than this count as duplicates. */
const MIN_POLL_GAP_MS = 3_000;
const TITLE = 'harbor-morning-brief';
const DEVICE_IPS = { tv: '198.51.100.10', phone: '198.51.100.20' } as const;
type Device = keyof typeof DEVICE_IPS;

interface Recorded {
  device: Device;
  /** Page load (document) number within the device's tab, from 1, in order of appearance. */
  document: number;
  /** Wall-clock time the request was sent (ms since the epoch). */
  at: number;
  method: string;
  path: string;
  search: string;
  body: string;
  /** CDP resource type: Fetch, Document, Script, Image… */
  resourceType: string;
  status?: number;
  /** Set when the browser gave up on it (e.g. net::ERR_ABORTED: the page navigated away). */
  failed?: string;
}

/**
 * Every request of the device's tab through CDP, redirect hops included (each hop reaches the
 * server). CDP's `loaderId` names the document a request belongs to, which tells page loads apart
 * exactly, even for a fetch the old page sends while the next one is already loading.
 */
async function record(page: Page, device: Device, into: Recorded[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const documents = new Map<string, number>();
  const pending = new Map<string, Recorded>();
  cdp.on('Network.requestWillBeSent', (event) => {
    const previous = pending.get(event.requestId);
    if (previous && event.redirectResponse) previous.status = event.redirectResponse.status;
    if (!documents.has(event.loaderId)) documents.set(event.loaderId, documents.size + 1);
    const url = new URL(event.request.url);
    if (!url.protocol.startsWith('http')) return;
    const entry: Recorded = {
      device,
      document: documents.get(event.loaderId) ?? 0,
      at: event.wallTime * 1000,
      method: event.request.method,
      path: url.pathname,
      search: url.search,
      body: event.request.postData ?? '',
      resourceType: event.type ?? 'Other',
    };
    pending.set(event.requestId, entry);
    into.push(entry);
  });
  cdp.on('Network.responseReceived', (event) => {
    const entry = pending.get(event.requestId);
    if (entry) entry.status = event.response.status;
  });
  cdp.on('Network.loadingFailed', (event) => {
    const entry = pending.get(event.requestId);
    if (entry) entry.failed = event.errorText;
  });
  await cdp.send('Network.enable');
}

/** The app's own calls to Adobe and the playback service (fetches, not the browser's navigations). */
const isAppCall = (r: Recorded) => r.resourceType === 'Fetch' && API.test(r.path);
const keyOf = (r: Recorded) => `${r.method} ${r.path}${r.search} ${r.body}`;

export interface BucketReplay {
  requests: number;
  /** Fewest tokens left right after a request (0 = exactly at the limit; below 0 never happens). */
  minTokensLeft: number;
  /** Requests the bucket would have refused. */
  refused: number;
}

/** Adobe's throttle replayed offline: capacity 11 (1 + a burst of 10), refilled at 1 token/s. */
export function replayBucket(times: readonly number[]): BucketReplay {
  const sorted = [...times].sort((a, b) => a - b);
  let tokens: number = BUCKET.capacity;
  let last = sorted[0] ?? 0;
  let minTokensLeft: number = BUCKET.capacity;
  let refused = 0;
  for (const at of sorted) {
    tokens = Math.min(BUCKET.capacity, tokens + ((at - last) / 1000) * BUCKET.refillPerSecond);
    last = at;
    if (tokens < 1) {
      refused += 1;
      continue;
    }
    tokens -= 1;
    minTokensLeft = Math.min(minTokensLeft, tokens);
  }
  return { requests: sorted.length, minTokensLeft: round(minTokensLeft, 2), refused };
}

export interface DeviceEconomy {
  device: Device;
  pageLoads: number;
  appCalls: number;
  byEndpoint: Record<string, number>;
  duplicates: string[];
  polls: number;
  minPollGapMs: number | null;
  configurationCalls: number;
  preauthorize: {
    calls: number;
    resources: number;
    minimumCalls: number;
    oversized: number;
    repeated: string[];
  };
  registrationsPerLoad: { loadsCallingAdobe: number; register: number; token: number };
  throttled429: number;
  bucket: BucketReplay;
}

export interface ApiDetails {
  flowSeconds: number;
  devices: DeviceEconomy[];
  /** Both devices behind one IP (a home network behind NAT), replayed through one bucket. */
  sharedIpBucket: BucketReplay;
  requests: Omit<Recorded, 'body'>[];
}

function endpointName(r: Recorded): string {
  const path = r.path
    .replace(/\/profiles\/code\/[^/]+$/, '/profiles/code/{code}')
    .replace(/\/sessions\/[^/]+$/, '/sessions/{code}');
  return `${r.method} ${path}`;
}

/** The `resources` of a decisions request body; [] when it is not the JSON we expect. */
function resourcesOf(body: string): string[] {
  try {
    const resources = (JSON.parse(body) as { resources?: unknown }).resources;
    return Array.isArray(resources) ? resources.map(String) : [];
  } catch {
    return [];
  }
}

function analyse(device: Device, all: Recorded[]): DeviceEconomy {
  const mine = all.filter((r) => r.device === device);
  const calls = mine.filter(isAppCall);
  const byEndpoint: Record<string, number> = {};
  for (const call of calls) byEndpoint[endpointName(call)] = (byEndpoint[endpointName(call)] ?? 0) + 1;

  const documents = [...new Set(calls.map((c) => c.document))];
  const duplicates: string[] = [];
  const repeated: string[] = [];
  let preauthorizeResources = 0;
  let minimumPreauthorize = 0;
  let oversized = 0;
  for (const doc of documents) {
    const inLoad = calls.filter((c) => c.document === doc);
    const seen = new Set<string>();
    for (const call of inLoad.filter((c) => !POLL.test(c.path))) {
      if (seen.has(keyOf(call)))
        duplicates.push(
          `page load ${doc}: ${keyOf(call).trim().slice(0, 160)}${call.failed ? ` (${call.failed})` : ''}`,
        );
      seen.add(keyOf(call));
    }
    const polls = inLoad.filter((c) => POLL.test(c.path) && c.method === 'GET');
    for (let i = 1; i < polls.length; i += 1) {
      const gap = (polls[i]?.at ?? 0) - (polls[i - 1]?.at ?? 0);
      if (gap < MIN_POLL_GAP_MS)
        duplicates.push(`page load ${doc}: poll ${Math.round(gap)} ms after the previous one`);
    }
    const resources: string[] = [];
    for (const call of inLoad.filter((c) => PREAUTHORIZE.test(c.path))) {
      const asked = resourcesOf(call.body);
      if (asked.length > PREAUTHORIZE_BATCH) oversized += 1;
      resources.push(...asked);
    }
    const distinct = new Set(resources);
    repeated.push(...[...distinct].filter((r) => resources.indexOf(r) !== resources.lastIndexOf(r)));
    preauthorizeResources += distinct.size;
    minimumPreauthorize += Math.ceil(distinct.size / PREAUTHORIZE_BATCH);
  }
  const polls = calls.filter((c) => POLL.test(c.path));
  const gaps = polls.slice(1).map((p, i) => p.at - (polls[i]?.at ?? p.at));
  const loadsCallingAdobe = documents.filter((doc) =>
    calls.some((c) => c.document === doc && c.path.startsWith('/api/v2/')),
  ).length;
  return {
    device,
    pageLoads: Math.max(0, ...mine.map((r) => r.document)),
    appCalls: calls.length,
    byEndpoint,
    duplicates,
    polls: polls.length,
    minPollGapMs: gaps.length ? Math.round(Math.min(...gaps)) : null,
    configurationCalls: calls.filter((c) => CONFIGURATION.test(c.path)).length,
    preauthorize: {
      calls: calls.filter((c) => PREAUTHORIZE.test(c.path)).length,
      resources: preauthorizeResources,
      minimumCalls: minimumPreauthorize,
      oversized,
      repeated,
    },
    registrationsPerLoad: {
      loadsCallingAdobe,
      register: calls.filter((c) => c.path === '/o/client/register').length,
      token: calls.filter((c) => c.path === '/o/client/token').length,
    },
    throttled429: mine.filter((r) => r.status === 429).length,
    bucket: replayBucket(mine.filter((r) => isThrottledPath(r.path)).map((r) => r.at)),
  };
}

async function waitForText(page: Page, testId: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const locator = page.getByTestId(testId).filter({ hasText: pattern });
  await locator.first().waitFor({ state: 'visible', timeout });
  return ((await locator.first().textContent()) ?? '').trim();
}

/** The whole flow; throws with the step that failed. */
async function driveFlow(browser: Browser, baseUrl: string, recorded: Recorded[]): Promise<void> {
  const tvContext = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 720 },
    extraHTTPHeaders: { 'X-Forwarded-For': DEVICE_IPS.tv },
  });
  const phoneContext = await browser.newContext({
    ...devices['Pixel 7'],
    baseURL: baseUrl,
    extraHTTPHeaders: { 'X-Forwarded-For': DEVICE_IPS.phone },
  });
  try {
    const tv = await tvContext.newPage();
    const phone = await phoneContext.newPage();
    await record(tv, 'tv', recorded);
    await record(phone, 'phone', recorded);
    let step = 'TV: /tv shows a code';
    try {
      await tv.goto('/tv');
      const code = await waitForText(tv, 'activation-code', /^[A-Z0-9]{6,7}$/);

      step = 'phone: enter the code on /activate';
      await phone.goto('/activate');
      await phone.getByLabel('Activation code').fill(code);
      await phone.getByRole('button', { name: 'Continue' }).click();

      step = 'phone: pick Acme Cable';
      await phone.getByTestId('provider-option').filter({ hasText: 'Acme Cable' }).first().click();

      step = 'phone: sign in at the emulated MVPD';
      await phone.getByLabel('Username').waitFor({ timeout: 15_000 });
      await phone.getByLabel('Username').fill('premium');
      await phone.getByLabel('Password').fill('password');
      await phone.getByRole('button', { name: 'Sign in' }).click();
      await phone.getByTestId('activation-done').waitFor({ timeout: 15_000 });

      step = 'TV: moves to the catalog, every title unlocked';
      await tv.waitForURL((url) => url.pathname === '/', { timeout: 25_000 });
      await tv
        .locator(`[data-testid="tile-${TITLE}"][data-lock-state="unlocked"]`)
        .waitFor({ timeout: 15_000 });
      await tv.waitForFunction(
        () =>
          document.querySelectorAll('[data-lock-state="checking"]').length === 0 &&
          document.querySelectorAll('[data-lock-state="unlocked"]').length > 0,
        undefined,
        { timeout: 15_000 },
      );

      step = `TV: play ${TITLE}`;
      await tv.getByTestId(`tile-${TITLE}`).getByRole('link').first().click();
      await tv.waitForFunction(
        () =>
          ((document.querySelector('[data-testid="player"]') as HTMLVideoElement | null)?.currentTime ?? 0) >
          0.5,
        undefined,
        { timeout: 20_000 },
      );

      step = 'TV: sign out';
      await tv.getByTestId('current-provider').click();
      await tv
        .getByRole('button', { name: /^Sign out of / })
        .first()
        .click();
      // Acme Cable has an MVPD logout page that comes back to the app's signed-out page.
      const proceed = tv.getByRole('link', { name: 'Continue' });
      await Promise.race([
        tv.getByTestId('signed-out').waitFor({ timeout: 15_000 }),
        proceed.waitFor({ timeout: 15_000 }).then(() => proceed.click()),
      ]);
      await tv.getByTestId('signed-out').waitFor({ timeout: 15_000 });
      // The signed-out page's own profile check is part of the flow: wait for its answer.
      await tv.getByTestId('header-sign-in').waitFor({ timeout: 15_000 });
      await tv.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    } catch (error) {
      throw new Error(`api economy flow failed at "${step}": ${(error as Error).message.split('\n')[0]}`, {
        cause: error,
      });
    }
  } finally {
    await Promise.all([tvContext.close(), phoneContext.close()]);
  }
}

export async function runApiEconomy(
  builds: { appDir: string },
  log: (line: string) => void = console.log,
): Promise<BenchResult<ApiDetails>> {
  const server = await startServerProcess(resolve(BENCH_DIR, 'serve-build.ts'), {
    BENCH_STATIC_DIR: builds.appDir,
    EMULATOR_THROTTLE: 'adobe',
    EMULATOR_DB: ':memory:',
  });
  const browser = await launchChromium();
  const recorded: Recorded[] = [];
  const started = Date.now();
  try {
    log('  api: TV + phone sign-in, catalog, play, sign out (EMULATOR_THROTTLE=adobe)…');
    await driveFlow(browser, server.url, recorded);
  } finally {
    await browser.close();
    await server.stop();
  }
  const details: ApiDetails = {
    flowSeconds: round((Date.now() - started) / 1000, 1),
    devices: (['tv', 'phone'] as const).map((device) => analyse(device, recorded)),
    sharedIpBucket: replayBucket(recorded.filter((r) => isThrottledPath(r.path)).map((r) => r.at)),
    requests: recorded
      .filter((r) => isAppCall(r) || isThrottledPath(r.path) || r.status === 429)
      .map(({ device, document, at, method, path, resourceType, status, search, failed }) => ({
        device,
        document,
        at: at - started,
        method,
        path,
        search,
        resourceType,
        ...(status !== undefined ? { status } : {}),
        ...(failed !== undefined ? { failed } : {}),
      })),
  };
  return { figures: apiFigures(details), details };
}

function apiFigures(details: ApiDetails): Figure[] {
  const figures: Figure[] = [];
  const total = details.devices.reduce((sum, d) => sum + d.appCalls, 0);
  figures.push({
    bench: 'api',
    figure: 'app requests per full flow (fetches to /o/client, /api/v2, /media-token)',
    value: `${total}: ${details.devices.map((d) => `${d.device} ${d.appCalls} in ${d.pageLoads} page loads`).join(', ')}`,
    budget: 'the cookbook minimum (rules below)',
    verdict: 'INFO',
  });
  const duplicates = details.devices.flatMap((d) => d.duplicates.map((x) => `${d.device} ${x}`));
  figures.push({
    bench: 'api',
    figure: 'duplicate requests within a page load (polls ≥ 3 s apart excepted)',
    value: duplicates.length ? `${duplicates.length}: ${duplicates.slice(0, 2).join('; ')}` : '0',
    budget: '0',
    verdict: verdict(duplicates.length === 0),
  });
  figures.push({
    bench: 'api',
    figure: 'configuration requests per device',
    value: details.devices.map((d) => `${d.device} ${d.configurationCalls}`).join(', '),
    budget: '≤ 1 per device',
    verdict: verdict(details.devices.every((d) => d.configurationCalls <= 1)),
  });
  const pre = details.devices.map((d) => d.preauthorize);
  const preCalls = pre.reduce((s, p) => s + p.calls, 0);
  const preMin = pre.reduce((s, p) => s + p.minimumCalls, 0);
  const preResources = pre.reduce((s, p) => s + p.resources, 0);
  const oversized = pre.reduce((s, p) => s + p.oversized, 0);
  const repeated = pre.flatMap((p) => p.repeated);
  figures.push({
    bench: 'api',
    figure: `preauthorize calls (batches of ≤ ${PREAUTHORIZE_BATCH})`,
    value: `${preCalls} for ${preResources} titles (minimum ${preMin})${oversized ? `, ${oversized} over ${PREAUTHORIZE_BATCH}` : ''}${repeated.length ? `, asked twice: ${repeated.join(', ')}` : ''}`,
    budget: `= ⌈titles / ${PREAUTHORIZE_BATCH}⌉ per page load`,
    verdict: verdict(preCalls === preMin && oversized === 0 && repeated.length === 0),
  });
  const dcr = details.devices.map((d) => d.registrationsPerLoad);
  figures.push({
    bench: 'api',
    figure: 'DCR register / token per page load calling Adobe',
    value: details.devices
      .map(
        (d) =>
          `${d.device} ${d.registrationsPerLoad.register}/${d.registrationsPerLoad.token} for ${d.registrationsPerLoad.loadsCallingAdobe} loads`,
      )
      .join(', '),
    budget: '≤ 1 each per load',
    verdict: verdict(dcr.every((d) => d.register <= d.loadsCallingAdobe && d.token <= d.loadsCallingAdobe)),
  });
  const throttled = details.devices.reduce((s, d) => s + d.throttled429, 0);
  figures.push({
    bench: 'api',
    figure: '429 answers under EMULATOR_THROTTLE=adobe',
    value: `${throttled}`,
    budget: '0',
    verdict: verdict(throttled === 0),
  });
  figures.push({
    bench: 'api',
    figure: `worst-case headroom, per-device bucket (${BUCKET.capacity}, ${BUCKET.refillPerSecond}/s) replay`,
    value: details.devices
      .map((d) => `${d.device} ${d.bucket.minTokensLeft} tokens left (${d.bucket.requests} reqs)`)
      .join(', '),
    budget: 'never refused (≥ 0 left)',
    verdict: verdict(details.devices.every((d) => d.bucket.refused === 0)),
  });
  figures.push({
    bench: 'api',
    figure: 'same replay, TV + phone behind one IP',
    value: `${details.sharedIpBucket.minTokensLeft} tokens left, ${details.sharedIpBucket.refused} refused (${details.sharedIpBucket.requests} reqs)`,
    budget: '—',
    verdict: 'INFO',
  });
  return figures;
}
