// @vitest-environment node
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../pass';
import { emailProblem, hashEmail, normalizeEmail } from './email';
import { promoIdentity } from './free-passes';

const ADOBE_HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  User@Domain.COM \t')).toBe('user@domain.com');
    expect(normalizeEmail('user@domain.com')).toBe('user@domain.com');
  });
});

describe('emailProblem', () => {
  it.each(['user@domain.com', ' User@Domain.com ', 'first.last+tag@mail.example.co.uk'])(
    'accepts %s',
    (email) => {
      expect(emailProblem(email)).toBeNull();
    },
  );

  it('asks for an address when the field is empty', () => {
    expect(emailProblem('')).toBe('Enter your email address.');
    expect(emailProblem('   ')).toBe('Enter your email address.');
  });

  it.each(['user', 'user@', '@domain.com', 'user@domain', 'user@domain.', 'us er@domain.com', 'a@b@c.com'])(
    'rejects %s with an example of a valid address',
    (email) => {
      expect(emailProblem(email)).toBe('Enter an email address like name@example.com.');
    },
  );

  it('rejects an address longer than 254 characters', () => {
    expect(emailProblem(`${'a'.repeat(250)}@b.com`)).toMatch(/too long/);
  });
});

describe('hashEmail', () => {
  it('hashes the normalised address: every spelling gives Adobe’s example hash', async () => {
    for (const typed of ['user@domain.com', '  USER@domain.com', 'User@Domain.Com  ']) {
      expect(await hashEmail(typed, webcrypto)).toBe(ADOBE_HASH);
      expect(await hashEmail(typed, {})).toBe(ADOBE_HASH);
    }
  });

  it('builds AP-TempPass-Identity as Base64 of {"email":"<hash>"} — never the address', async () => {
    const identity = promoIdentity('TempPassPromo', await hashEmail('User@Domain.com', {}));
    expect(identity).toEqual({
      mvpd: 'TempPassPromo',
      key: ADOBE_HASH,
      header:
        'eyJlbWFpbCI6ImY3ZWU1ZWM3MzEyMTY1MTQ4YjY5ZmNjYTFkMjkwNzViMTRiOGFlZjBiNTA0OGEzMzJiMThiODhkMDkwNjlmYjcifQ==',
    });
    expect(JSON.parse(decodeBase64Utf8(identity.header))).toEqual({ email: ADOBE_HASH });
    expect(JSON.stringify(identity)).not.toMatch(/domain\.com/i);
  });
});
