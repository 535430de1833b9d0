import { createSign, createVerify } from 'node:crypto';
import type { SigningKeys } from './keys.ts';

/**
 * Access tokens issued by `POST /o/client/token`: RS256 JWTs with the claims Adobe's samples show
 * (spec dcr.md §2): sub, nbf, iss, scopes, exp, iat (seconds), plus `client_id` so the emulator can
 * find the client. Clients must treat them as opaque.
 */
export interface AccessTokenClaims {
  sub: string;
  client_id: string;
  iss: string;
  scopes: string;
  nbf: number;
  iat: number;
  exp: number;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signAccessToken(keys: SigningKeys, claims: AccessTokenClaims): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(keys.privateKey).toString('base64url')}`;
}

/** The claims of a well-formed, correctly signed token, or undefined. Expiry is checked by the caller. */
export function readAccessToken(keys: SigningKeys, token: string): AccessTokenClaims | undefined {
  if (token.length > 4096) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  try {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${head}.${body}`);
    if (!verifier.verify(keys.publicKey, Buffer.from(signature, 'base64url'))) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (
      claims === null ||
      typeof claims !== 'object' ||
      typeof (claims as AccessTokenClaims).client_id !== 'string' ||
      typeof (claims as AccessTokenClaims).exp !== 'number'
    ) {
      return undefined;
    }
    return claims as AccessTokenClaims;
  } catch {
    return undefined;
  }
}
