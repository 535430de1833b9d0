// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './api-trace-curl';
import { MASK } from './api-trace-mask';

describe('curl builder', () => {
  it('quotes for a POSIX shell, single quotes included', () => {
    expect(shellQuote(`it's "x" $HOME \`y\` \\ !`)).toBe(`'it'\\''s "x" $HOME \`y\` \\ !'`);
    // The shell gives back the exact string.
    const tricky = `a'b"c $HOME \`ls\` \\n\n'' end`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(tricky)}`]).toString()).toBe(tricky);
  });

  it('GET: URL made absolute, headers, no -X; secrets masked by default', () => {
    const curl = toCurl(
      {
        method: 'GET',
        url: '/api/v2/REF30/profiles',
        requestHeaders: { Accept: 'application/json', Authorization: 'Bearer tok123' },
        requestBody: undefined,
      },
      { baseUrl: 'http://127.0.0.1:8080' },
    );
    expect(curl).toBe(
      [
        'curl',
        `'http://127.0.0.1:8080/api/v2/REF30/profiles'`,
        `-H 'Accept: application/json'`,
        `-H 'Authorization: Bearer ${MASK}'`,
      ].join(' \\\n  '),
    );
  });

  it('POST with a body uses --data-raw; reveal shows the secrets; odd methods get -X', () => {
    const call = {
      method: 'POST',
      url: 'https://sp.auth.adobe.com/o/client/token',
      requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' },
      requestBody: "client_id=a&client_secret=it's&grant_type=client_credentials",
    };
    expect(toCurl(call)).toContain(
      `--data-raw 'client_id=a&client_secret=${MASK}&grant_type=client_credentials'`,
    );
    expect(toCurl(call)).not.toContain('-X');
    expect(toCurl(call, { reveal: true })).toContain(
      `--data-raw 'client_id=a&client_secret=it'\\''s&grant_type=client_credentials'`,
    );
    expect(
      toCurl({
        method: 'DELETE',
        url: 'https://h/reset-tempass/v3/reset?x=1',
        requestHeaders: {},
        requestBody: undefined,
      }),
    ).toBe(`curl \\\n  -X DELETE \\\n  'https://h/reset-tempass/v3/reset?x=1'`);
  });
});
