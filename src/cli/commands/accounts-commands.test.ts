import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../main.ts';
import type { Io } from '../io.ts';
import { targets } from '../../storage/testing/databases.ts';

/** Runs `relais <args>` in process with the given stdin and environment; returns status and output. */
const relais = async (args: string[], env: Record<string, string>, stdin = '') => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: Io = { stdin: Readable.from([stdin]), stdout, stderr, env, cwd: process.cwd() };
  const status = await main(args, io);
  return { status, out, err };
};

for (const target of targets) {
  describe(`relais demo and relais create-admin on ${target.name}`, { skip: await target.skip() }, () => {
    it('seeds the demo once on a fresh database and creates admins from flags or stdin', async (t) => {
      let env: Record<string, string>;
      if (target.name === 'pglite') {
        const dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
        t.after(() => rmSync(dir, { recursive: true, force: true }));
        env = { RELAIS_DATA_DIR: dir };
      } else {
        const db = await target.open({ migrate: false });
        t.after(() => db.close());
        env = { DATABASE_URL: db.url ?? '' };
      }

      const first = await relais(['demo'], env);
      assert.equal(first.status, 0, first.err);
      const m = /Log in as (demo@relais\.local) with password (\S+)/.exec(first.out);
      assert.ok(m, first.out);
      const second = await relais(['demo'], env);
      assert.equal(second.status, 0, second.err);
      assert.match(second.out, /already exists/);
      assert.doesNotMatch(second.out, /password \S+\n/);

      const flags = await relais(['create-admin', '--email', 'ada@example.org', '--name', 'Ada', '--password', 'a long password'], env);
      assert.equal(flags.status, 0, flags.err);
      assert.match(flags.out, /ada@example\.org, owner of the workspace "Espace de Ada"/);

      const piped = await relais(['create-admin', '--workspace', 'Atelier Bob'], env, 'bob@example.org\nBob\nbob secret password\n');
      assert.equal(piped.status, 0, piped.err);
      assert.doesNotMatch(piped.out + piped.err, /bob secret password/, 'the password is never echoed');
      assert.match(piped.out, /"Atelier Bob"/);

      const dup = await relais(['create-admin', '--email', 'ADA@example.org', '--name', 'A', '--password', 'a long password'], env);
      assert.equal(dup.status, 1);
      assert.match(dup.err, /already exists/);
      const bad = await relais(['create-admin', '--email', 'not-an-email', '--name', 'A', '--password', 'short'], env);
      assert.equal(bad.status, 2);
      assert.match(bad.err, /email/);
      assert.doesNotMatch(bad.err, /\n\s+at /, 'no stack trace');
    });
  });
}
