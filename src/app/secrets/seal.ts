import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing of short secrets (ADR 0120). A sealed value is one string,
 * `sealed:v1:<base64url(iv ‖ tag ‖ ciphertext)>`, with a fresh 96-bit IV per seal. The
 * associated data binds a value to where it belongs (workspace and field), so a sealed token
 * copied into another workspace's source, or into another field, does not open.
 */
const prefix = 'sealed:v1:';
const ivBytes = 12;
const tagBytes = 16;

export class SealError extends Error {}

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(prefix);

export const seal = (key: Buffer, plaintext: string, associated: string): string => {
  if (key.length !== 32) throw new SealError('the secret key must be 32 bytes');
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return prefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
};

/** Opens a sealed value; a wrong key, another place or a tampered value is a SealError. */
export const unseal = (key: Buffer, sealed: string, associated: string): string => {
  if (!isSealed(sealed)) throw new SealError('not a sealed value');
  const raw = Buffer.from(sealed.slice(prefix.length), 'base64url');
  if (raw.length < ivBytes + tagBytes) throw new SealError('sealed value too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('the secret does not open with this key (was RELAIS_SECRET_KEY or the data directory\'s secret.key changed?)');
  }
};
