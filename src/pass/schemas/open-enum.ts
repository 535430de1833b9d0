import { z } from './zod';

/**
 * A string field whose documented values are listed by Adobe, but where Adobe reserves the right to
 * add new values. Parsing accepts any string (so a new value never breaks the client), while the
 * inferred type keeps the known values for editor completion and exhaustiveness hints.
 */
export type OpenEnum<T extends string> = T | (string & {});

export function openEnum<const T extends readonly [string, ...string[]]>(
  _knownValues: T,
): z.ZodMiniType<OpenEnum<T[number]>, string> {
  // The known values are kept only at the type level; runtime accepts every string on purpose.
  return z.string() as z.ZodMiniType<OpenEnum<T[number]>, string>;
}

/** Epoch milliseconds encoded as a JSON string of digits (sessions use this form). */
export const epochMsStringSchema = z
  .string()
  .check(z.regex(/^\d+$/, 'expected a string of epoch milliseconds'));

/** Epoch milliseconds as a JSON number (profiles, decisions, media tokens). */
export const epochMsSchema = z.number().check(z.int(), z.nonnegative());
