import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInRedirectUrl } from './return-path';

describe('safeReturnPath', () => {
  it.each(['/', '/account', '/watch/harbor-morning-brief'])('keeps the app route %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    '/watch/../../etc',
    '/watch/a?b=c',
    '/admin',
    '',
    null,
    undefined,
  ])('replaces %s with /', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('builds the same-origin redirectUrl with the checked path', () => {
    expect(signInRedirectUrl('http://127.0.0.1:8080', '/watch/x')).toBe(
      'http://127.0.0.1:8080/sign-in/complete?to=%2Fwatch%2Fx',
    );
    expect(signInRedirectUrl('http://127.0.0.1:8080', 'https://evil.example')).toBe(
      'http://127.0.0.1:8080/sign-in/complete?to=%2F',
    );
  });
});
