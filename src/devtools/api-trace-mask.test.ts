// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MASK, maskBody, maskHeaders, maskHeaderValue, maskUrl, viewCall } from './api-trace-mask';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2lnbmF0dXJl';
const SECRET = 'sEcReT-123_abc';
const MEDIA = 'PHNpZ25hdHVyZUluZm8+token+with/slashes==';
const IDENTITY = 'eyJlbWFpbCI6ImFiYyJ9';

describe('masking secrets', () => {
  it('masks the Authorization credential (any scheme) and AP-TempPass-Identity, case-insensitively', () => {
    expect(maskHeaderValue('Authorization', `Bearer ${JWT}`)).toBe(`Bearer ${MASK}`);
    expect(maskHeaderValue('authorization', `bearer ${JWT}`)).toBe(`bearer ${MASK}`);
    expect(maskHeaderValue('Authorization', 'ApiKey abc')).toBe(`ApiKey ${MASK}`);
    expect(maskHeaderValue('Authorization', JWT)).toBe(MASK);
    expect(maskHeaderValue('AP-TempPass-Identity', IDENTITY)).toBe(MASK);
    expect(maskHeaderValue('ap-temppass-identity', IDENTITY)).toBe(MASK);
    const headers = maskHeaders({
      Accept: 'application/json',
      'AP-Device-Identifier': 'fingerprint abc',
      Authorization: `Bearer ${JWT}`,
    });
    expect(headers).toEqual({
      Accept: 'application/json',
      'AP-Device-Identifier': 'fingerprint abc',
      Authorization: `Bearer ${MASK}`,
    });
  });

  it('masks access_token, client_secret, serializedToken and token in JSON bodies, keeping the rest', () => {
    const dcr = JSON.stringify({ client_id: 'id-1', client_secret: SECRET, client_id_issued_at: 1 });
    expect(maskBody(dcr, 'application/json')).toBe(
      JSON.stringify({ client_id: 'id-1', client_secret: MASK, client_id_issued_at: 1 }),
    );
    const token = `{\n  "access_token" : "${JWT}",\n  "refresh_token":"r1",\n  "expires_in": 86400\n}`;
    expect(maskBody(token)).toBe(
      `{\n  "access_token" : "${MASK}",\n  "refresh_token":"${MASK}",\n  "expires_in": 86400\n}`,
    );
    const decisions = JSON.stringify({
      decisions: [{ resource: 'r', authorized: true, token: { notAfter: 1, serializedToken: MEDIA } }],
    });
    const masked = maskBody(decisions, 'application/json; charset=utf-8') ?? '';
    expect(masked).not.toContain(MEDIA);
    expect(JSON.parse(masked)).toEqual({
      decisions: [{ resource: 'r', authorized: true, token: { notAfter: 1, serializedToken: MASK } }],
    });
    const verify = JSON.stringify({ token: MEDIA, resource: 'r' });
    expect(JSON.parse(maskBody(verify) ?? '')).toEqual({ token: MASK, resource: 'r' });
  });

  it('masks values with escaped quotes and values cut off by truncation', () => {
    expect(maskBody(String.raw`{"token":"a\"b\\","x":1}`)).toBe(`{"token":"${MASK}","x":1}`);
    const cut = `{"access_token":"${JWT.slice(0, 20)}`;
    expect(maskBody(cut, 'application/json')).toBe(`{"access_token":"${MASK}"`);
  });

  it('masks form bodies (the DCR token request)', () => {
    const form = `client_id=id-1&client_secret=${encodeURIComponent(SECRET)}&grant_type=client_credentials`;
    expect(maskBody(form, 'application/x-www-form-urlencoded')).toBe(
      `client_id=id-1&client_secret=${MASK}&grant_type=client_credentials`,
    );
    expect(maskBody(`token=${MEDIA}&resource=r`)).toBe(`token=${MASK}&resource=r`);
    expect(maskBody('access_token=a&serializedToken=b&keep=c', 'application/x-www-form-urlencoded')).toBe(
      `access_token=${MASK}&serializedToken=${MASK}&keep=c`,
    );
    // Names that merely contain a secret name are not secrets.
    expect(maskBody('mytoken=a&tokenish=b', 'application/x-www-form-urlencoded')).toBe(
      'mytoken=a&tokenish=b',
    );
  });

  it('masks query strings, not paths or other parameters', () => {
    const url = `/stream/token?token=${encodeURIComponent(MEDIA)}&x=1#token=frag`;
    expect(maskUrl(url)).toBe(`/stream/token?token=${MASK}&x=1#token=frag`);
    expect(maskUrl(`https://h/a?access_token=${JWT}`)).toBe(`https://h/a?access_token=${MASK}`);
    expect(maskUrl(`/a?x=1&client_secret=${SECRET}&serializedToken=s`)).toBe(
      `/a?x=1&client_secret=${MASK}&serializedToken=${MASK}`,
    );
    expect(maskUrl('/api/v2/REF30/profiles')).toBe('/api/v2/REF30/profiles');
  });

  it('viewCall masks every part, and reveal returns the call untouched', () => {
    const call = {
      url: `/stream/r?token=${MEDIA}`,
      requestHeaders: {
        Authorization: `Bearer ${JWT}`,
        'AP-TempPass-Identity': IDENTITY,
        'Content-Type': 'application/json',
      },
      requestBody: JSON.stringify({ token: MEDIA }),
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: JSON.stringify({ access_token: JWT, client_secret: SECRET }),
    };
    const masked = JSON.stringify(viewCall(call, false));
    for (const secret of [JWT, SECRET, MEDIA, IDENTITY]) expect(masked).not.toContain(secret);
    expect(viewCall(call, true)).toBe(call);
  });
});
