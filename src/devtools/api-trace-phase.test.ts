// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { classifyCall, tempPassMvpdsFrom, type TracePhase } from './api-trace-phase';

const H = 'https://sp.auth.adobe.com';

describe('classifyCall: the cookbook phase of every Adobe path', () => {
  const cases: [string, string, TracePhase, RegExp][] = [
    ['POST', '/o/client/register', 'registration', /^A1 /],
    ['POST', `${H}/o/client/token`, 'registration', /^A2 /],
    ['GET', '/api/v2/REF30/configuration', 'authentication', /^B3\.1 /],
    ['POST', '/api/v2/REF30/sessions', 'authentication', /Create a session/],
    ['POST', '/api/v2/REF30/sessions/ABC1234', 'authentication', /Resume a session/],
    ['GET', '/api/v2/REF30/sessions/ABC1234', 'authentication', /Look up a session code/],
    ['GET', `${H}/api/v2/authenticate/REF30/ABC1234`, 'authentication', /Authenticate at the MVPD/],
    ['GET', '/api/v2/REF30/profiles', 'authentication', /^B2 Existing profiles/],
    ['GET', '/api/v2/REF30/profiles/AcmeCable', 'authentication', /^B2 Profile for the MVPD$/],
    ['GET', '/api/v2/REF30/profiles/code/ABC1234', 'authentication', /^B4 /],
    ['POST', '/api/v2/REF30/decisions/preauthorize/AcmeCable', 'preauthorization', /^C Preauthorize$/],
    ['POST', `${H}/api/v2/REF30/decisions/authorize/AcmeCable`, 'authorization', /^D1 Authorize$/],
    ['POST', '/media-token/verify', 'authorization', /^D2 Verify the media token/],
    ['GET', '/stream/summit-court-side?token=abc', 'authorization', /^D2 Stream/],
    ['GET', '/api/v2/REF30/logout/AcmeCable?redirectUrl=x', 'logout', /^E Logout$/],
    ['GET', '/api/v2/REF30/profiles/TempPass', 'temporary-access', /Profile for the MVPD \(TempPass\)/],
    [
      'POST',
      '/api/v2/REF30/decisions/preauthorize/TempPassPromo',
      'temporary-access',
      /Preauthorize \(TempPass\)/,
    ],
    ['POST', '/api/v2/REF30/decisions/authorize/TempPass', 'temporary-access', /D1 Authorize \(TempPass\)/],
    ['GET', '/api/v2/REF30/logout/TempPass', 'temporary-access', /E Logout \(TempPass\)/],
    [
      'DELETE',
      'https://mgmt.auth.adobe.com/reset-tempass/v3/reset?device_id=all',
      'temporary-access',
      /Reset TempPass/,
    ],
    ['DELETE', '/reset-tempass/v3/reset/generic?key=k', 'temporary-access', /Reset TempPass/],
    ['GET', '/app-config.json', 'other', /Other/],
    ['GET', '/api/v2/REF30/something-new', 'other', /REST API v2/],
  ];
  it.each(cases)('%s %s → %s', (method, url, phase, step) => {
    const result = classifyCall({ method, url });
    expect(result.phase).toBe(phase);
    expect(result.step).toMatch(step);
  });

  it('uses TempPass ids from the configuration, the AP-TempPass-Identity header and the session form', () => {
    const tempPassMvpds = new Set(['FreeTrial']);
    expect(
      classifyCall({ method: 'POST', url: '/api/v2/REF30/decisions/authorize/FreeTrial' }, { tempPassMvpds })
        .phase,
    ).toBe('temporary-access');
    expect(
      classifyCall({
        method: 'POST',
        url: '/api/v2/REF30/decisions/authorize/Trial2',
        requestHeaders: { 'AP-TempPass-Identity': 'eyJ9' },
      }).phase,
    ).toBe('temporary-access');
    expect(
      classifyCall({
        method: 'POST',
        url: '/api/v2/REF30/sessions',
        requestBody: 'mvpd=TempPass&domainName=x',
      }).phase,
    ).toBe('temporary-access');
    expect(
      classifyCall({
        method: 'POST',
        url: '/api/v2/REF30/sessions',
        requestBody: 'mvpd=AcmeCable&domainName=x',
      }).phase,
    ).toBe('authentication');
  });

  it('learns TempPass MVPDs from configuration answers', () => {
    const body = JSON.stringify({
      requestor: {
        mvpds: [
          { id: 'AcmeCable', isTempPass: false },
          { id: 'FreeTrial', isTempPass: true },
        ],
      },
    });
    const ids = tempPassMvpdsFrom([
      { url: '/api/v2/REF30/configuration', status: 200, responseBody: body },
      { url: '/api/v2/REF30/configuration', status: 200, responseBody: '{"requestor":' },
    ]);
    expect([...ids]).toEqual(['FreeTrial']);
  });
});
