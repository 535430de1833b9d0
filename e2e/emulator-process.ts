import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface EmulatorProcess {
  url: string;
  /** Operating-system process id of the server. */
  pid: number | undefined;
  stop(): Promise<void>;
  /** Sends `signal` (e.g. SIGKILL for a crash) and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the real server (`emulator/main.ts`, the same entry `npm start` uses) on a free loopback
 * port with an in-memory database, and resolves once it prints its URL.
 */
export function startEmulatorProcess(env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(root, 'emulator/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        EMULATOR_DB: ':memory:',
        EMULATOR_THROTTLE: 'per-device',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolveStart, rejectStart) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`emulator did not start in 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const kill = (signal: NodeJS.Signals) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          });
        resolveStart({ url: match[1], pid: child.pid, stop: () => kill('SIGTERM'), kill });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`emulator exited with ${code}:\n${output}`));
    });
  });
}
