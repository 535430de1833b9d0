import { chromiumLaunchOptions } from '../../e2e/chromium.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';

/** Shared helpers of the benchmarks: figures and the table, processes, the browser, statistics. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = resolve(ROOT, 'scripts/bench');

export type BenchName = 'bundle' | 'load' | 'api' | 'emulator';
export const BENCH_NAMES: readonly BenchName[] = ['bundle', 'load', 'api', 'emulator'];

/** PASS/FAIL against a budget; INFO has no budget; N/A when the thing measured does not exist yet. */
export type Verdict = 'PASS' | 'FAIL' | 'INFO' | 'N/A';

/** One row of the table. */
export interface Figure {
  bench: BenchName;
  figure: string;
  value: string;
  budget: string;
  verdict: Verdict;
}

/** What every benchmark returns: its rows plus everything it measured (goes to bench.json). */
export interface BenchResult<Details = unknown> {
  figures: Figure[];
  details: Details;
}

export function verdict(ok: boolean): Verdict {
  return ok ? 'PASS' : 'FAIL';
}

export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function MB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function ms(value: number, digits = 0): string {
  return `${value.toFixed(digits)} ms`;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (milliseconds: number) => new Promise<void>((done) => setTimeout(done, milliseconds));

export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpu = match[1].trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  return {
    cpu,
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The one table: figure, value, budget, verdict, plus the machine line. Markdown (prints fine too). */
export function renderTable(figures: readonly Figure[], machine: MachineInfo): string {
  const header = ['benchmark', 'figure', 'value', 'budget', 'verdict'];
  const rows = figures.map((f) => [f.bench, f.figure, f.value, f.budget, f.verdict].map(cell));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const failed = figures.filter((f) => f.verdict === 'FAIL').length;
  const passed = figures.filter((f) => f.verdict === 'PASS').length;
  return [
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node} (${machine.platform}), ${machine.date}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `${passed} within budget, ${failed} over budget. Speed figures are ratios against a baseline measured in the same run (2 shared cores: absolute numbers are noisy).`,
  ].join('\n');
}

/** Chromium for the browser benchmarks: Debian's when present, else Playwright's own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident set size of the server process (VmRSS), in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript server script (tsx) as its own process on loopback and resolves once it prints
 * `listening on http://…` (the emulator's own start-up line). Killed with SIGTERM, then SIGKILL.
 */
export function startServerProcess(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, rejectStart) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`${script} did not start in 30 s:\n${output}`));
    }, 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      rejectStart(new Error(`${script} exited with ${code}:\n${output}`));
    };
    child.once('exit', onExit);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      const pid = child.pid;
      // Keep draining the pipes so a chatty server never blocks on a full buffer.
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolveStart({
        url: match[1],
        pid,
        rss: () => readRss(pid),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** VmRSS of a process from /proc/<pid>/status, in bytes (Linux only; NaN elsewhere). */
export function readRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
