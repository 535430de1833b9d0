import { invalidParameter } from './v1-errors.ts';

/**
 * `generic_data` of the legacy v1 API (spec temppass.md, legacy notes): the promotional TempPass
 * identity as a JSON object whose value is the programmer's hash of the user identifier, e.g.
 * `{"email":"<sha-256 hex>"}`. Adobe's page prints it as `("email":"…")`; both forms are accepted
 * (round brackets are read as braces). The result is the equivalent REST v2 `AP-TempPass-Identity`
 * header value (Base64 of the JSON), so v1 and v2 run the very same TempPass identity rules.
 */
export const MAX_GENERIC_DATA_LENGTH = 2048;

export function identityHeaderFromGenericData(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (text.length > MAX_GENERIC_DATA_LENGTH) throw invalid();
  const json = text.startsWith('(') && text.endsWith(')') ? `{${text.slice(1, -1)}}` : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalid();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function invalid() {
  return invalidParameter(
    'generic_data',
    'generic_data is a JSON object such as {"email":"<hash>"} (or ("email":"<hash>")).',
  );
}
