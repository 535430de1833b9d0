import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { getMeta, setMeta, type Db } from '../store/database.ts';

/**
 * The emulator's RSA key: signs access tokens (RS256 JWT) and media tokens (spec media-token.md).
 * Generated on first start and kept in the database, so tokens issued before a restart still verify.
 */
export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export function loadOrCreateSigningKeys(db: Db): SigningKeys {
  let pem = getMeta(db, 'signing_key');
  if (!pem) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    setMeta(db, 'signing_key', pem);
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
