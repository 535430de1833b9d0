/**
 * SHA-256 for hashing a promotional TempPass identity (the viewer's email) in the browser.
 *
 * Web Crypto (`crypto.subtle.digest`) is used when it exists. Browsers expose `crypto.subtle` in
 * secure contexts only, so a phone that opens the app over plain HTTP on a LAN address has none: the
 * pure TypeScript implementation below (FIPS 180-4) gives the same digest there. Framework-free.
 */

/** The part of `Crypto` this module uses; a crypto object without `subtle` forces the fallback. */
export interface DigestCrypto {
  readonly subtle?: Pick<SubtleCrypto, 'digest'> | undefined;
}

/** First 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** First 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** SHA-256 of `bytes`, in pure TypeScript (no Web Crypto). */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
  const blocksLength = Math.ceil((bytes.length + 9) / 64) * 64;
  const data = new Uint8Array(blocksLength);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const view = new DataView(data.buffer);
  const bitLength = bytes.length * 8;
  view.setUint32(blocksLength - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(blocksLength - 4, bitLength >>> 0);

  const h = new Uint32Array(H0);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < blocksLength; offset += 64) {
    for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 64; t += 1) {
      const w15 = w[t - 15]!;
      const w2 = w[t - 2]!;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[t] = w[t - 16]! + s0 + w[t - 7]! + s1;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let t = 0; t < 64; t += 1) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const choice = (e & f) ^ (~e & g);
      const temp1 = (hh + s1 + choice + K[t]! + w[t]!) | 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = (s0 + majority) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) | 0;
    }
    // Uint32Array stores every sum modulo 2^32.
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }

  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  h.forEach((word, index) => out.setUint32(index * 4, word));
  return digest;
}

/** Lower-case hexadecimal of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of the UTF-8 bytes of `text`, as lower-case hex, in pure TypeScript. */
export function sha256HexFallback(text: string): string {
  return toHex(sha256Bytes(new TextEncoder().encode(text)));
}

/**
 * SHA-256 of the UTF-8 bytes of `text`, as lower-case hex. Uses `cryptoImpl.subtle.digest` (Web
 * Crypto) when present, else — or if Web Crypto refuses — the pure TypeScript implementation.
 * `cryptoImpl` defaults to the page's `crypto`; pass an object without `subtle` (or `null`) to force
 * the fallback.
 */
export async function sha256Hex(
  text: string,
  cryptoImpl: DigestCrypto | null = globalThis.crypto ?? null,
): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const subtle = cryptoImpl?.subtle;
  if (subtle && typeof subtle.digest === 'function') {
    try {
      return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
    } catch {
      // Some embedded browsers expose `subtle` but reject digest: use the fallback below.
    }
  }
  return toHex(sha256Bytes(bytes));
}
