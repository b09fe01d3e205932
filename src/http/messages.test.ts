import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '../core/error-codes.ts';
import { AppError, fail, failure } from '../core/errors.ts';
import { renderProblem, renderProblems, renderTemplate, serverMessageKeys, serverMessages, type ServerMessageKey } from '../core/messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(?:\w+:)?(\w+)\}/g)].map((m) => m[0]).sort();

test('every message key has a French and an English text with the same placeholders', () => {
  assert.ok(serverMessageKeys.length > 80, `${serverMessageKeys.length} keys`);
  for (const key of serverMessageKeys) {
    const { fr, en, code } = serverMessages[key];
    assert.ok(errorCodes.includes(code), `${key}: ${code} is an error code`);
    assert.ok(fr.trim().length > 0, `${key}: French text`);
    assert.ok(en.trim().length > 0, `${key}: English text`);
    assert.deepEqual(placeholders(fr), placeholders(en), `${key}: same placeholders`);
    // A French text that is the English one was not translated (a few are only an address and a code).
    if (/[a-z]{4}/i.test(en.replace(/\{[^}]*\}/g, ''))) assert.notEqual(fr, en, `${key}: French differs from English`);
    // French typography: a space (narrow or not) before « : ; ? ! », apostrophes typographic.
    assert.doesNotMatch(fr.replace(/«[^»]*»/g, ''), /\S[:;?!](\s|$)/u, `${key}: a space before French double punctuation (quoted code aside)`);
    assert.doesNotMatch(fr, /'/, `${key}: typographic apostrophes in French`);
  }
});

test('every error code of the envelope has at least one message in both languages', () => {
  for (const code of errorCodes.filter((c) => c !== 'invalid-query')) {
    const keys = serverMessageKeys.filter((k) => serverMessages[k].code === code);
    assert.ok(keys.length > 0, `${code} has messages`);
  }
});

test('a template names roles and statuses in the language of the message', () => {
  assert.equal(renderProblem({ key: 'access.role-needed', params: { needed: 'editor', held: 'viewer' } }, 'fr'), 'Cette action demande le rôle éditeur ; vous êtes lecteur ici.');
  assert.equal(renderProblem({ key: 'access.role-needed', params: { needed: 'editor', held: 'viewer' } }, 'en'), 'This needs the editor role; you are viewer here.');
  assert.equal(renderProblem({ key: 'source.not-active', params: { status: 'paused' } }, 'fr'), 'Cette source est en pause ; réactivez-la d’abord.');
  assert.equal(renderTemplate('{a} et {b}', { a: { fr: 'un', en: 'one' } }, 'en'), 'one et {b}');
});

test('an error of problems takes the first one’s code and says them in English for the logs', () => {
  const e = fail('auth.too-many-attempts', { seconds: 30 }, { details: { retryAfterSeconds: 30 } });
  assert.equal(e.code, 'rate-limited');
  assert.equal(e.message, 'Too many failed sign-in attempts. Try again in 30 seconds.');
  assert.deepEqual(e.problems, [{ key: 'auth.too-many-attempts', params: { seconds: 30 } }]);
  const both = failure([{ key: 'brand.network-twice' }, { key: 'brand.unknown-network', params: { network: 'myspace' } }]);
  assert.equal(both.code, 'bad-request');
  assert.equal(renderProblems(both.problems, 'fr'), '« networks » cite deux fois le même réseau. « networks » : réseau inconnu « myspace ».');
  assert.equal(fail('fetch.http-status', { url: 'https://a.example/', status: 404 }, { code: 'bad-request' }).code, 'bad-request');
});

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Files that run only behind the command line or at start-up (the operator's), whose messages are written in English. */
const commandLineOnly = new Set(['src/app/workspaces/resolve.ts', 'src/app/match-posts.ts', 'src/app/parse-feed.ts', 'src/app/graph-scores.ts', 'src/storage/db.ts', 'src/storage/lock.ts']);

const sources = async function* (dir: string): AsyncGenerator<string> {
  for (const d of await readdir(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) {
      if (d.name !== 'testing') yield* sources(rel);
    } else if (d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.bench.ts')) yield rel;
  }
};

test('what the API can answer is said through message keys: no hand-written AppError in app/ and http/', async () => {
  const offenders: string[] = [];
  const used = new Set<string>();
  for (const dir of ['src/app', 'src/http', 'src/storage']) {
    for await (const file of sources(dir)) {
      const text = await readFile(join(root, file), 'utf8');
      if (!commandLineOnly.has(file) && /new AppError\(/.test(text)) offenders.push(file);
      for (const m of text.matchAll(/(?:fail\(|key: |errorResponse\(c, )'([a-z-]+\.[a-z-]+)'/g)) used.add(m[1] ?? '');
    }
  }
  assert.deepEqual(offenders, [], 'raise errors with fail(key, params) so that they can be said in French and English');
  for (const k of used) assert.ok(Object.hasOwn(serverMessages, k), `${k} is a message key`);
  assert.ok(used.size > 60, `${used.size} keys used`);
});

test('AppError without problems keeps its command-line message', () => {
  const e = new AppError('bad-request', '--seed must be a whole number');
  assert.deepEqual(e.problems, []);
  assert.equal(e.message, '--seed must be a whole number');
  const key: ServerMessageKey = 'workspace.not-found';
  assert.equal(fail(key).message, 'No such workspace.');
});
