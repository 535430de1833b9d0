/**
 * Standard Base64 (with `=` padding) of the UTF-8 bytes of `text`. `btoa` alone only handles Latin-1,
 * so the string is first turned into bytes.
 */
export function encodeBase64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Inverse of `encodeBase64Utf8`; throws on malformed input. */
export function decodeBase64Utf8(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Base64 of the JSON text of `value` (UTF-8 safe). */
export function encodeJsonBase64(value: unknown): string {
  return encodeBase64Utf8(JSON.stringify(value));
}
