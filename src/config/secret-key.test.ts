import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env.ts';
import { SecretKeyError, secretKeyOf } from './secret-key.ts';

test('RELAIS_SECRET_KEY: 64 hex digits or base64 of 32 bytes; anything else is a listed configuration problem', () => {
  const hex = 'ab'.repeat(32);
  const c = loadConfig({ RELAIS_SECRET_KEY: hex });
  assert.equal(c.secretKey.kind, 'env');
  assert.deepEqual(secretKeyOf(c), Buffer.from(hex, 'hex'));
  const b64 = Buffer.alloc(32, 9).toString('base64');
  assert.deepEqual(secretKeyOf(loadConfig({ RELAIS_SECRET_KEY: b64 })), Buffer.alloc(32, 9));
  for (const bad of ['short', 'ab'.repeat(31), Buffer.alloc(16).toString('base64')]) {
    assert.throws(
      () => loadConfig({ RELAIS_SECRET_KEY: bad, PORT: 'x' }),
      (e: unknown) => e instanceof ConfigError && e.problems.length === 2 && e.problems.some((p) => p.startsWith('RELAIS_SECRET_KEY: must be 32 random bytes')),
    );
  }
});

test('without the setting, a key is generated once into the data directory with mode 0600 and read back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-key-'));
  try {
    const c = loadConfig({ RELAIS_DATA_DIR: join(dir, 'data') });
    assert.deepEqual(c.secretKey, { kind: 'file', path: join(dir, 'data', 'secret.key') });
    const key = secretKeyOf(c);
    assert.equal(key.length, 32);
    const path = join(dir, 'data', 'secret.key');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8').trim(), key.toString('hex'));
    // Another data directory gets its own key.
    const k2 = secretKeyOf(loadConfig({ RELAIS_DATA_DIR: join(dir, 'other') }));
    assert.notDeepEqual(k2, key);
    // A key file written by another process is read as it is; loosened permissions are tightened.
    const fresh = join(dir, 'copy.key');
    writeFileSync(fresh, `${k2.toString('hex')}\n`, { mode: 0o644 });
    assert.deepEqual(secretKeyOf({ secretKey: { kind: 'file', path: fresh } }), k2);
    assert.equal(statSync(fresh).mode & 0o777, 0o600);
    const broken = join(dir, 'broken.key');
    writeFileSync(broken, 'not a key', { mode: 0o600 });
    assert.throws(() => secretKeyOf({ secretKey: { kind: 'file', path: broken } }), SecretKeyError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
