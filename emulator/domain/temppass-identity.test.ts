// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PassError } from './errors.ts';
import { MAX_IDENTITY_LENGTH, parseTempPassIdentity, tempPassUserId } from './temppass-identity.ts';

/** `AP-TempPass-Identity` parsing (spec headers.md §6). */
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';

function failure(header: string | undefined): unknown {
  try {
    parseTempPassIdentity(header, 'email');
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseTempPassIdentity', () => {
  it('reads the configured key of a Base64 JSON object (standard or URL-safe Base64, any padding)', () => {
    expect(parseTempPassIdentity(b64(JSON.stringify({ email: HASH })), 'email')).toBe(HASH);
    // Adobe's own examples (a raw address; with a space after the colon).
    expect(parseTempPassIdentity('eyJlbWFpbCI6ImZvb0BiYXIuY29tIn0=', 'email')).toBe('foo@bar.com');
    expect(parseTempPassIdentity('eyJlbWFpbCI6ICJleGFtcGxlQGRvbWFpbi5jb20ifQ==', 'email')).toBe(
      'example@domain.com',
    );
    const urlSafe = Buffer.from(JSON.stringify({ email: '??>>' })).toString('base64url');
    expect(parseTempPassIdentity(urlSafe, 'email')).toBe('??>>');
    expect(parseTempPassIdentity(` ${b64('{"email":"x","other":1}')} `, 'email')).toBe('x');
    expect(parseTempPassIdentity(b64('{"userKey":"k"}'), 'userKey')).toBe('k');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not Base64', 'not base64!'],
    ['Base64 of non-JSON', b64('email=foo')],
    ['a JSON array', b64('["foo"]')],
    ['JSON null', b64('null')],
    ['a JSON string', b64('"foo"')],
    ['key absent', b64('{"mail":"foo"}')],
    ['key of another case', b64('{"Email":"foo"}')],
    ['empty value', b64('{"email":""}')],
    ['number value', b64('{"email":42}')],
    ['object value', b64('{"email":{"a":1}}')],
    ['control character', b64('{"email":"a\\u0000b"}')],
    ['too long', b64(JSON.stringify({ email: 'x'.repeat(MAX_IDENTITY_LENGTH + 1) }))],
    ['huge header', 'A'.repeat(10_000)],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64')],
    ['inherited key', b64('{"__proto__":{"email":"x"}}')],
  ])('%s → invalid_header_identity_for_temporary_access (400, action none)', (_name, header) => {
    const error = failure(header);
    expect(error).toBeInstanceOf(PassError);
    expect(error).toMatchObject({
      code: 'invalid_header_identity_for_temporary_access',
      status: 400,
      action: 'none',
    });
  });

  it('accepts an identity of exactly the maximum length', () => {
    const value = 'y'.repeat(MAX_IDENTITY_LENGTH);
    expect(parseTempPassIdentity(b64(JSON.stringify({ email: value })), 'email')).toBe(value);
  });
});

describe('tempPassUserId', () => {
  it('is temppass_ + 40 hex, stable per device and identity', () => {
    expect(tempPassUserId('d', 'h')).toMatch(/^temppass_[0-9a-f]{40}$/);
    expect(tempPassUserId('d', 'h')).toBe(tempPassUserId('d', 'h'));
    expect(tempPassUserId('d', 'h')).not.toBe(tempPassUserId('d', undefined));
  });
});
