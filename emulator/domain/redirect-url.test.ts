// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isAllowedRedirectUrl, isRegisteredDomainName, redirectHref } from './redirect-url.ts';
import { createSeed } from './seed.ts';

const seed = createSeed(); // domains: localhost, 127.0.0.1, passref.example

describe('redirect URL rules', () => {
  it.each([
    ['http://localhost:5173/cb', undefined, true],
    ['https://127.0.0.1/cb', undefined, true],
    ['https://passref.example/', undefined, true],
    ['https://tv.passref.example/x', undefined, true],
    ['https://PASSREF.example/x', undefined, true],
    ['http://emu.test:4000/back', 'http://emu.test:4000', true],
    ['http://emu.test:4001/back', 'http://emu.test:4000', false],
    ['https://emu.test:4000/back', 'http://emu.test:4000', false],
    ['https://passref.example.evil/', undefined, false],
    ['https://evilpassref.example/', undefined, false],
    ['ftp://localhost/', undefined, false],
    ['adobepass://com.example.passref', undefined, false],
    ['//localhost/x', undefined, false],
    ['http://a@localhost/', undefined, false],
    ['http://localhost/a b', undefined, false],
    ['http://localhost/\tx', undefined, false],
    ['', undefined, false],
  ])('%s (origin %s) → %s', (url, origin, expected) => {
    expect(isAllowedRedirectUrl(seed, url, origin)).toBe(expected);
  });

  it('normalises for Location headers', () => {
    expect(redirectHref('http://localhost/é')).toBe('http://localhost/%C3%A9');
    expect(redirectHref('nope')).toBeUndefined();
  });

  it('domainName matches registered domains exactly (case-insensitive)', () => {
    expect(isRegisteredDomainName(seed, 'LocalHost')).toBe(true);
    expect(isRegisteredDomainName(seed, 'tv.passref.example')).toBe(false);
  });
});
