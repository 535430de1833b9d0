import { z } from 'zod';

/**
 * zod for the client's schemas, parsing without eval. zod 4 compiles object parsers with
 * `new Function` unless `jitless` is set, and probes for eval when a schema is created — a
 * Content-Security-Policy without `unsafe-eval` reports that probe. Setting the option here, in a
 * module every schema imports, makes it take effect before the first schema exists, however the
 * bundler splits and orders chunks (the app's own `src/config/zod-no-eval.ts` runs too late when
 * the client lands in a shared chunk evaluated before the entry).
 */
z.config({ jitless: true });

export { z };
