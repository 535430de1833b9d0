import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod for the client's schemas: the tree-shakable `zod/mini` build (functional checks, e.g.
 * `z.optional(x)`, `x.check(z.minLength(1))`), which keeps the validators out of the way of the first
 * paint (classic `zod` pulls in every method of every schema class, ~25 kB gzip). Same parser core,
 * same issues and inferred types. Unlike classic, mini ships no locale: the English one is set below so
 * issue messages stay readable ("Invalid input: expected string, received undefined", not just
 * "Invalid input"); they reach the user through config errors and `PassTransportError.issues`.
 *
 * Parsing without eval: mini objects never compile a parser with `new Function`, but the core still
 * probes for eval (`util.allowsEval`) unless `jitless` is set — and a Content-Security-Policy without
 * `unsafe-eval` reports that probe. Setting the option here, in a module every schema imports, makes
 * it take effect before the first schema exists, however the bundler splits and orders chunks.
 */
z.config({ jitless: true, ...en() });

export { z };
