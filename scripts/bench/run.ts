import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runApiEconomy } from './api-economy.ts';
import { describeExcess, measureBundle, removeDir } from './bundle.ts';
import {
  BENCH_NAMES,
  machineInfo,
  renderTable,
  ROOT,
  type BenchName,
  type BenchResult,
  type Figure,
  type MachineInfo,
} from './common.ts';
import { runEmulatorLoad } from './emulator-load.ts';
import { runLoad } from './load.ts';

/**
 * `npm run bench [-- --only bundle|load|api|emulator[,…]]`: runs the benchmarks, prints one table
 * (figure, value, budget, verdict) and writes reports/bench.json (everything measured) and
 * reports/bench.md (the table, ready for the README). Exits 0 whatever the verdicts (the table says
 * them); 1 only when a benchmark could not run at all. With --only, the other sections of an
 * existing bench.json are kept.
 */
const REPORTS = resolve(ROOT, 'reports');
const JSON_REPORT = resolve(REPORTS, 'bench.json');
const MD_REPORT = resolve(REPORTS, 'bench.md');

interface Section {
  measuredAt: string;
  seconds: number;
  figures: Figure[];
  details: unknown;
  error?: string;
}

interface Report {
  machine: MachineInfo;
  sections: Partial<Record<BenchName, Section>>;
}

function parseOnly(argv: readonly string[]): BenchName[] {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index < 0) return [...BENCH_NAMES];
  const arg = argv[index] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? '');
  const names = value.split(',').filter(Boolean);
  const unknown = names.filter((name) => !BENCH_NAMES.includes(name as BenchName));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`usage: npm run bench [-- --only ${BENCH_NAMES.join('|')}[,…]]`);
    process.exit(2);
  }
  return BENCH_NAMES.filter((name) => names.includes(name));
}

function readPrevious(): Report | undefined {
  try {
    return existsSync(JSON_REPORT) ? (JSON.parse(readFileSync(JSON_REPORT, 'utf8')) as Report) : undefined;
  } catch {
    return undefined;
  }
}

function markdown(report: Report, table: string): string {
  const totalSeconds = Object.values(report.sections).reduce((sum, s) => sum + (s?.seconds ?? 0), 0);
  const dates = [...new Set(Object.values(report.sections).map((s) => s?.measuredAt.slice(0, 10)))];
  return [
    '## Benchmarks',
    '',
    '`npm run bench` (not part of `npm test`; about ' +
      `${Math.ceil(totalSeconds / 60)} min) builds the app and a framework-only floor app, then measures ` +
      'the initial JS of every route, page load in Chromium (4× CPU throttling, median of 5), the ' +
      'requests of a full second-screen flow under Adobe’s throttle, and the emulator under load ' +
      'against a bare `node:http` server. It prints this table and writes `reports/bench.json`; ' +
      '`npm run bench -- --only bundle|load|api|emulator` runs one part. `npm run size` checks the ' +
      'bundle budgets alone and exits 1 when one is broken; `npm test` runs it after lint.',
    '',
    table,
    ...(dates.length > 1 ? ['', `Sections measured on different days: ${dates.join(', ')}.`] : []),
    '',
  ].join('\n');
}

const only = parseOnly(process.argv.slice(2));
const machine = machineInfo();
const started = performance.now();
const log = (line: string) => console.log(line);
const sections: Partial<Record<BenchName, Section>> = {};
let crashed = false;

async function section<T>(name: BenchName, run: () => Promise<BenchResult<T>>): Promise<void> {
  const sectionStart = performance.now();
  log(`▶ ${name}`);
  try {
    const result = await run();
    sections[name] = {
      measuredAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - sectionStart) / 100) / 10,
      figures: result.figures,
      details: result.details,
    };
  } catch (error) {
    crashed = true;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ${name} could not run: ${error instanceof Error ? (error.stack ?? message) : message}`);
    sections[name] = {
      measuredAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - sectionStart) / 100) / 10,
      figures: [
        {
          bench: name,
          figure: 'benchmark could not run',
          value: message.split('\n')[0]?.slice(0, 160) ?? '',
          budget: '—',
          verdict: 'FAIL',
        },
      ],
      details: { error: message },
      error: message,
    };
  }
  log(`  ${name}: ${sections[name]?.seconds ?? 0} s`);
}

const needsBuild = only.some((name) => name !== 'emulator');
const built: { bundle?: Awaited<ReturnType<typeof measureBundle>> } = {};
try {
  if (needsBuild) {
    // One app build and one floor build serve every benchmark that needs them.
    await section('bundle', async () => {
      const bundle = await measureBundle();
      built.bundle = bundle;
      log(`  / beyond the floor: ${describeExcess(bundle.details.entryContributors, 4)}`);
      return bundle;
    });
    if (!only.includes('bundle')) delete sections.bundle;
  }
  const bundle = built.bundle;
  const builds = bundle ? { appDir: bundle.app.outDir, floorDir: bundle.floor.outDir } : undefined;
  if (only.includes('load'))
    await section('load', () =>
      builds ? runLoad(builds, log) : Promise.reject(new Error('the builds failed')),
    );
  if (only.includes('api'))
    await section('api', () =>
      builds ? runApiEconomy(builds, log) : Promise.reject(new Error('the builds failed')),
    );
  if (only.includes('emulator')) await section('emulator', () => runEmulatorLoad(log));
} finally {
  if (built.bundle) {
    removeDir(built.bundle.app.outDir);
    removeDir(built.bundle.floor.outDir);
  }
}

const previous = only.length < BENCH_NAMES.length ? readPrevious() : undefined;
const report: Report = { machine, sections: { ...(previous?.sections ?? {}), ...sections } };
const figures = BENCH_NAMES.flatMap((name) => report.sections[name]?.figures ?? []);
const table = renderTable(figures, machine);
const totalSeconds = (performance.now() - started) / 1000;
mkdirSync(REPORTS, { recursive: true });
writeFileSync(JSON_REPORT, `${JSON.stringify({ ...report, figures }, null, 2)}\n`);
writeFileSync(MD_REPORT, markdown(report, table));
console.log(`\n${table}\n`);
console.log(`Wrote ${JSON_REPORT} and ${MD_REPORT} in ${totalSeconds.toFixed(0)} s.`);
process.exitCode = crashed ? 1 : 0;
