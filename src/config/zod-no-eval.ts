import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` when it can; our Content-Security-Policy
// forbids eval, so parse without it (and without zod probing for eval, which the browser reports).
z.config({ jitless: true });
