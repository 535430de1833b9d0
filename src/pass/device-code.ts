/**
 * A typed authentication code as Adobe knows it: upper case, without the spaces and dashes people
 * type (its own module so code entry loads nothing else of the client).
 */
export function normalizeCode(input: string): string {
  return input.replace(/[\s\-\u2010-\u2015]/g, '').toUpperCase();
}
