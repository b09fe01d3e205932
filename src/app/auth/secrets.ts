import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to clients (session cookies, API tokens, invitation links)
 * are random and stored only as their SHA-256: a copy of the database does
 * not let anyone sign in. 128 bits at least, so a plain hash is enough.
 */
export const newSecret = (bytes = 16, prefix = ''): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
