// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  authorizeDenySample,
  authorizePermitSample,
  configurationSample,
  invalidServiceProviderErrorSample,
  logoutInteractiveSample,
  preauthorizeMixedSample,
  regularProfilesSample,
  sessionAuthenticateSample,
  sessionStatusSample,
  tempPassProfilesSample,
} from '../testing/fixtures';
import {
  configurationResponseSchema,
  dcrErrorSchema,
  dcrRegisterResponseSchema,
  dcrTokenResponseSchema,
  decisionsResponseSchema,
  enhancedErrorSchema,
  logoutResponseSchema,
  profilesResponseSchema,
  sessionResponseSchema,
  sessionStatusResponseSchema,
} from './index';

describe('schemas accept the spec examples', () => {
  it.each([
    ['configuration', configurationResponseSchema, configurationSample],
    ['session', sessionResponseSchema, sessionAuthenticateSample],
    ['session status', sessionStatusResponseSchema, sessionStatusSample],
    ['profiles', profilesResponseSchema, regularProfilesSample],
    ['temppass profiles', profilesResponseSchema, tempPassProfilesSample],
    ['authorize permit', decisionsResponseSchema, authorizePermitSample],
    ['authorize deny', decisionsResponseSchema, authorizeDenySample],
    ['preauthorize mixed', decisionsResponseSchema, preauthorizeMixedSample],
    ['logout', logoutResponseSchema, logoutInteractiveSample],
    ['enhanced error', enhancedErrorSchema, invalidServiceProviderErrorSample],
  ] as const)('%s', (_name, schema, sample) => {
    expect(schema.parse(sample)).toEqual(sample);
  });

  it('DCR register, token and error bodies', () => {
    const register = {
      client_id: 's6BhdRkqt3',
      client_secret: 't7AkePiru4',
      redirect_uris: ['app://com.programmer.adobe#x'],
      grant_types: ['client_credentials'],
      scopes: ['api:client:v2'],
      client_id_issued_at: 1723227212,
    };
    const token = {
      id: 'a932f8f0-210a-41a4-b2a8-377751f6b76f',
      access_token: '2YotnFZFEjr1zCsicMWpAA',
      created_at: 1752148106221,
      expires_in: 21600,
      token_type: 'bearer',
    };
    expect(dcrRegisterResponseSchema.parse(register)).toEqual(register);
    expect(dcrTokenResponseSchema.parse(token)).toEqual(token);
    expect(dcrErrorSchema.parse({ error: 'invalid_client' })).toEqual({ error: 'invalid_client' });
  });
});

describe('schemas keep forward compatibility', () => {
  it('accepts unknown values of open enums and keeps extra fields', () => {
    const session = sessionResponseSchema.parse({
      ...sessionAuthenticateSample,
      actionName: 'new_action',
      extra: 1,
    });
    expect(session.actionName).toBe('new_action');
    expect((session as Record<string, unknown>)['extra']).toBe(1);
    expect(enhancedErrorSchema.parse({ status: 429, code: 'brand_new', action: 'retry-later' }).code).toBe(
      'brand_new',
    );
  });
});

describe('schemas reject wrong types', () => {
  it('session times must be digit strings', () => {
    expect(
      sessionResponseSchema.safeParse({ ...sessionAuthenticateSample, notAfter: 1733737089035 }).success,
    ).toBe(false);
    expect(
      sessionResponseSchema.safeParse({ ...sessionAuthenticateSample, notAfter: '17337x' }).success,
    ).toBe(false);
  });

  it('profile times must be numbers', () => {
    const profile = { ...regularProfilesSample.profiles.Cablevision, notBefore: '1752149281000' };
    expect(profilesResponseSchema.safeParse({ profiles: { Cablevision: profile } }).success).toBe(false);
  });

  it('a deny needs an error and a permit must say authorized:true', () => {
    const { error: _dropped, ...deny } = authorizeDenySample.decisions[0]!;
    expect(decisionsResponseSchema.safeParse({ decisions: [deny] }).success).toBe(false);
    expect(decisionsResponseSchema.safeParse({ decisions: [{ ...deny, authorized: 'true' }] }).success).toBe(
      false,
    );
  });

  it('enhanced error needs an integer status, a code and an action', () => {
    expect(enhancedErrorSchema.safeParse({ status: '400', code: 'x', action: 'none' }).success).toBe(false);
    expect(enhancedErrorSchema.safeParse({ status: 400, action: 'none' }).success).toBe(false);
    expect(enhancedErrorSchema.safeParse({ status: 400, code: 'x' }).success).toBe(false);
  });

  it('DCR issued-at is an integer and the token needs expires_in', () => {
    expect(dcrRegisterResponseSchema.safeParse({ client_id: 'a', client_secret: 'b' }).success).toBe(false);
    expect(
      dcrTokenResponseSchema.safeParse({ id: 'x', access_token: 'a', created_at: 1, token_type: 'bearer' })
        .success,
    ).toBe(false);
  });
});
