// @vitest-environment node
import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sha256Bytes, sha256Hex, sha256HexFallback, toHex, type DigestCrypto } from './sha256';

/** Adobe's example (reset-temppass.md) and the FIPS 180-2 / NIST test vectors. */
const VECTORS: [label: string, input: string, digest: string][] = [
  [
    "Adobe's user@domain.com",
    'user@domain.com',
    'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7',
  ],
  ['empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    '448-bit message (padding spills into a second block)',
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    '896-bit message (two blocks of data)',
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  [
    'non-ASCII text (UTF-8: 2-, 3- and 4-byte characters)',
    'Grüße, 日本 🎬',
    '6d4cb051aae50beee9f1952e50fd49155a5678cc943861672ceb38f36109b6a1',
  ],
];

const noSubtle: DigestCrypto = {};

describe('sha256Hex', () => {
  it.each(VECTORS)('Web Crypto path: %s', async (_label, input, digest) => {
    const digestSpy = vi.spyOn(webcrypto.subtle, 'digest');
    expect(await sha256Hex(input, webcrypto)).toBe(digest);
    expect(digestSpy).toHaveBeenCalledTimes(1);
    digestSpy.mockRestore();
  });

  it.each(VECTORS)('fallback path (a crypto object without subtle): %s', async (_label, input, digest) => {
    expect(await sha256Hex(input, noSubtle)).toBe(digest);
    expect(await sha256Hex(input, null)).toBe(digest);
    expect(sha256HexFallback(input)).toBe(digest);
  });

  it('falls back when Web Crypto rejects the digest', async () => {
    const broken: DigestCrypto = { subtle: { digest: () => Promise.reject(new Error('not allowed')) } };
    expect(await sha256Hex('abc', broken)).toBe(VECTORS[2]![2]);
  });

  it('the fallback hashes one million "a" (15 625 blocks)', () => {
    expect(sha256HexFallback('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('the fallback matches node:crypto at every length around the block boundaries', () => {
    for (let length = 0; length <= 200; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 31 + length) & 0xff);
      expect(toHex(sha256Bytes(bytes)), `length ${length}`).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    }
  });
});
