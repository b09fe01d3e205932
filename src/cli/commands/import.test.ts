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

const relais = async (args: string[], env: Record<string, string>, cwd: string) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
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

    const ok = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=msg,author=who'], env, dir);
    assert.equal(ok.status, 0, ok.err);
    const again = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=msg,author=who'], env, dir);
    assert.match(again.out, /0 stored, 1 already there/);

    const bad = await relais(['import', 'good.csv', '--workspace', workspaceId, '--map', 'text=nope'], env, dir);
    assert.notEqual(bad.status, 0);
    assert.match(bad.err, /column "nope"/);
    assert.doesNotMatch(bad.err, /at .*\.ts:\d+/, 'no stack trace');
    const missing = await relais(['import', 'absent.csv', '--workspace', workspaceId], env, dir);
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /no such file/);
  });
});
