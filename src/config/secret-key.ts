import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSecretKey, type Config } from './env.ts';

/**
 * The key that seals connected accounts' secrets (ADR 0120). RELAIS_SECRET_KEY wins; without it
 * a key is generated once into `<data dir>/secret.key` (64 hex digits, mode 0600) and read back
 * on every later start. Creation uses the `wx` flag, so two processes starting together agree on
 * one key (the loser reads the winner's file). Losing the file loses the stored secrets: the
 * accounts must be reconnected; it belongs in the backups of the data directory.
 */
const cache = new Map<string, Buffer>();

export class SecretKeyError extends Error {}

const readKeyFile = (path: string): Buffer => {
  const key = parseSecretKey(readFileSync(path, 'utf8').trim());
  if (!key) throw new SecretKeyError(`${path} does not hold a 32-byte key (64 hexadecimal characters); restore it from a backup or set RELAIS_SECRET_KEY`);
  // The file is a secret: tighten permissions another tool may have loosened.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return key;
};

export const secretKeyOf = (config: Pick<Config, 'secretKey'>): Buffer => {
  const s = config.secretKey;
  if (s.kind === 'env') return s.key;
  const cached = cache.get(s.path);
  if (cached) return cached;
  let key: Buffer;
  try {
    key = readKeyFile(s.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(s.path), { recursive: true });
    try {
      writeFileSync(s.path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
    }
    key = readKeyFile(s.path);
  }
  cache.set(s.path, key);
  return key;
};
