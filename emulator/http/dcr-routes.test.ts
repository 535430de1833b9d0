// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readAccessToken } from '../domain/access-token.ts';
import { createSeed, makeSoftwareStatement } from '../domain/seed.ts';
import { revokeClient } from '../store/clients.ts';
import { formBody, makeEmulator, registerClient, SP } from '../test-support.ts';
import {
  dcrErrorSchema,
  dcrRegisterResponseSchema,
  dcrTokenResponseSchema,
} from '../../src/pass/schemas/index.ts';

const statement = createSeed().softwareStatement;

function register(
  app: ReturnType<typeof makeEmulator>['app'],
  body: unknown,
  contentType = 'application/json',
) {
  return app.request('/o/client/register', {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function token(
  app: ReturnType<typeof makeEmulator>['app'],
  body: string,
  query = '',
  contentType = 'application/x-www-form-urlencoded',
) {
  return app.request(`/o/client/token${query}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
}

async function expectDcrError(response: Response, error: string) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  const body = dcrErrorSchema.parse(await response.json());
  expect(body).toEqual({ error });
}

describe('POST /o/client/register', () => {
  it('answers 201 with client credentials, issued_at in seconds', async () => {
    const { app, context } = makeEmulator();
    const response = await register(app, {
      software_statement: statement,
      redirect_uri: 'adobepass://com.example.passref',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = dcrRegisterResponseSchema.parse(await response.json());
    expect(body.grant_types).toEqual(['client_credentials']);
    expect(body.scopes).toEqual(['api:client:v2']);
    expect(body.redirect_uris).toEqual(['adobepass://com.example.passref']);
    expect(body.client_id_issued_at).toBe(Math.floor(context.clock.now() / 1000));
    expect(body.client_id).not.toBe(body.client_secret);
  });

  it('accepts a missing redirect_uri and an http(s) one on a registered domain', async () => {
    const { app } = makeEmulator();
    expect((await register(app, { software_statement: statement })).status).toBe(201);
    const ok = await register(app, {
      software_statement: statement,
      redirect_uri: 'https://passref.example/back',
    });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { redirect_uris: string[] }).redirect_uris).toEqual([
      'https://passref.example/back',
    ]);
  });

  it('accepts the redirect_uri of Adobe’s sample request (spec dcr.md §1)', async () => {
    const { app } = makeEmulator();
    const response = await register(app, {
      software_statement: statement,
      redirect_uri: 'adobepass://com.programmer',
    });
    expect(response.status).toBe(201);
  });

  it.each([
    ['https://evil.example/cb'],
    ['javascript:alert(1)'],
    ['adobepass://com.other.app'],
    ['not a url'],
    ['x'.repeat(3000)],
  ])('refuses redirect_uri %s → invalid_redirect_uri or invalid_request', async (uri) => {
    const { app } = makeEmulator();
    const response = await register(app, { software_statement: statement, redirect_uri: uri });
    await expectDcrError(response, uri.length > 2048 ? 'invalid_request' : 'invalid_redirect_uri');
  });

  it.each([
    ['not-a-jws'],
    ['a.b'],
    ['eyJhbGciOiJSUzI1NiJ9.!!!.sig'],
    [`${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1,2]').toString('base64url')}.sig`],
    [
      `${Buffer.from('{}').toString('base64url')}.${Buffer.from('{"software_id":42}').toString('base64url')}.sig`,
    ],
  ])('refuses an unparsable statement %s → invalid_software_statement', async (value) => {
    const { app } = makeEmulator();
    await expectDcrError(await register(app, { software_statement: value }), 'invalid_software_statement');
  });

  it('accepts a statement the seed does not list (RFC 7591’s sample) with the main statement’s rights', async () => {
    const { app } = makeEmulator();
    const sample = [
      Buffer.from('{"alg":"RS256"}').toString('base64url'),
      Buffer.from(
        '{"software_id":"4NRB1-0XZABZI9E6-5SM3R","client_name":"Example Statement-based Client","client_uri":"https://client.example.net/"}',
      ).toString('base64url'),
      'c2lnbmF0dXJl',
    ].join('.');
    const registered = await register(app, { software_statement: sample });
    expect(registered.status).toBe(201);
    const { client_id, client_secret } = (await registered.json()) as Record<string, string>;
    const issued = await token(
      app,
      formBody({ client_id: client_id!, client_secret: client_secret!, grant_type: 'client_credentials' }),
    );
    expect(issued.status).toBe(201);
    const { access_token } = (await issued.json()) as { access_token: string };
    const configuration = await app.request(`/api/v2/${SP}/configuration`, {
      headers: {
        Authorization: `Bearer ${access_token}`,
        'AP-Device-Identifier': `fingerprint ${Buffer.from('rfc-sample-device').toString('base64')}`,
      },
    });
    expect(configuration.status).toBe(200);
  });

  it('accepts a statement without software_id; the same statement is the same application', async () => {
    const { app, context } = makeEmulator();
    const anonymous = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"client_name":"x"}').toString('base64url')}.sig`;
    expect((await register(app, { software_statement: anonymous })).status).toBe(201);
    expect((await register(app, { software_statement: anonymous })).status).toBe(201);
    const ids = context.db.prepare('SELECT DISTINCT software_id FROM clients').all() as {
      software_id: string;
    }[];
    expect(ids).toHaveLength(1);
    expect(ids[0]?.software_id).toMatch(/^unnamed-[0-9a-f]{24}$/);
  });

  it('refuses a statement not enabled for REST v2 → unapproved_software_statement', async () => {
    const seed = createSeed();
    seed.softwareStatements.push({
      softwareId: 'v1-only',
      serviceProviders: [SP],
      scopes: ['config:client'],
      canResetTempPass: false,
    });
    const { app } = makeEmulator({ seed });
    await expectDcrError(
      await register(app, { software_statement: makeSoftwareStatement('v1-only') }),
      'unapproved_software_statement',
    );
  });

  it.each([
    ['invalid JSON', '{"software_statement":', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['missing statement', '{}', 'application/json'],
    ['statement not a string', '{"software_statement":42}', 'application/json'],
    ['a form body', `software_statement=${statement}`, 'application/x-www-form-urlencoded'],
    ['no content type', JSON.stringify({ software_statement: statement }), ''],
    [
      'a huge body',
      JSON.stringify({ software_statement: statement, pad: 'x'.repeat(70_000) }),
      'application/json',
    ],
  ])('answers invalid_request for %s', async (_label, body, contentType) => {
    const { app } = makeEmulator();
    const response = await app.request('/o/client/register', {
      method: 'POST',
      headers: contentType ? { 'Content-Type': contentType } : {},
      body,
    });
    await expectDcrError(response, 'invalid_request');
  });

  it('accepts application/json;charset=utf-8', async () => {
    const { app } = makeEmulator();
    expect(
      (await register(app, { software_statement: statement }, 'application/json;charset=utf-8')).status,
    ).toBe(201);
  });

  it('answers 405 for other methods', async () => {
    const { app } = makeEmulator();
    const response = await app.request('/o/client/register', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { code: string }).code).toBe('invalid_http_method');
  });
});

describe('POST /o/client/token', () => {
  it('answers 201 with a bearer JWT valid for accessTokenTtlSeconds (form body)', async () => {
    const { app, context } = makeEmulator();
    const client = await registerClient(app);
    const response = await token(app, formBody({ ...client, grant_type: 'client_credentials' }));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = dcrTokenResponseSchema.parse(await response.json());
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(context.seed.accessTokenTtlSeconds);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(body.created_at - context.clock.now())).toBeLessThan(5000);
    const claims = readAccessToken(context.keys, body.access_token);
    expect(claims).toMatchObject({
      client_id: client.client_id,
      iss: 'auth.adobe.com',
      scopes: 'api:client:v2',
    });
    expect(claims!.exp - claims!.iat).toBe(21_600);
    expect(claims!.nbf).toBe(claims!.iat);
  });

  it('accepts the parameters in the query string (empty POST)', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    const query = `?${formBody({ ...client, grant_type: 'client_credentials' })}`;
    const response = await app.request(`/o/client/token${query}`, { method: 'POST' });
    expect(response.status).toBe(201);
  });

  it('uses the emulator clock for created_at and the token times', async () => {
    const { app, context } = makeEmulator();
    context.clock.advance(10 * 86_400_000);
    const client = await registerClient(app);
    const body = (await (
      await token(app, formBody({ ...client, grant_type: 'client_credentials' }))
    ).json()) as {
      created_at: number;
    };
    expect(Math.abs(body.created_at - context.clock.now())).toBeLessThan(5000);
  });

  it('answers invalid_client for unknown id, wrong secret, revoked client', async () => {
    const { app, context } = makeEmulator();
    const client = await registerClient(app);
    await expectDcrError(
      await token(app, formBody({ client_id: 'nope', client_secret: 'x', grant_type: 'client_credentials' })),
      'invalid_client',
    );
    await expectDcrError(
      await token(
        app,
        formBody({
          client_id: client.client_id,
          client_secret: `${client.client_secret}x`,
          grant_type: 'client_credentials',
        }),
      ),
      'invalid_client',
    );
    revokeClient(context.db, client.client_id);
    await expectDcrError(
      await token(app, formBody({ ...client, grant_type: 'client_credentials' })),
      'invalid_client',
    );
  });

  it('answers unsupported_grant_type for unknown grants', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    await expectDcrError(
      await token(app, formBody({ ...client, grant_type: 'magic_beans' })),
      'unsupported_grant_type',
    );
  });

  it('answers unauthorized_client for OAuth grants this client may not use', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    for (const grant of ['password', 'refresh_token', 'authorization_code']) {
      await expectDcrError(
        await token(app, formBody({ ...client, grant_type: grant })),
        'unauthorized_client',
      );
    }
    // A client that cannot authenticate learns nothing about grants.
    await expectDcrError(
      await token(app, formBody({ ...client, client_secret: 'wrong', grant_type: 'password' })),
      'invalid_client',
    );
  });

  it.each([
    [
      'missing grant_type',
      (c: Record<string, string>) => formBody({ client_id: c.client_id!, client_secret: c.client_secret! }),
      '',
    ],
    [
      'missing secret',
      (c: Record<string, string>) => formBody({ client_id: c.client_id!, grant_type: 'client_credentials' }),
      '',
    ],
    [
      'repeated client_id',
      (c: Record<string, string>) => `${formBody({ ...c, grant_type: 'client_credentials' })}&client_id=x`,
      '',
    ],
    [
      'body and query both',
      (c: Record<string, string>) => formBody({ ...c, grant_type: 'client_credentials' }),
      '?grant_type=client_credentials',
    ],
    [
      'an overlong client_id',
      () => formBody({ client_id: 'x'.repeat(500), client_secret: 's', grant_type: 'client_credentials' }),
      '',
    ],
  ])('answers invalid_request for %s', async (_label, build, query) => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    await expectDcrError(await token(app, build(client), query), 'invalid_request');
  });

  it('answers invalid_request when an Authorization header comes with the parameters (two mechanisms)', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    const params = formBody({ ...client, grant_type: 'client_credentials' });
    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    const response = await app.request('/o/client/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      body: params,
    });
    await expectDcrError(response, 'invalid_request');
    expect((await token(app, params)).status).toBe(201);
  });

  it('answers invalid_request for a JSON body', async () => {
    const { app } = makeEmulator();
    const client = await registerClient(app);
    const response = await token(
      app,
      JSON.stringify({ ...client, grant_type: 'client_credentials' }),
      '',
      'application/json',
    );
    await expectDcrError(response, 'invalid_request');
  });

  it('answers 405 for GET', async () => {
    const { app } = makeEmulator();
    const response = await app.request('/o/client/token');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
