import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its defaults: 19 MiB, 2 passes, as OWASP recommends.
export const hashPassword = (password: string): Promise<string> => hash(password);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash (unknown e-mail) it still pays for
 * one verification, so that timing does not tell which e-mails have accounts.
 */
export const verifyPassword = async (stored: string | undefined, password: string): Promise<boolean> => {
  if (stored === undefined) {
    dummyHash ??= hash('relais-no-such-user-padding');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
};
