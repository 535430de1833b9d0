import autocannon, { type Options } from 'autocannon';
import { generateKeyPairSync, sign } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { apiHeaders, httpRequester, registerAndToken, signIn, SP } from '../../emulator/test-support.ts';
import {
  BENCH_DIR,
  MB,
  ms,
  percentile,
  ratio,
  ROOT,
  round,
  startServerProcess,
  verdict,
  type BenchResult,
  type Figure,
  type ServerProcess,
} from './common.ts';

/**
 * Emulator throughput and latency under a bounded load on loopback (autocannon: 10 connections,
 * pipelining 1, 10 s per endpoint), against a bare Node `http` server answering fixed JSON in its
 * own process, measured in the same run with the same settings. The two are measured in alternating
 * halves (bare, emulator, bare, emulator) so that drift on a shared machine hits both alike.
 * Then a soak: RSS after a 10,000-request warm-up and after 100,000 more requests.
 */
export const LOAD = { connections: 10, pipelining: 1, seconds: 10, halves: 2 } as const;
/**
 * Memory soak. RSS rises and falls with the garbage collector (five 300k-request runs on this
 * machine: readings every 10k moved between 132 and 186 MB in a saw-tooth with no trend, ending at
 * 135-143 MB), so one reading against another measures the collector's phase, not retention.
 * Flatness compares the saw-tooth's troughs: the lowest reading of the soak's second half against
 * the lowest of its first half. A leak lifts the troughs; a collection cycle does not.
 */
export const SOAK = { warmup: 10_000, requests: 100_000, slice: 5_000 } as const;
/** Handler work per request (µs) of the calibration servers. */
export const CALIBRATION_WORK_US = [5, 10, 20] as const;
const BUDGET = { throughputRatio: 0.5, p99Ms: 10, memoryRatio: 1.1 } as const;
const RESOURCE = 'harbor-morning-brief';
const MVPD = 'AcmeCable';

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface RunStats {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  non2xx: number;
  errors: number;
}

export interface EndpointStats {
  endpoint: string;
  emulator: Summary;
  bare: Summary;
  throughputRatio: number;
}

interface Summary {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  non2xx: number;
  errors: number;
}

export interface EmulatorDetails {
  settings: typeof LOAD;
  endpoints: EndpointStats[];
  /**
   * RSA-2048 / SHA-256 signatures per second through libuv's thread pool (as the emulator signs),
   * measured in the bench process with nothing else running: every authorize permit signs one media
   * token (spec media-token.md), so this bounds authorize throughput whatever else the emulator does.
   */
  signing: { signaturesPerSecond: number; threads: number; ceilingRatio: number };
  /**
   * What 0.5× means on this machine: the bare server again, busy-waiting a fixed number of
   * microseconds per request, against the bare server's figure for the same request.
   */
  calibration: { workMicroseconds: number; requestsPerSecond: number; ratio: number }[];
  soak: {
    endpoints: string[];
    warmupRequests: number;
    soakRequests: number;
    rssAfterWarmupBytes: number;
    rssAtEndBytes: number;
    /** RSS after each slice of the soak (SOAK.slice requests, the two endpoints in turn). */
    rssSamplesBytes: number[];
    /** Lowest RSS reading of the soak's first half, and of its second half. */
    rssStartBytes: number;
    rssFinishBytes: number;
    /** rssFinishBytes / rssStartBytes: retained growth, what a leak raises. */
    ratio: number;
    non2xx: number;
    errors: number;
    seconds: number;
  };
}

/** One autocannon run; latencies from every 2xx answer (autocannon's own percentiles are whole ms). */
async function cannon(baseUrl: string, target: Target, limit: { seconds?: number; amount?: number }) {
  const options: Options = {
    url: new URL(target.path, baseUrl).href,
    method: target.method,
    headers: target.headers,
    connections: LOAD.connections,
    pipelining: LOAD.pipelining,
    timeout: 10,
    ...(target.body !== undefined ? { body: target.body } : {}),
    ...(limit.amount !== undefined ? { amount: limit.amount } : { duration: limit.seconds ?? 1 }),
  };
  const latenciesMs: number[] = [];
  let non2xx = 0;
  const instance = autocannon(options);
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
    else non2xx += 1;
  });
  const started = performance.now();
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: result.requests.total,
    seconds,
    latenciesMs,
    non2xx,
    errors: result.errors + result.timeouts,
  } satisfies RunStats;
}

function summarize(runs: RunStats[]): Summary {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const latencies = runs.flatMap((run) => run.latenciesMs);
  return {
    requestsPerSecond: round(requests / seconds, 1),
    requests,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    meanMs: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

async function expectOk(response: Response, what: string): Promise<string> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

/** A premium account signed in on AcmeCable over HTTP; returns the two benchmarked requests. */
async function prepareTargets(emulator: ServerProcess): Promise<Target[]> {
  const requester = httpRequester(emulator.url);
  const token = await registerAndToken(requester);
  const deviceId = 'bench-emulator-device';
  const { code } = await signIn(requester, {
    token,
    deviceId,
    mvpd: MVPD,
    username: 'premium',
    password: 'password',
  });
  const authorize: Target = {
    name: `POST /api/v2/${SP}/decisions/authorize/${MVPD}`,
    method: 'POST',
    path: `/api/v2/${SP}/decisions/authorize/${MVPD}`,
    headers: apiHeaders(token, deviceId, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources: [RESOURCE] }),
  };
  const byCode: Target = {
    name: `GET /api/v2/${SP}/profiles/code/{code}`,
    method: 'GET',
    path: `/api/v2/${SP}/profiles/code/${code}`,
    headers: apiHeaders(token),
  };
  // Both must answer 200 with the real thing (a signed media token, the profile) before we time them.
  const decision = JSON.parse(
    await expectOk(
      await fetch(new URL(authorize.path, emulator.url), {
        method: 'POST',
        headers: authorize.headers,
        body: authorize.body ?? null,
      }),
      'authorize',
    ),
  ) as { decisions: { authorized: boolean; token?: { serializedToken?: string } }[] };
  if (!decision.decisions[0]?.authorized || !decision.decisions[0].token?.serializedToken)
    throw new Error(`authorize did not permit with a media token: ${JSON.stringify(decision)}`);
  const profile = JSON.parse(
    await expectOk(
      await fetch(new URL(byCode.path, emulator.url), { headers: byCode.headers }),
      'profiles/code',
    ),
  ) as { profiles: Record<string, unknown> };
  if (!profile.profiles[MVPD]) throw new Error(`no ${MVPD} profile by code: ${JSON.stringify(profile)}`);
  return [authorize, byCode];
}

export async function runEmulatorLoad(log: (line: string) => void = console.log) {
  const emulator = await startServerProcess(resolve(ROOT, 'emulator/main.ts'), {
    EMULATOR_THROTTLE: 'off',
    EMULATOR_DB: ':memory:',
  });
  const bare = await startServerProcess(resolve(BENCH_DIR, 'bare-server.ts'), {
    BENCH_BARE_BODY: JSON.stringify({
      decisions: [{ resource: RESOURCE, serviceProvider: SP, authorized: true }],
    }),
  });
  try {
    const targets = await prepareTargets(emulator);
    const endpoints: EndpointStats[] = [];
    for (const target of targets) {
      log(`  emulator: ${target.name} vs bare server, ${LOAD.seconds} s each…`);
      // Short warm-up of both (JIT, SQLite statement cache, connection set-up); not counted.
      await cannon(bare.url, target, { seconds: 1 });
      await cannon(emulator.url, target, { seconds: 1 });
      const bareRuns: RunStats[] = [];
      const emulatorRuns: RunStats[] = [];
      const half = LOAD.seconds / LOAD.halves;
      for (let pass = 0; pass < LOAD.halves; pass += 1) {
        bareRuns.push(await cannon(bare.url, target, { seconds: half }));
        emulatorRuns.push(await cannon(emulator.url, target, { seconds: half }));
      }
      const emulatorSummary = summarize(emulatorRuns);
      const bareSummary = summarize(bareRuns);
      endpoints.push({
        endpoint: target.name,
        emulator: emulatorSummary,
        bare: bareSummary,
        throughputRatio: round(emulatorSummary.requestsPerSecond / bareSummary.requestsPerSecond),
      });
    }

    const { signaturesPerSecond, threads } = await measureSigningRate();
    const bareAuthorize = endpoints.find((stats) => stats.endpoint.includes('authorize'))?.bare;
    const signing = {
      signaturesPerSecond: Math.round(signaturesPerSecond),
      threads,
      ceilingRatio: bareAuthorize ? round(signaturesPerSecond / bareAuthorize.requestsPerSecond) : 0,
    };

    log(
      `  emulator: calibration, bare server with ${CALIBRATION_WORK_US.join(' / ')} µs of work per request…`,
    );
    const byCode = targets[1] as Target;
    const bareByCode = endpoints[1]?.bare.requestsPerSecond ?? Number.NaN;
    const calibration: EmulatorDetails['calibration'] = [];
    for (const workMicroseconds of CALIBRATION_WORK_US) {
      const busy = await startServerProcess(resolve(BENCH_DIR, 'bare-server.ts'), {
        BENCH_BARE_WORK_US: String(workMicroseconds),
      });
      try {
        await cannon(busy.url, byCode, { seconds: 1 });
        const run = summarize([await cannon(busy.url, byCode, { seconds: LOAD.seconds / LOAD.halves })]);
        calibration.push({
          workMicroseconds,
          requestsPerSecond: run.requestsPerSecond,
          ratio: round(run.requestsPerSecond / bareByCode),
        });
      } finally {
        await busy.stop();
      }
    }

    // Soak: both endpoints, alternating in slices, so every code path of the run is exercised.
    log(`  emulator: soak, ${SOAK.warmup} warm-up + ${SOAK.requests} requests…`);
    const soakStarted = performance.now();
    const slice = SOAK.slice;
    let non2xx = 0;
    let errors = 0;
    for (let sent = 0, turn = 0; sent < SOAK.warmup; sent += slice, turn += 1) {
      const run = await cannon(emulator.url, targets[turn % targets.length] as Target, { amount: slice });
      non2xx += run.non2xx;
      errors += run.errors;
    }
    const rssAfterWarmup = emulator.rss();
    const rssSamples: number[] = [];
    for (let sent = 0, turn = 0; sent < SOAK.requests; sent += slice, turn += 1) {
      const run = await cannon(emulator.url, targets[turn % targets.length] as Target, { amount: slice });
      non2xx += run.non2xx;
      errors += run.errors;
      rssSamples.push(emulator.rss());
    }
    const rssAtEnd = emulator.rss();
    const middle = Math.ceil(rssSamples.length / 2);
    const firstHalfTrough = Math.min(...rssSamples.slice(0, middle));
    const secondHalfTrough = Math.min(...rssSamples.slice(middle));
    const details: EmulatorDetails = {
      settings: LOAD,
      endpoints,
      signing,
      calibration,
      soak: {
        endpoints: targets.map((target) => target.name),
        warmupRequests: SOAK.warmup,
        soakRequests: SOAK.requests,
        rssAfterWarmupBytes: rssAfterWarmup,
        rssAtEndBytes: rssAtEnd,
        rssSamplesBytes: rssSamples,
        rssStartBytes: firstHalfTrough,
        rssFinishBytes: secondHalfTrough,
        ratio: round(secondHalfTrough / firstHalfTrough),
        non2xx,
        errors,
        seconds: round((performance.now() - soakStarted) / 1000, 1),
      },
    };
    return { figures: emulatorFigures(details), details } satisfies BenchResult<EmulatorDetails>;
  } finally {
    await Promise.all([emulator.stop(), bare.stop()]);
  }
}

/**
 * Media-token-sized RSA-SHA256 signatures for about two seconds through libuv's thread pool, as the
 * emulator makes them (`signMediaTokenAsync`), with enough in flight to keep every core busy.
 */
async function measureSigningRate(): Promise<{ signaturesPerSecond: number; threads: number }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = Buffer.from(`<shortAuthorizationToken>${'x'.repeat(220)}</shortAuthorizationToken>`);
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const inFlight = Math.max(threads, availableParallelism()) * 2;
  let count = 0;
  const started = performance.now();
  const signUntilDone = async (): Promise<void> => {
    while (performance.now() - started < 2_000) {
      await new Promise<void>((done, fail) =>
        sign('sha256', body, privateKey, (error) => (error ? fail(error) : done())),
      );
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, signUntilDone));
  return { signaturesPerSecond: count / ((performance.now() - started) / 1000), threads };
}

function emulatorFigures(details: EmulatorDetails): Figure[] {
  const figures: Figure[] = [];
  for (const stats of details.endpoints) {
    const clean = stats.emulator.non2xx === 0 && stats.emulator.errors === 0;
    figures.push(
      {
        bench: 'emulator',
        figure: `${stats.endpoint}: throughput vs bare node:http`,
        value: `${ratio(stats.throughputRatio)} (${Math.round(stats.emulator.requestsPerSecond)} vs ${Math.round(stats.bare.requestsPerSecond)} req/s)`,
        budget: `≥ ${BUDGET.throughputRatio}×, no errors`,
        verdict: verdict(stats.throughputRatio >= BUDGET.throughputRatio && clean),
      },
      {
        bench: 'emulator',
        figure: `${stats.endpoint}: p50 / p99 latency`,
        value: `${ms(stats.emulator.p50Ms, 2)} / ${ms(stats.emulator.p99Ms, 2)} (bare ${stats.bare.p50Ms.toFixed(2)} / ${stats.bare.p99Ms.toFixed(2)})`,
        budget: `p99 ≤ ${BUDGET.p99Ms} ms`,
        verdict: verdict(stats.emulator.p99Ms <= BUDGET.p99Ms && clean),
      },
    );
  }
  figures.push({
    bench: 'emulator',
    figure: `authorize ceiling: RSA-2048 SHA-256 media-token signatures alone (thread pool, ${availableParallelism()} cores)`,
    value: `${details.signing.signaturesPerSecond} signatures/s = ${ratio(details.signing.ceilingRatio)} the bare server`,
    budget: '—',
    verdict: 'INFO',
  });
  figures.push({
    bench: 'emulator',
    figure: 'calibration: bare node:http + fixed work per request, vs bare (profiles/code request)',
    value: details.calibration
      .map(
        (run) =>
          `${run.workMicroseconds} µs → ${ratio(run.ratio)} (${Math.round(run.requestsPerSecond)} req/s)`,
      )
      .join('; '),
    budget: '—',
    verdict: 'INFO',
  });
  const soak = details.soak;
  figures.push({
    bench: 'emulator',
    figure: `RSS over ${soak.soakRequests / 1000}k requests after a ${soak.warmupRequests / 1000}k warm-up: lowest reading of the first half → of the second`,
    value: `${MB(soak.rssStartBytes)} → ${MB(soak.rssFinishBytes)} (${ratio(soak.ratio)}; every ${SOAK.slice / 1000}k: ${MB(Math.min(...soak.rssSamplesBytes))}–${MB(Math.max(...soak.rssSamplesBytes))}; end ${MB(soak.rssAtEndBytes)})`,
    budget: `≤ ${BUDGET.memoryRatio}× (flat within 10 %)`,
    verdict: verdict(soak.ratio <= BUDGET.memoryRatio && soak.non2xx === 0 && soak.errors === 0),
  });
  return figures;
}
