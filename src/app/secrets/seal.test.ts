import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { redactSecrets } from '../../core/source-secrets.ts';
import { isSealed, seal, SealError, unseal } from './seal.ts';
import { keepSecrets, openConfig, sealConfig } from './source-config.ts';

const key = randomBytes(32);

test('a sealed secret opens with the same key and place, and never contains the plaintext', () => {
  const s = seal(key, 'tok-secret-123', 'ws1/accessToken');
  assert.ok(isSealed(s));
  assert.ok(!s.includes('tok-secret-123'));
  assert.equal(unseal(key, s, 'ws1/accessToken'), 'tok-secret-123');
  // A fresh IV each time: the same secret never seals to the same string.
  assert.notEqual(seal(key, 'tok-secret-123', 'ws1/accessToken'), s);
});

test('another key, another workspace or field, or a flipped byte does not open', () => {
  const s = seal(key, 'tok', 'ws1/accessToken');
  assert.throws(() => unseal(randomBytes(32), s, 'ws1/accessToken'), SealError);
  assert.throws(() => unseal(key, s, 'ws2/accessToken'), SealError);
  assert.throws(() => unseal(key, s, 'ws1/appPassword'), SealError);
  const raw = Buffer.from(s.slice('sealed:v1:'.length), 'base64url');
  raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
  assert.throws(() => unseal(key, `sealed:v1:${raw.toString('base64url')}`, 'ws1/accessToken'), SealError);
  assert.throws(() => unseal(key, 'sealed:v1:AAAA', 'ws1/accessToken'), SealError);
  assert.throws(() => seal(Buffer.alloc(16), 'x', 'p'), SealError);
});

test('configs: only secret fields are sealed, opened, redacted and kept across updates', () => {
  const plain = { mode: 'notifications', accessToken: 'tok', types: ['mention'] };
  const sealed = sealConfig(key, 'ws1', plain);
  assert.equal(sealed['mode'], 'notifications');
  assert.deepEqual(sealed['types'], ['mention']);
  assert.ok(isSealed(sealed['accessToken']));
  // Sealing again leaves a sealed value as it is.
  assert.equal(sealConfig(key, 'ws1', sealed)['accessToken'], sealed['accessToken']);
  assert.deepEqual(openConfig(key, 'ws1', sealed), plain);
  assert.deepEqual(redactSecrets(sealed), { mode: 'notifications', accessToken: { set: true }, types: ['mention'] });
  assert.deepEqual(redactSecrets({ mode: 'firehose' }), { mode: 'firehose' });
  // An update without the secret keeps the stored one; a new one replaces it.
  assert.equal(keepSecrets(sealed, { mode: 'notifications', types: ['quote'] })['accessToken'], sealed['accessToken']);
  assert.equal(keepSecrets(sealed, { mode: 'notifications', accessToken: 'new' })['accessToken'], 'new');
});
