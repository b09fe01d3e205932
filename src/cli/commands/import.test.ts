import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../main.ts';
import type { Io } from '../io.ts';
import { openDatabase, migrateDatabase } from '../../storage/db.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';

const relais = async (args: string[], env: Record<string, string>, cwd: string, opts: { tty?: boolean } = {}) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  // A terminal, as far as the command can tell.
  if (opts.tty) Object.assign(stderr, { isTTY: true });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: Io = { stdin: Readable.from(['']), stdout, stderr, env, cwd };
  const status = await main(args, io);
  return { status, out, err };
};

describe('relais import', () => {
  it('imports a CSV, names every refused line, exits 1 when some were refused, and stores nothing twice', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') }, { command: 'test' });
    await migrateDatabase(db);
    const workspaceId = (await insertWorkspace(db.db, { name: 'W', now: new Date() })).id;
    await db.close();
    const env = { RELAIS_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' };
    writeFileSync(join(dir, 'posts.csv'), 'msg,who,when\n"Bonjour, un premier message importé",léa,2026-11-01\n,sam,2026-11-02\nUn autre message,paul,pas une date\n');
    writeFileSync(join(dir, 'good.csv'), 'msg,who\nUn message sans défaut,léa\n');

    const r = await relais(['import', 'posts.csv', '--workspace', workspaceId, '--map', 'text=msg,author=who,date=when'], env, dir);
    assert.equal(r.status, 1, r.err);
    assert.match(r.out, /^line 3: refused: empty text/m);
    assert.match(r.out, /^line 4: refused: unreadable date "pas une date"/m);
    assert.match(r.out, /3 records read: 1 stored, 0 already there, 2 refused/);
    assert.equal(r.err, '', 'no progress when stderr is not a terminal');

    const ok = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=msg,author=who'], env, dir);
    assert.equal(ok.status, 0, ok.err);
    const again = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=msg,author=who'], env, dir, { tty: true });
    assert.match(again.out, /0 stored, 1 already there/);
    // On a terminal: one progress line, redrawn in place, ending at 100 %; stdout unchanged.
    assert.match(again.err, /^(\r {2}\d+ % · [^\r\n]*)+\n$/);
    assert.ok(again.err.endsWith('\r  100 % · 1 read · 1 stored or already there · 0 refused\n'), again.err);

    const bad = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=nope'], env, dir);
    assert.notEqual(bad.status, 0);
    assert.match(bad.err, /column "nope"/);
    assert.doesNotMatch(bad.err, /at .*\.ts:\d+/, 'no stack trace');
    const missing = await relais(['import', 'absent.csv', '--workspace', workspaceId], env, dir);
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /no such file/);
  });

  it('imports people by --kind people, names the workspace by name or slug, and says clearly what is wrong', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-people-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') }, { command: 'test' });
    await migrateDatabase(db);
    const atelier = (await insertWorkspace(db.db, { name: 'Atelier Léa', now: new Date() })).id;
    await insertWorkspace(db.db, { name: 'Boutique', now: new Date() });
    await insertWorkspace(db.db, { name: 'boutique', now: new Date() });
    const { listPeople } = await import('../../storage/people.repo.ts');
    await db.close();
    const env = { RELAIS_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' };
    writeFileSync(join(dir, 'contacts.csv'), 'Nom,Compte,Rôle\nLéa,@lea@piaille.fr,cliente\nSam,@sam@mastodon.social,ami\n');

    const r = await relais(['import', 'contacts.csv', '--workspace', 'atelier-lea', '--kind', 'people', '--map', 'mastodon=Compte'], env, dir);
    assert.equal(r.status, 1, r.err);
    assert.match(r.out, /^line 3: refused: unknown role "ami"/m);
    assert.match(r.out, /2 records read: 1 people added, 0 updated, 0 already up to date, 1 refused\./);
    const again = await relais(['import', 'contacts.csv', '--workspace', 'Atelier Léa', '--kind', 'people', '--map', 'mastodon=Compte'], env, dir);
    assert.match(again.out, /0 people added, 0 updated, 1 already up to date, 1 refused/);
    const check = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') }, { command: 'test' });
    assert.deepEqual((await listPeople(check.db, atelier)).map((p) => p.handles), [[{ network: 'mastodon', handle: '@lea@piaille.fr' }]]);
    await check.close();

    const noStack = (err: string) => assert.doesNotMatch(err, /at .*\.ts:\d+/, 'no stack trace');
    const ambiguous = await relais(['import', 'contacts.csv', '--workspace', 'BOUTIQUE', '--kind', 'people', '--map', 'mastodon=Compte'], env, dir);
    assert.notEqual(ambiguous.status, 0);
    assert.match(ambiguous.err, /"BOUTIQUE" names 2 workspaces; give the id of one/);
    noStack(ambiguous.err);
    const unknown = await relais(['import', 'contacts.csv', '--workspace', 'nulle-part', '--kind', 'people'], env, dir);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.err, /no workspace is named "nulle-part".*Atelier Léa \[atelier-lea\]/);
    noStack(unknown.err);
    const badKind = await relais(['import', 'contacts.csv', '--workspace', 'atelier-lea', '--kind', 'contacts'], env, dir);
    assert.match(badKind.err, /--kind: expected posts or people/);
    const badField = await relais(['import', 'contacts.csv', '--workspace', 'atelier-lea', '--kind', 'people', '--map', 'text=Nom'], env, dir);
    assert.match(badField.err, /--map: "text" is not a field/);
    const noHandle = await relais(['import', 'contacts.csv', '--workspace', 'atelier-lea', '--kind', 'people'], env, dir);
    assert.match(noHandle.err, /no handle column: map one with --map NETWORK=COLUMN/);
    noStack(noHandle.err);
    // Posts stay the default kind, and take a workspace name too.
    writeFileSync(join(dir, 'posts.csv'), 'text\nUn message\n');
    const posts = await relais(['import', 'posts.csv', '--workspace', 'Atelier Léa'], env, dir);
    assert.equal(posts.status, 0, posts.err);
    assert.match(posts.out, /1 records read: 1 stored/);
  });
});
