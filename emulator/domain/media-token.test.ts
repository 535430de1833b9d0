// @vitest-environment node
import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  mediaTokenBodyId,
  mediaTokenId,
  prepareMediaToken,
  sessionGuid,
  signMediaToken,
  signMediaTokenAsync,
  tokenBody,
  verifyMediaToken,
  VERIFY_SKEW_MS,
  type MediaTokenInput,
} from './media-token.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISSUED = 1_767_225_600_000;

const input: MediaTokenInput = {
  userId: 'acmecable-premium-0001',
  requestor: 'REF30',
  resource: 'harbor-morning-brief',
  ttlMs: 420_000,
  issuedAt: ISSUED,
  mvpd: 'AcmeCable',
};

function decode(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

/** Re-signs an edited body so only the edit (not the signature) is under test. */
function resign(body: string, key = keys.privateKey): string {
  const signer = createSign('RSA-SHA256');
  signer.update(body, 'utf8');
  return Buffer.from(`<signatureInfo>${signer.sign(key).toString('base64')}</signatureInfo>${body}`).toString(
    'base64',
  );
}

describe('media token format', () => {
  it('is Base64 of <signatureInfo>sig</signatureInfo><shortAuthorizationToken>…', () => {
    const token = signMediaToken(keys.privateKey, input);
    expect(token.notBefore).toBe(ISSUED);
    expect(token.notAfter).toBe(ISSUED + 420_000);
    expect(token.serializedToken.startsWith('PHNpZ25hdHVyZUluZm8')).toBe(true);
    const text = decode(token.serializedToken);
    expect(text).toMatch(/^<signatureInfo>[A-Za-z0-9+/=]+<\/signatureInfo><shortAuthorizationToken>/);
    expect(
      text.endsWith(
        `<shortAuthorizationToken><sessionGUID>${sessionGuid(input.userId)}</sessionGUID><requestorID>REF30</requestorID>` +
          `<resourceID>harbor-morning-brief</resourceID><ttl>420000</ttl><issueTime>${ISSUED}</issueTime>` +
          '<mvpdId>AcmeCable</mvpdId></shortAuthorizationToken>',
      ),
    ).toBe(true);
  });

  it('sessionGUID is a stable hash that never shows the user id', () => {
    expect(sessionGuid('u1')).toBe(sessionGuid('u1'));
    expect(sessionGuid('u1')).not.toBe(sessionGuid('u2'));
    expect(sessionGuid('u1')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('xml-escapes the resource and round-trips it through the verifier', () => {
    const resource = '<rss version="2.0"><channel><title>R&D \'s</title></channel></rss>';
    const token = signMediaToken(keys.privateKey, { ...input, resource, proxyMvpd: 'Proxy&Co' });
    expect(tokenBody({ ...input, resource })).toContain('&lt;rss version=&quot;2.0&quot;&gt;');
    const verdict = verifyMediaToken(keys, token.serializedToken, resource, ISSUED, 'REF30');
    expect(verdict).toMatchObject({ status: 'VALID_TOKEN', resourceID: resource, proxyMvpdId: 'Proxy&Co' });
  });
});

describe('verifyMediaToken', () => {
  const token = signMediaToken(keys.privateKey, input).serializedToken;

  it('VALID_TOKEN with the getters’ values', () => {
    expect(verifyMediaToken(keys, token, 'harbor-morning-brief', ISSUED + 1000, 'REF30')).toEqual({
      status: 'VALID_TOKEN',
      sessionGUID: sessionGuid(input.userId),
      requestorID: 'REF30',
      resourceID: 'harbor-morning-brief',
      ttl: 420_000,
      issueTime: ISSUED,
      mvpdId: 'AcmeCable',
    });
    // No resource: signature and window only.
    expect(verifyMediaToken(keys, token, undefined, ISSUED, 'REF30').status).toBe('VALID_TOKEN');
  });

  it('INVALID_TOKEN_FORMAT for garbage, bad Base64, wrong layout, wrong requestor', () => {
    const cases = [
      '',
      'garbage',
      'not base64 !!',
      Buffer.from('<signatureInfo>abc</signatureInfo>').toString('base64'),
      Buffer.from('hello world').toString('base64'),
      'A'.repeat(70_000),
      token.slice(0, -8),
    ];
    for (const value of cases)
      expect(verifyMediaToken(keys, value, undefined, ISSUED, 'REF30').status).toBe('INVALID_TOKEN_FORMAT');
    const wrongLayout = resign('<shortAuthorizationToken><foo>1</foo></shortAuthorizationToken>');
    expect(verifyMediaToken(keys, wrongLayout, undefined, ISSUED, 'REF30').status).toBe(
      'INVALID_TOKEN_FORMAT',
    );
    expect(verifyMediaToken(keys, token, undefined, ISSUED, 'OTHER').status).toBe('INVALID_TOKEN_FORMAT');
  });

  it('INVALID_SIGNATURE for a tampered body, a tampered signature or a foreign key', () => {
    const text = decode(token);
    const tamperedBody = Buffer.from(text.replace('harbor-morning-brief', 'summit-derby-day')).toString(
      'base64',
    );
    expect(verifyMediaToken(keys, tamperedBody, 'summit-derby-day', ISSUED, 'REF30').status).toBe(
      'INVALID_SIGNATURE',
    );
    const sig = /<signatureInfo>([^<]+)<\/signatureInfo>/.exec(text)![1]!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const tamperedSig = Buffer.from(text.replace(sig, flipped)).toString('base64');
    expect(verifyMediaToken(keys, tamperedSig, undefined, ISSUED, 'REF30').status).toBe('INVALID_SIGNATURE');
    const foreign = signMediaToken(other.privateKey, input).serializedToken;
    expect(verifyMediaToken(keys, foreign, undefined, ISSUED, 'REF30').status).toBe('INVALID_SIGNATURE');
  });

  it('TOKEN_EXPIRED outside [issueTime - 30 s, issueTime + ttl + 30 s]', () => {
    const check = (now: number) => verifyMediaToken(keys, token, undefined, now, 'REF30').status;
    expect(check(ISSUED - VERIFY_SKEW_MS)).toBe('VALID_TOKEN');
    expect(check(ISSUED - VERIFY_SKEW_MS - 1)).toBe('TOKEN_EXPIRED');
    expect(check(ISSUED + 420_000 + VERIFY_SKEW_MS)).toBe('VALID_TOKEN');
    expect(check(ISSUED + 420_000 + VERIFY_SKEW_MS + 1)).toBe('TOKEN_EXPIRED');
  });

  it('INVALID_RESOURCE_ID when the resource differs (exact string equality)', () => {
    for (const resource of ['summit-derby-day', 'HARBOR-MORNING-BRIEF', 'harbor-morning-brief ', '']) {
      expect(verifyMediaToken(keys, token, resource, ISSUED, 'REF30').status).toBe('INVALID_RESOURCE_ID');
    }
  });
});

describe('mediaTokenId', () => {
  it('is the same for re-encodings of one token and different for different tokens', () => {
    const token = signMediaToken(keys.privateKey, input).serializedToken;
    const text = decode(token);
    const sig = /<signatureInfo>([^<]+)<\/signatureInfo>/.exec(text)![1]!;
    // A signature with non-canonical trailing Base64 bits decodes to the same bytes.
    const last = sig.replace(/=+$/, '').slice(-1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const bumped = alphabet[alphabet.indexOf(last) + 1]!;
    const variantSig = sig.replace(new RegExp(`${last.replace(/[+/]/g, '\\$&')}(=*)$`), `${bumped}$1`);
    const variant = Buffer.from(text.replace(sig, variantSig)).toString('base64');
    expect(variant).not.toBe(token);
    expect(verifyMediaToken(keys, variant, undefined, ISSUED, 'REF30').status).toBe('VALID_TOKEN');
    expect(mediaTokenId(variant)).toBe(mediaTokenId(token));
    const another = signMediaToken(keys.privateKey, { ...input, issuedAt: ISSUED + 1 }).serializedToken;
    expect(mediaTokenId(another)).not.toBe(mediaTokenId(token));
    expect(mediaTokenId('garbage')).toBeUndefined();
  });
});

describe('signing off the event loop', () => {
  it('signMediaTokenAsync gives the very bytes signMediaToken gives, and a valid token', async () => {
    const prepared = prepareMediaToken(input);
    expect(prepared).toEqual({ notBefore: ISSUED, notAfter: ISSUED + 420_000, body: tokenBody(input) });
    const asynchronous = await signMediaTokenAsync(keys.privateKey, prepared);
    expect(asynchronous).toEqual(signMediaToken(keys.privateKey, input));
    expect(verifyMediaToken(keys, asynchronous.serializedToken, input.resource, ISSUED, 'REF30').status).toBe(
      'VALID_TOKEN',
    );
  });

  it('a token is known by its body before it is signed (mediaTokenBodyId = mediaTokenId)', async () => {
    const prepared = prepareMediaToken(input);
    const signed = await signMediaTokenAsync(keys.privateKey, prepared);
    expect(mediaTokenBodyId(prepared.body)).toBe(mediaTokenId(signed.serializedToken));
  });

  it('many signatures at once each cover their own body', async () => {
    const prepared = Array.from({ length: 12 }, (_, index) =>
      prepareMediaToken({ ...input, resource: `title-${index}` }),
    );
    const signed = await Promise.all(prepared.map((token) => signMediaTokenAsync(keys.privateKey, token)));
    signed.forEach((token, index) => {
      const result = verifyMediaToken(keys, token.serializedToken, `title-${index}`, ISSUED, 'REF30');
      expect(result.status).toBe('VALID_TOKEN');
    });
  });

  it('rejects when the key cannot sign', async () => {
    await expect(signMediaTokenAsync(keys.publicKey, prepareMediaToken(input))).rejects.toThrow();
  });
});
