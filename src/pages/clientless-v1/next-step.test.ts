// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { V1Exchange } from '../../pass/v1';
import { nextStep } from './next-step';

function answered(status: number, body: string): V1Exchange {
  return {
    request: { method: 'GET', url: 'https://x/api/v1/authorize', headers: {} },
    response: { status, statusText: '', headers: {}, body },
    ok: false,
  };
}

describe('next step after a failed v1 call', () => {
  it('names the MVPD reason of a deny, from JSON or XML', () => {
    const json = answered(
      403,
      '{"status":403,"message":"User not authorized","details":"Upgrade to Premium."}',
    );
    const xml = answered(
      403,
      '<error><status>403</status><message>User not authorized</message><details>Upgrade &amp; watch.</details></error>',
    );
    expect(nextStep('authorize', json)).toBe(
      'The TV provider refused this resource: Upgrade to Premium.. Choose another resource, or sign in with an account that includes it.',
    );
    expect(nextStep('authorize', xml)).toContain('Upgrade & watch.');
  });

  it('sends an unauthenticated device back to the sign-in steps', () => {
    expect(nextStep('media', answered(403, '{"status":403,"message":"User not authenticated"}'))).toMatch(
      /registration code \(step 1\)/,
    );
    expect(nextStep('checkauthn', answered(403, ''))).toMatch(/Open the sign-in link/);
  });

  it('covers the token, the throttle and the network', () => {
    expect(nextStep('regcode', answered(401, ''))).toMatch(/Reload the page/);
    expect(nextStep('regcode', answered(429, '<html>'))).toMatch(/Wait a second/);
    expect(
      nextStep('regcode', {
        request: { method: 'POST', url: 'x', headers: {} },
        error: 'Failed to fetch',
        ok: false,
      }),
    ).toMatch(/Failed to fetch.*emulator is running/);
    expect(nextStep('media', answered(403, '{"status":403,"message":"User not authorized"}'))).toMatch(
      /Authorize it first/,
    );
  });
});
