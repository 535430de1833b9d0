import { devices, type Browser, type BrowserContextOptions } from '@playwright/test';
import { resolve } from 'node:path';
import {
  BENCH_DIR,
  launchChromium,
  median,
  ms,
  ratio,
  round,
  startServerProcess,
  verdict,
  type BenchResult,
  type Figure,
  type ServerProcess,
} from './common.ts';

/**
 * Page load: LCP, FCP and CLS of the catalog (`/`, TV-sized window) and the code-entry page
 * (`/activate`, a phone) from a production build served by the real server on loopback, in Chromium
 * with 4× CPU throttling; median of 5 runs, a fresh browser context (cold cache) for every run.
 * Baseline in the same run: the framework floor app (scripts/bench/floor), built with the same
 * config and served by the same server, measured the same way in the same window, interleaved run by
 * run with the pages, so the ratios cancel most of the machine's noise.
 */
export const RUNS = 5;
export const CPU_THROTTLING = 4;
const SETTLE_MS = 1_000;
const BUDGET = { lcpMs: 1_000, cls: 0 } as const;

/** Installed before any page script: collects the paint, LCP and layout-shift entries. */
const OBSERVERS = `(() => {
  const store = { fcp: null, lcp: [], shifts: [], longTasks: [] };
  Object.defineProperty(window, '__benchVitals', { value: store });
  const describe = (node) => {
    if (!node || !node.tagName) return '';
    const testId = node.closest && node.closest('[data-testid]');
    return node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      (testId ? ' in [data-testid=' + testId.getAttribute('data-testid') + ']' : '') +
      (node.textContent ? ' "' + node.textContent.trim().slice(0, 40) + '"' : '');
  };
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch (error) {}
  };
  observe('longtask', (e) => store.longTasks.push({ time: e.startTime, duration: e.duration }));
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') store.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => store.lcp.push({ time: e.startTime, size: e.size, element: describe(e.element) }));
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    const sources = (e.sources || []).map((s) => describe(s.node) +
      (s.previousRect && s.currentRect ? ' y ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y) +
        ' h ' + Math.round(s.previousRect.height) + '→' + Math.round(s.currentRect.height) : ''));
    store.shifts.push({ time: e.startTime, value: e.value, sources });
  });
})();`;

interface Shift {
  time: number;
  value: number;
  sources: string[];
}

interface RawVitals {
  fcp: number | null;
  lcp: { time: number; size: number; element: string }[];
  shifts: Shift[];
  longTasks: { time: number; duration: number }[];
}

/** One fetched resource of the page: where its time went (for diagnosing LCP). */
export interface Fetched {
  path: string;
  type: string;
  startMs: number;
  endMs: number;
}

export interface RunVitals {
  lcpMs: number;
  fcpMs: number;
  cls: number;
  lcpElement: string;
  ready: boolean;
  /** Main-thread time in long tasks (> 50 ms) that started before LCP. */
  longTaskMsBeforeLcp: number;
  shifts: Shift[];
  /** The document and every resource it fetched, in start order. */
  waterfall: Fetched[];
}

interface Target {
  name: string;
  server: 'app' | 'floor';
  path: string;
  viewport: 'tv' | 'phone';
  /** Proves the page rendered what it should (not an error page); the floor renders a button. */
  readySelector: string;
}

const TARGETS: Target[] = [
  { name: 'floor (TV window)', server: 'floor', path: '/', viewport: 'tv', readySelector: 'button' },
  { name: '/', server: 'app', path: '/', viewport: 'tv', readySelector: '[data-testid="catalog"]' },
  { name: 'floor (phone)', server: 'floor', path: '/', viewport: 'phone', readySelector: 'button' },
  {
    name: '/activate',
    server: 'app',
    path: '/activate',
    viewport: 'phone',
    readySelector: '[data-testid="activation-code-input"]',
  },
];

const VIEWPORTS: Record<Target['viewport'], BrowserContextOptions> = {
  tv: { viewport: { width: 1280, height: 720 } },
  phone: { ...devices['Pixel 7'] },
};

/** CLS as Chrome defines it: the largest session window (gaps < 1 s, window ≤ 5 s). */
export function cumulativeLayoutShift(shifts: readonly { time: number; value: number }[]): number {
  let worst = 0;
  let current = 0;
  let windowStart = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (const shift of [...shifts].sort((a, b) => a.time - b.time)) {
    if (shift.time - previous > 1_000 || shift.time - windowStart > 5_000) {
      current = 0;
      windowStart = shift.time;
    }
    current += shift.value;
    previous = shift.time;
    worst = Math.max(worst, current);
  }
  return worst;
}

async function measureOnce(browser: Browser, baseUrl: string, target: Target): Promise<RunVitals> {
  const context = await browser.newContext({ ...VIEWPORTS[target.viewport], baseURL: baseUrl });
  try {
    await context.addInitScript({ content: OBSERVERS });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    await page.goto(target.path, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const ready = await page
      .locator(target.readySelector)
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    // Let the last paints land; then LCP is final (no input happened, nothing more loads).
    await page.waitForTimeout(SETTLE_MS);
    const vitals = await page.evaluate(
      () => (window as unknown as { __benchVitals: RawVitals }).__benchVitals,
    );
    const waterfall = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => {
        const timing = entry as PerformanceResourceTiming;
        return {
          path: new URL(timing.name).pathname,
          type: timing.initiatorType,
          startMs: Math.round(timing.startTime),
          endMs: Math.round(timing.responseEnd),
        };
      }),
    );
    const last = vitals.lcp.at(-1);
    return {
      lcpMs: last?.time ?? Number.NaN,
      fcpMs: vitals.fcp ?? Number.NaN,
      cls: cumulativeLayoutShift(vitals.shifts),
      lcpElement: last?.element ?? '',
      ready,
      longTaskMsBeforeLcp: Math.round(
        vitals.longTasks
          .filter((task) => task.time < (last?.time ?? Number.POSITIVE_INFINITY))
          .reduce((sum, task) => sum + task.duration, 0),
      ),
      shifts: vitals.shifts,
      waterfall,
    };
  } finally {
    await context.close();
  }
}

export interface PageLoad {
  name: string;
  path: string;
  viewport: string;
  runs: Omit<RunVitals, 'shifts' | 'waterfall'>[];
  lcpMs: number;
  fcpMs: number;
  cls: number;
  worstCls: number;
  lcpElement: string;
  /** The run whose LCP is the median, with its layout shifts and resource waterfall. */
  medianRun: RunVitals | undefined;
}

export interface LoadDetails {
  runs: number;
  cpuThrottling: number;
  pages: PageLoad[];
}

export async function runLoad(
  builds: { appDir: string; floorDir: string },
  log: (line: string) => void = console.log,
): Promise<BenchResult<LoadDetails>> {
  const servers: Record<Target['server'], ServerProcess> = {
    app: await startServerProcess(resolve(BENCH_DIR, 'serve-build.ts'), {
      BENCH_STATIC_DIR: builds.appDir,
      EMULATOR_THROTTLE: 'off',
      EMULATOR_DB: ':memory:',
    }),
    floor: await startServerProcess(resolve(BENCH_DIR, 'serve-build.ts'), {
      BENCH_STATIC_DIR: builds.floorDir,
      EMULATOR_THROTTLE: 'off',
      EMULATOR_DB: ':memory:',
    }),
  };
  const browser = await launchChromium();
  try {
    const runs = new Map<Target, RunVitals[]>(TARGETS.map((target) => [target, []]));
    // One throw-away load each: the server's first answers and Chromium's own start-up cost.
    for (const target of TARGETS) await measureOnce(browser, servers[target.server].url, target);
    for (let run = 0; run < RUNS; run += 1) {
      log(`  load: run ${run + 1}/${RUNS}`);
      for (const target of TARGETS)
        runs.get(target)?.push(await measureOnce(browser, servers[target.server].url, target));
    }
    const pages: PageLoad[] = TARGETS.map((target) => {
      const list = runs.get(target) ?? [];
      const lcps = list.map((r) => r.lcpMs);
      const medianLcp = median(lcps);
      return {
        name: target.name,
        path: target.path,
        viewport: target.viewport,
        runs: list.map(({ lcpMs, fcpMs, cls, lcpElement, ready, longTaskMsBeforeLcp }) => ({
          longTaskMsBeforeLcp,
          lcpMs: round(lcpMs, 1),
          fcpMs: round(fcpMs, 1),
          cls: round(cls, 4),
          lcpElement,
          ready,
        })),
        lcpMs: round(medianLcp, 1),
        fcpMs: round(median(list.map((r) => r.fcpMs)), 1),
        cls: round(median(list.map((r) => r.cls)), 4),
        worstCls: round(Math.max(...list.map((r) => r.cls)), 4),
        lcpElement: list.find((r) => r.lcpMs === medianLcp)?.lcpElement ?? list[0]?.lcpElement ?? '',
        medianRun: list.find((r) => r.lcpMs === medianLcp),
      };
    });
    const details: LoadDetails = { runs: RUNS, cpuThrottling: CPU_THROTTLING, pages };
    return { figures: loadFigures(details, runs), details };
  } finally {
    await browser.close();
    await Promise.all([servers.app.stop(), servers.floor.stop()]);
  }
}

function loadFigures(details: LoadDetails, runs: Map<Target, RunVitals[]>): Figure[] {
  const figures: Figure[] = [];
  const byName = new Map(details.pages.map((page) => [page.name, page]));
  for (const [name, floorName] of [
    ['/', 'floor (TV window)'],
    ['/activate', 'floor (phone)'],
  ] as const) {
    const page = byName.get(name);
    const floor = byName.get(floorName);
    if (!page || !floor) continue;
    const target = TARGETS.find((t) => t.name === name);
    const allReady = (target && runs.get(target)?.every((r) => r.ready)) ?? false;
    const where = `${name} (${page.viewport}, ${details.cpuThrottling}× CPU, median of ${details.runs})`;
    figures.push(
      {
        bench: 'load',
        figure: `${where}: LCP`,
        value: `${ms(page.lcpMs)} = ${ratio(page.lcpMs / floor.lcpMs)} floor's ${ms(floor.lcpMs)}${allReady ? '' : ' (page did not render in some runs)'}`,
        budget: `≤ ${ms(BUDGET.lcpMs)}`,
        verdict: verdict(allReady && page.lcpMs <= BUDGET.lcpMs),
      },
      {
        bench: 'load',
        figure: `${where}: FCP`,
        value: `${ms(page.fcpMs)} = ${ratio(page.fcpMs / floor.fcpMs)} floor's ${ms(floor.fcpMs)}`,
        budget: '—',
        verdict: 'INFO',
      },
      {
        bench: 'load',
        figure: `${where}: CLS`,
        value: `${page.cls.toFixed(3)} (worst run ${page.worstCls.toFixed(3)})`,
        budget: `${BUDGET.cls}`,
        verdict: verdict(page.cls <= BUDGET.cls),
      },
    );
  }
  return figures;
}
