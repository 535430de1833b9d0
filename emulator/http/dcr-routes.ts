import { Hono } from 'hono';
import { z } from 'zod';
import { issueAccessToken, registerClient } from '../domain/dcr.ts';
import { DcrError } from '../domain/errors.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from './env.ts';
import { methodNotAllowed } from './middleware.ts';
import { DUPLICATE, isFormContentType, isJsonContentType, readBodyText, single } from './request-info.ts';
import { sendJson } from './respond.ts';

/**
 * Dynamic Client Registration (spec dcr.md): `POST /o/client/register` (JSON) and
 * `POST /o/client/token` (form body or query string, both accepted). Errors are OAuth style
 * `400 {"error": …}` (thrown as DcrError, answered by the app's onError).
 */
const MAX_BODY_BYTES = 64 * 1024;

const registerBody = z.looseObject({
  software_statement: z.string().min(1).max(16_384),
  redirect_uri: z.string().min(1).max(2048).optional(),
});

const tokenParams = z.object({
  client_id: z.string().min(1).max(128),
  client_secret: z.string().min(1).max(256),
  grant_type: z.string().min(1).max(64),
});

const TOKEN_PARAM_NAMES = ['client_id', 'client_secret', 'grant_type'] as const;

export function dcrRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();

  router.post('/o/client/register', async (c) => {
    if (!isJsonContentType(c)) throw new DcrError('invalid_request');
    const text = await readBodyText(c, MAX_BODY_BYTES);
    if (text === undefined) throw new DcrError('invalid_request');
    // Credentials go in parameters only: an Authorization header as well is a second authentication
    // mechanism, which OAuth refuses (RFC 6749 §2.3; spec dcr.md §2).
    if (c.req.header('Authorization') !== undefined) throw new DcrError('invalid_request');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DcrError('invalid_request');
    }
    const parsed = registerBody.safeParse(json);
    if (!parsed.success) throw new DcrError('invalid_request');
    const client = registerClient(context, {
      softwareStatement: parsed.data.software_statement,
      redirectUri: parsed.data.redirect_uri,
    });
    return sendJson(
      c,
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_id_issued_at: Math.floor(client.issuedAt / 1000),
        redirect_uris: client.redirectUris,
        grant_types: ['client_credentials'],
        scopes: client.scopes,
      },
      201,
    );
  });
  router.all('/o/client/register', methodNotAllowed(['POST']));

  router.post('/o/client/token', async (c) => {
    const text = await readBodyText(c, MAX_BODY_BYTES);
    if (text === undefined) throw new DcrError('invalid_request');
    // Credentials go in parameters only: an Authorization header as well is a second authentication
    // mechanism, which OAuth refuses (RFC 6749 §2.3; spec dcr.md §2).
    if (c.req.header('Authorization') !== undefined) throw new DcrError('invalid_request');
    if (text.trim() !== '' && !isFormContentType(c)) throw new DcrError('invalid_request');
    const body = new URLSearchParams(isFormContentType(c) ? text : '');
    const values: Record<string, string> = {};
    for (const name of TOKEN_PARAM_NAMES) {
      // A parameter may come from the body or the query string, but only once in total.
      const value = single([...body.getAll(name), ...(c.req.queries(name) ?? [])]);
      if (value === DUPLICATE) throw new DcrError('invalid_request');
      if (value !== undefined) values[name] = value;
    }
    const parsed = tokenParams.safeParse(values);
    if (!parsed.success) throw new DcrError('invalid_request');
    const token = issueAccessToken(context, {
      clientId: parsed.data.client_id,
      clientSecret: parsed.data.client_secret,
      grantType: parsed.data.grant_type,
    });
    return sendJson(
      c,
      {
        id: token.id,
        access_token: token.accessToken,
        created_at: token.createdAt,
        expires_in: token.expiresIn,
        token_type: 'bearer',
      },
      201,
    );
  });
  router.all('/o/client/token', methodNotAllowed(['POST']));

  return router;
}
