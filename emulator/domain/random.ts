import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Source of every random identifier the emulator hands out (codes, session ids, client ids,
 * secrets, traces). One interface so a seeded implementation can make runs reproducible.
 */
export interface Random {
  uuid(): string;
  /** `length` characters drawn uniformly from `alphabet`. */
  string(alphabet: string, length: number): string;
  hex(bytes: number): string;
}

export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const CODE_LENGTH = 7;

export const cryptoRandom: Random = {
  uuid: () => randomUUID(),
  string(alphabet, length) {
    // Rejection sampling keeps every character equally likely.
    const limit = 256 - (256 % alphabet.length);
    let out = '';
    while (out.length < length) {
      for (const byte of randomBytes(length * 2)) {
        if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
      }
    }
    return out;
  },
  hex: (bytes) => randomBytes(bytes).toString('hex'),
};

/** A 7-character authentication code over [A-Z0-9] (spec sessions.md: 36^7 ≈ 7.8e10 values). */
export function newAuthenticationCode(random: Random): string {
  return random.string(CODE_ALPHABET, CODE_LENGTH);
}
