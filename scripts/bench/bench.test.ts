// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Manifest } from 'vite';
import { replayBucket } from './api-economy.ts';
import { routesFromRouter } from './bundle.ts';
import { median, percentile } from './common.ts';
import { cumulativeLayoutShift } from './load.ts';

describe('benchmark arithmetic', () => {
  it('percentiles are nearest-rank', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it("replays Adobe's bucket: a burst of 11, then 1 per second", () => {
    const burst = Array.from({ length: 11 }, () => 0);
    expect(replayBucket(burst)).toEqual({ requests: 11, minTokensLeft: 0, refused: 0 });
    expect(replayBucket([...burst, 10]).refused).toBe(1);
    expect(replayBucket([...burst, 1000]).refused).toBe(0);
    expect(replayBucket([0, 5000, 10_000]).minTokensLeft).toBe(10);
  });

  it('CLS is the worst session window (gap < 1 s, window ≤ 5 s)', () => {
    expect(cumulativeLayoutShift([])).toBe(0);
    expect(
      cumulativeLayoutShift([
        { time: 0, value: 0.1 },
        { time: 500, value: 0.1 },
        { time: 3000, value: 0.05 },
      ]),
    ).toBeCloseTo(0.2);
    const steady = Array.from({ length: 12 }, (_, i) => ({ time: i * 900, value: 0.01 }));
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.06);
  });
});

describe('bundle: routes read from the router', () => {
  const chunk = (extra: Partial<Manifest[string]> = {}) => ({ file: 'x.js', ...extra });
  const manifest: Manifest = {
    'index.html': chunk({ isEntry: true }),
    'src/app/app-shell.tsx': chunk({ isDynamicEntry: true }),
    'src/pages/catalog/catalog-page.tsx': chunk({ isDynamicEntry: true }),
    'src/pages/tv/tv-page.tsx': chunk({ isDynamicEntry: true }),
    'src/pages/activate/activate-page.tsx': chunk({
      isDynamicEntry: true,
      dynamicImports: ['src/pages/activate/session-step.tsx'],
    }),
    'src/pages/activate/session-step.tsx': chunk({ isDynamicEntry: true }),
    'src/pages/orphan-page.tsx': chunk({ isDynamicEntry: true }),
  };
  const router = `
    export const router = createBrowserRouter([
      {
        lazy: async () => ({ Component: (await import('./app-shell')).AppShell }),
        ErrorBoundary: RouteError,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../pages/catalog/catalog-page')).X }) },
          { path: 'tv', lazy: async () => ({ Component: (await import('../pages/tv/tv-page')).X }) },
        ],
      },
      {
        Component: MinimalShell,
        children: [
          { path: 'activate', lazy: async () => ({ Component: (await import('../pages/activate/activate-page')).X }) },
        ],
      },
    ]);`;

  it("adds a lazily loaded layout to its children only, and skips a page's own lazy parts", () => {
    expect(routesFromRouter(manifest, router)).toEqual([
      { route: '/', module: 'src/pages/catalog/catalog-page.tsx', layout: 'src/app/app-shell.tsx' },
      { route: '/tv', module: 'src/pages/tv/tv-page.tsx', layout: 'src/app/app-shell.tsx' },
      { route: '/activate', module: 'src/pages/activate/activate-page.tsx' },
      { route: '(src/pages/orphan-page.tsx)', module: 'src/pages/orphan-page.tsx' },
    ]);
  });
});
