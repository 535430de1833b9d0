import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, minifySync, type Manifest, type Rolldown } from 'vite';
import { BENCH_DIR, kB, ratio, ROOT, round, verdict, type BenchResult, type Figure } from './common.ts';

/**
 * Bundle size: gzip -9 of the initial JS (and CSS) of every route, from Vite's build manifest,
 * against the framework floor (scripts/bench/floor) built in the same run with the same config.
 *
 * Initial JS of a route = the entry chunk + its static imports (recursively) + the route page
 * module's chunk + its static imports. The floor's = its entry chunk + static imports.
 */
export const FLOOR_DIR = resolve(BENCH_DIR, 'floor');
export const ROUTER_FILE = resolve(ROOT, 'src/app/router.tsx');
export const PLAYER_MODULE = 'src/pages/watch/player.tsx';
export const BUDGET = { entryRoute: 1.15, activateRoute: 1.1 } as const;
/** The API-trace drawer, once it exists: `src/**\/api-trace*` or anything named like a drawer. */
const DRAWER_PATTERN = /^src\/(?:.+\/)?(?:api-trace[^/]*|[^/]*drawer[^/]*)(?:\/|$)/i;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

export interface RenderedModule {
  id: string;
  renderedLength: number;
  code: string;
}

export interface BuildOutput {
  outDir: string;
  manifest: Manifest;
  /** Output file → the source modules rendered into it (paths relative to the repo, sizes raw). */
  modules: Map<string, RenderedModule[]>;
  buildMs: number;
}

/** `vite build` through the JS API with the app's vite.config.ts, a manifest and the given outDir. */
export async function viteBuild(kind: 'app' | 'floor', outDir: string): Promise<BuildOutput> {
  const started = performance.now();
  const result = await build({
    configFile: resolve(ROOT, 'vite.config.ts'),
    root: kind === 'app' ? ROOT : FLOOR_DIR,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, reportCompressedSize: false },
  });
  const buildMs = performance.now() - started;
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const modules = new Map<string, RenderedModule[]>();
  for (const output of outputs) {
    for (const item of output.output ?? []) {
      if (item.type !== 'chunk') continue;
      modules.set(
        item.fileName,
        Object.entries(item.modules).map(([id, info]) => ({
          id: normalizeModuleId(id),
          renderedLength: info.renderedLength,
          code: info.code ?? '',
        })),
      );
    }
  }
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  return { outDir, manifest, modules, buildMs };
}

function normalizeModuleId(id: string): string {
  const path = id.replace(/^\0/, '').replace(/\?.*$/, '');
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `passref-bench-${prefix}-`));
}

export interface Route {
  route: string;
  /** The page module, relative to the repo (the manifest key). */
  module: string;
  /** The lazily loaded layout (frame) module the page renders in, when the router loads one lazily. */
  layout?: string;
}

const IMPORT_PATTERN = /\bimport\(\s*'([^']+)'\s*\)/g;

function manifestKey(manifest: Manifest, specifier: string): string | undefined {
  const base = relative(ROOT, resolve(ROOT, 'src/app', specifier));
  return [`${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`, base].find(
    (candidate) => manifest[candidate],
  );
}

/**
 * The routes and their page modules, read from src/app/router.tsx (`path: '…'` or `index: true`
 * followed by its `lazy` import). A layout route that loads its frame lazily (`lazy: … import(…)`
 * followed by `children:`, no path) adds that module to each of its children: the router loads both
 * at once, so both are initial JS. Page chunks the router file does not name (and no page loads
 * itself later) are added by module.
 */
export function routesFromRouter(manifest: Manifest, source = readFileSync(ROUTER_FILE, 'utf8')): Route[] {
  const routes: (Route & { at: number; importAt: number })[] = [];
  const pattern = /(?:\bpath:\s*'([^']*)'|\bindex:\s*true)[^]*?\bimport\(\s*'([^']+)'\s*\)/g;
  for (const match of source.matchAll(pattern)) {
    const module = manifestKey(manifest, match[2] ?? '');
    if (!module) continue;
    const path = match[1];
    routes.push({
      route: path === undefined ? '/' : `/${path}`,
      module,
      at: match.index,
      importAt: match.index + match[0].lastIndexOf('import('),
    });
  }
  // Layouts: for each `children:`, the last import since the previous route (or group) that no
  // route owns is the layout's own lazy import; none → a static layout (already in the entry).
  const imports = [...source.matchAll(IMPORT_PATTERN)].map((m) => ({ at: m.index, specifier: m[1] ?? '' }));
  const owned = new Set(routes.map((route) => route.importAt));
  const groups = [...source.matchAll(/\bchildren:/g)].map((m) => m.index);
  const layoutOf = (at: number): string | undefined => {
    const group = groups.filter((g) => g < at).at(-1);
    if (group === undefined) return undefined;
    const since = Math.max(
      0,
      ...routes.filter((r) => r.importAt <= group).map((r) => r.importAt),
      ...groups.filter((g) => g < group),
    );
    const own = imports.filter((i) => i.at > since && i.at < group && !owned.has(i.at));
    const specifier = own.at(-1)?.specifier;
    return specifier === undefined ? undefined : manifestKey(manifest, specifier);
  };
  const found: Route[] = routes.map(({ route, module, at }) => {
    const layout = layoutOf(at);
    return { route, module, ...(layout ? { layout } : {}) };
  });
  const named = new Set(found.flatMap((route) => [route.module, route.layout]));
  // Chunks a page loads later itself (the player, the phone's session step…) are parts of that page.
  const pageParts = new Set(
    Object.entries(manifest)
      .filter(([key]) => key.startsWith('src/pages/'))
      .flatMap(([, chunk]) => chunk.dynamicImports ?? []),
  );
  for (const [key, chunk] of Object.entries(manifest)) {
    if (chunk.isDynamicEntry && key.startsWith('src/pages/') && !named.has(key) && !pageParts.has(key)) {
      found.push({ route: `(${key})`, module: key });
    }
  }
  return found;
}

function entryKey(manifest: Manifest): string {
  const key = Object.keys(manifest).find((name) => manifest[name]?.isEntry);
  if (!key) throw new Error('the build manifest has no entry chunk');
  return key;
}

function staticClosure(manifest: Manifest, key: string, into: Set<string>): Set<string> {
  if (into.has(key) || !manifest[key]) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

export interface InitialLoad {
  js: string[];
  css: string[];
  jsGzip: number;
  cssGzip: number;
  jsRaw: number;
}

const gzipCache = new Map<string, { raw: number; gzip: number }>();
function fileSize(path: string): { raw: number; gzip: number } {
  let size = gzipCache.get(path);
  if (!size) {
    const bytes = readFileSync(path);
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    gzipCache.set(path, size);
  }
  return size;
}

/**
 * Entry + static imports (+ the page module's chunk, its lazily loaded layout's, and their static
 * imports), gzip -9 per file.
 */
export function initialLoad(built: BuildOutput, ...modules: (string | undefined)[]): InitialLoad {
  const keys = staticClosure(built.manifest, entryKey(built.manifest), new Set());
  for (const module of modules) if (module) staticClosure(built.manifest, module, keys);
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = built.manifest[key];
    if (!chunk) continue;
    if (/\.m?js$/.test(chunk.file)) js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  const sizes = (files: Set<string>) => [...files].map((file) => fileSize(join(built.outDir, file)));
  const jsSizes = sizes(js);
  return {
    js: [...js],
    css: [...css],
    jsGzip: jsSizes.reduce((sum, size) => sum + size.gzip, 0),
    jsRaw: jsSizes.reduce((sum, size) => sum + size.raw, 0),
    cssGzip: sizes(css).reduce((sum, size) => sum + size.gzip, 0),
  };
}

/** Source modules rendered into the given output files. */
function modulesOf(built: BuildOutput, files: readonly string[]): RenderedModule[] {
  return files.flatMap((file) => built.modules.get(file) ?? []);
}

/** Which package (or app folder) a module belongs to, for the "what dominates" breakdown. */
function owner(id: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (inPackage?.[1]) return inPackage[1];
  if (id.startsWith('src/')) return id.split('/').slice(0, 2).join('/');
  return id.startsWith('vite/') || id.includes('vite') ? 'vite runtime' : id;
}

export interface Contributor {
  owner: string;
  renderedBytes: number;
  share: number;
  /** Its modules' code minified and gzipped on its own (an estimate: the chunk compresses as one). */
  gzipEstimate?: number;
  /** Rendered bytes the floor has from the same owner (0 for app code). */
  floorBytes: number;
}

function gzipOfMinified(code: string): number {
  try {
    return gzipSync(minifySync('owner.js', code).code, { level: 9 }).length;
  } catch {
    return gzipSync(code, { level: 9 }).length;
  }
}

function contributors(
  built: BuildOutput,
  files: readonly string[],
  floorByOwner: Map<string, number>,
  estimateTop = 0,
): Contributor[] {
  const byOwner = new Map<string, RenderedModule[]>();
  for (const module of modulesOf(built, files))
    byOwner.set(owner(module.id), [...(byOwner.get(owner(module.id)) ?? []), module]);
  const bytesOf = (mods: RenderedModule[]) => mods.reduce((sum, m) => sum + m.renderedLength, 0);
  const total = [...byOwner.values()].reduce((sum, mods) => sum + bytesOf(mods), 0) || 1;
  // Estimate gzip for the owners that add the most beyond the floor (what the budget is about).
  const excess = (name: string, mods: RenderedModule[]) => bytesOf(mods) - (floorByOwner.get(name) ?? 0);
  const estimated = new Set(
    [...byOwner]
      .filter(([name, mods]) => excess(name, mods) > 1000)
      .sort((a, b) => excess(b[0], b[1]) - excess(a[0], a[1]))
      .slice(0, estimateTop)
      .map(([name]) => name),
  );
  return [...byOwner]
    .sort((a, b) => bytesOf(b[1]) - bytesOf(a[1]))
    .map(([name, mods]) => ({
      owner: name,
      renderedBytes: bytesOf(mods),
      share: round(bytesOf(mods) / total),
      ...(estimated.has(name) ? { gzipEstimate: gzipOfMinified(mods.map((m) => m.code).join('\n')) } : {}),
      floorBytes: floorByOwner.get(name) ?? 0,
    }));
}

function walkSources(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkSources(path, found);
    else found.push(relative(ROOT, path));
  }
  return found;
}

export interface LazyModuleCheck {
  name: string;
  /** Source files matching the module (empty: not built yet). */
  sources: string[];
  /** Output files of the build that contain it. */
  chunks: string[];
  /** Routes whose initial JS contains it. */
  inInitialOf: string[];
}

function lazyModuleCheck(
  built: BuildOutput,
  name: string,
  matches: (id: string) => boolean,
  sources: string[],
  routes: { route: string; load: InitialLoad }[],
): LazyModuleCheck {
  const chunks = [...built.modules].filter(([, mods]) => mods.some((m) => matches(m.id))).map(([f]) => f);
  const inInitialOf = routes
    .filter(({ load }) => modulesOf(built, load.js).some((m) => matches(m.id)))
    .map(({ route }) => route);
  return { name, sources, chunks, inInitialOf };
}

export interface RouteSize extends InitialLoad {
  route: string;
  module: string;
  layout?: string;
  ratioToFloor: number;
  budget?: number;
}

export interface BundleDetails {
  floor: InitialLoad & { buildMs: number };
  app: { buildMs: number };
  routes: RouteSize[];
  player: LazyModuleCheck;
  drawer: LazyModuleCheck;
  /** What the entry route's initial JS is made of, largest first (rendered, pre-minification bytes). */
  entryContributors: Contributor[];
  /** Same for /activate. */
  activateContributors: Contributor[];
}

/**
 * Builds the floor and the app (or reuses an app build) and measures. `keepApp` leaves the app build
 * on disk for the browser benchmarks; the floor build is returned too (the load baseline).
 */
export async function measureBundle(
  options: { appOutDir?: string; floorOutDir?: string } = {},
): Promise<BenchResult<BundleDetails> & { app: BuildOutput; floor: BuildOutput }> {
  const floorOutDir = options.floorOutDir ?? makeTempDir('floor');
  const appOutDir = options.appOutDir ?? makeTempDir('app');
  const floor = await viteBuild('floor', floorOutDir);
  const app = await viteBuild('app', appOutDir);
  const floorLoad = initialLoad(floor);

  const routes: RouteSize[] = routesFromRouter(app.manifest).map(({ route, module, layout }) => {
    const load = initialLoad(app, module, layout);
    const budget =
      route === '/' ? BUDGET.entryRoute : route === '/activate' ? BUDGET.activateRoute : undefined;
    return {
      route,
      module,
      ...(layout ? { layout } : {}),
      ...load,
      ratioToFloor: round(load.jsGzip / floorLoad.jsGzip),
      ...(budget ? { budget } : {}),
    };
  });
  const routeLoads = routes.map((route) => ({ route: route.route, load: route }));

  const sources = walkSources(resolve(ROOT, 'src')).filter((file) => !TEST_FILE.test(file));
  const player = lazyModuleCheck(
    app,
    PLAYER_MODULE,
    (id) => id === PLAYER_MODULE,
    sources.filter((file) => file === PLAYER_MODULE),
    routeLoads,
  );
  const drawer = lazyModuleCheck(
    app,
    'API-trace drawer (src/**/api-trace*, *drawer*)',
    (id) => DRAWER_PATTERN.test(id),
    sources.filter((file) => DRAWER_PATTERN.test(file)),
    routeLoads,
  );

  const floorByOwner = new Map(
    contributors(floor, floorLoad.js, new Map()).map((c) => [c.owner, c.renderedBytes]),
  );
  const entry = routes.find((route) => route.route === '/');
  const activate = routes.find((route) => route.route === '/activate');
  const details: BundleDetails = {
    floor: { ...floorLoad, buildMs: round(floor.buildMs, 0) },
    app: { buildMs: round(app.buildMs, 0) },
    routes,
    player,
    drawer,
    entryContributors: entry ? contributors(app, entry.js, floorByOwner, 8) : [],
    activateContributors: activate ? contributors(app, activate.js, floorByOwner, 8) : [],
  };
  return { figures: bundleFigures(details), details, app, floor };
}

function lazyFigure(check: LazyModuleCheck, label: string): Figure {
  const budget = "in no route's initial JS";
  if (check.sources.length === 0) {
    return { bench: 'bundle', figure: label, value: 'n/a (not built yet)', budget, verdict: 'N/A' };
  }
  const where =
    check.chunks.length === 0 ? 'not in the build' : `lazy chunk ${check.chunks.map(shortName).join(', ')}`;
  return {
    bench: 'bundle',
    figure: label,
    value: check.inInitialOf.length ? `in the initial JS of ${check.inInitialOf.join(', ')}` : where,
    budget,
    verdict: verdict(check.inInitialOf.length === 0),
  };
}

/** `assets/player-DSw948dv.js` → `player.js` (hashes change every build). */
function shortName(file: string): string {
  return file.replace(/^assets\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1');
}

export function bundleFigures(details: BundleDetails): Figure[] {
  const figures: Figure[] = [
    {
      bench: 'bundle',
      figure: 'framework floor: initial JS (gzip -9)',
      value: `${kB(details.floor.jsGzip)} (${kB(details.floor.jsRaw)} raw)`,
      budget: '(baseline)',
      verdict: 'INFO',
    },
  ];
  for (const route of details.routes) {
    const missing = route.jsGzip === 0;
    figures.push({
      bench: 'bundle',
      figure: `${route.route}: initial JS (+ CSS)`,
      value: `${kB(route.jsGzip)} = ${ratio(route.ratioToFloor)} floor (+ ${kB(route.cssGzip)} CSS)`,
      budget: route.budget ? `≤ ${route.budget.toFixed(2)}× floor` : '—',
      verdict: route.budget ? verdict(!missing && route.ratioToFloor <= route.budget) : 'INFO',
    });
  }
  for (const [route, budget] of [
    ['/', BUDGET.entryRoute],
    ['/activate', BUDGET.activateRoute],
  ] as const) {
    if (!details.routes.some((r) => r.route === route)) {
      figures.push({
        bench: 'bundle',
        figure: `${route}: initial JS`,
        value: 'route not found in src/app/router.tsx',
        budget: `≤ ${budget.toFixed(2)}× floor`,
        verdict: 'FAIL',
      });
    }
  }
  figures.push(
    lazyFigure(details.player, `player (${PLAYER_MODULE}) outside every initial chunk`),
    lazyFigure(details.drawer, 'API-trace drawer outside every initial chunk'),
  );
  return figures;
}

/** What a route adds beyond the floor, largest first (the size check's failure message, the report). */
export function describeExcess(list: Contributor[], top = 6): string {
  return list
    .filter((c) => c.renderedBytes - c.floorBytes > 1000)
    .sort((a, b) => b.renderedBytes - b.floorBytes - (a.renderedBytes - a.floorBytes))
    .slice(0, top)
    .map(
      (c) =>
        `${c.owner} +${kB(c.renderedBytes - c.floorBytes)} rendered${c.gzipEstimate ? ` (≈ ${kB(c.gzipEstimate)} gzip${c.floorBytes ? ' in all' : ''})` : ''}`,
    )
    .join(', ');
}

/** Human summary of the biggest contributors. */
export function describeContributors(list: Contributor[], top = 6): string {
  return list
    .slice(0, top)
    .map(
      (c) =>
        `${c.owner} ${(c.share * 100).toFixed(0)} % (${kB(c.renderedBytes)} rendered${c.gzipEstimate ? `, ≈ ${kB(c.gzipEstimate)} gzip` : ''}${c.floorBytes ? `; floor has ${kB(c.floorBytes)}` : '; not in the floor'})`,
    )
    .join('; ');
}

export function removeDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
