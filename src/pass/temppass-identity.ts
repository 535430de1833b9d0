import { encodeJsonBase64 } from './base64';

/** `AP-TempPass-Identity`: Base64 of a JSON object such as `{"email":"<sha256 hex>"}` (headers.md §6). */
export function encodeTempPassIdentity(identity: Readonly<Record<string, string>>): string {
  return encodeJsonBase64(identity);
}
