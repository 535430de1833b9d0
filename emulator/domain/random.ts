import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Source of every random identifier the emulator hands out (codes, session ids, client ids,
 * secrets, traces) and of every injected fault decision. One interface, two implementations:
 * `cryptoRandom` (the default) and `seededRandom(seed)`, which makes a run reproducible
 * (`EMULATOR_SEED`, or `POST /__emulator/reset {"seed": n}`).
 */
export interface Random {
  uuid(): string;
  /** `length` characters drawn uniformly from `alphabet`. */
  string(alphabet: string, length: number): string;
  hex(bytes: number): string;
  /** A number in [0, 1). */
  float(): number;
}

export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const CODE_LENGTH = 7;

/** Uniform characters by rejection sampling over a byte source. */
function drawString(nextBytes: (count: number) => Uint8Array, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of nextBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

export const cryptoRandom: Random = {
  uuid: () => randomUUID(),
  string: (alphabet, length) => drawString((count) => randomBytes(count), alphabet, length),
  hex: (bytes) => randomBytes(bytes).toString('hex'),
  float: () => randomBytes(4).readUInt32BE(0) / 2 ** 32,
};

/**
 * A deterministic generator (sfc32, 128-bit state derived from SHA-256 of the seed text). Not for
 * secrets in production: the emulator uses it only when a seed is asked for, so that two fresh
 * emulators given the same seed and the same requests hand out byte-identical codes and faults.
 */
export function seededRandom(seed: string | number): Random {
  const digest = createHash('sha256')
    .update(`pass-emulator:${String(seed)}`)
    .digest();
  let a = digest.readUInt32BE(0);
  let b = digest.readUInt32BE(4);
  let c = digest.readUInt32BE(8);
  let d = digest.readUInt32BE(12);
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during them.
  for (let i = 0; i < 12; i += 1) next32();
  const bytes = (count: number): Uint8Array => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i += 4) {
      const word = next32();
      for (let j = 0; j < 4 && i + j < count; j += 1) out[i + j] = (word >>> (24 - 8 * j)) & 0xff;
    }
    return out;
  };
  const hex = (count: number): string => Buffer.from(bytes(count)).toString('hex');
  return {
    uuid() {
      const raw = bytes(16);
      raw[6] = ((raw[6] ?? 0) & 0x0f) | 0x40;
      raw[8] = ((raw[8] ?? 0) & 0x3f) | 0x80;
      const h = Buffer.from(raw).toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    string: (alphabet, length) => drawString(bytes, alphabet, length),
    hex,
    float: () => next32() / 2 ** 32,
  };
}

/** A 7-character authentication code over [A-Z0-9] (spec sessions.md: 36^7 ≈ 7.8e10 values). */
export function newAuthenticationCode(random: Random): string {
  return random.string(CODE_ALPHABET, CODE_LENGTH);
}
