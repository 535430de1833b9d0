import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the SPA once; every worker's emulator process serves this build. E2E_SKIP_BUILD=1 skips;
 * PASS_STATIC_DIR builds into (and the emulator serves from) another folder than dist/.
 */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(
    process.execPath,
    [
      resolve(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      ...(process.env.PASS_STATIC_DIR
        ? ['--outDir', resolve(process.env.PASS_STATIC_DIR), '--emptyOutDir']
        : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
