import { describeExcess, measureBundle, removeDir } from './bundle.ts';
import { machineInfo, renderTable } from './common.ts';

/**
 * `npm run size` (part of `npm test`, after lint): one app build and one floor build, each in its own
 * temporary folder (never dist/), then the bundle budgets.
 * Exits 1 when one is broken: the entry route over 1.15× the framework floor, `/activate` over
 * 1.10×, or the player / the API-trace drawer in some route's initial JS.
 */
const started = performance.now();
const result = await measureBundle();
try {
  console.log(renderTable(result.figures, machineInfo()));
  const failed = result.figures.filter((figure) => figure.verdict === 'FAIL');
  console.log(`\nsize check: 2 builds in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length > 0) {
    console.error(`\nsize check FAILED (${failed.length}): ${failed.map((f) => f.figure).join('; ')}`);
    const floor = result.details.floor.jsGzip;
    for (const [route, list] of [
      ['/', result.details.entryContributors],
      ['/activate', result.details.activateContributors],
    ] as const) {
      const size = result.details.routes.find((r) => r.route === route)?.jsGzip ?? 0;
      console.error(
        `${route}: +${((size - floor) / 1000).toFixed(1)} kB gzip over the floor; beyond the floor: ${describeExcess(list)}`,
      );
    }
    process.exitCode = 1;
  }
} finally {
  removeDir(result.app.outDir);
  removeDir(result.floor.outDir);
}
