import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../storage/db.ts';
import { freshPostgres, postgresReachable, requirePostgres } from '../../storage/testing/databases.ts';

const bin = fileURLToPath(new URL('../../../bin/relais.js', import.meta.url));

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

const pgSkip = (await postgresReachable()) || requirePostgres ? false : 'PostgreSQL is not reachable';

describe('relais start / serve as a process', () => {
  it('migrates, seeds the demo on the first start, serves, refuses a second process on the same data dir, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-serve-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RELAIS_DATA_DIR: dir, PORT: String(port), RELAIS_LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!/relais is running/.test(err)) {
        if (Date.now() > deadline) throw new Error(`serve did not start: ${err}`);
        if (child.exitCode !== null) throw new Error(`serve exited: ${err}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(err, /Log in as demo@relais\.local with password \S{8,}/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200);
      const setup = (await (await fetch(`http://127.0.0.1:${port}/api/v1/setup`)).json()) as { needsSetup: boolean };
      assert.equal(setup.needsSetup, false, 'the demo login exists');

      const second = spawnSync(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(await freePort()) }, encoding: 'utf8', timeout: 60_000 });
      assert.equal(second.status, 1);
      assert.match(second.stderr, new RegExp(`in use by process ${child.pid} .*relais serve`));
      assert.doesNotMatch(second.stderr, /at .*\.ts:\d+/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, err);
    assert.equal(existsSync(join(dir, 'relais.lock')), false, 'the lock is released on stop');
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Followed imports across real processes killed by SIGKILL (ADR 0290): the upload is in the
   * database, so the import is resumed after its last committed chunk by the same serve started
   * again (PGlite: one process per data directory) or by another replica (PostgreSQL), and ends
   * with every line stored once.
   */
  const lines = 40_000;
  const csv = Buffer.from(['text;author', ...Array.from({ length: lines }, (_, i) => `Avis numéro ${i + 1} sur la boutique;client${i + 1}`)].join('\n'));
  type Run = { id: string; status: string; records: number; refused: number; error: string | null; sourceId: string | null; counts: { stored: number; duplicates: number } };

  const startServe = async (env: Record<string, string>) => {
    const child = spawn(process.execPath, [bin, 'serve', '--migrate'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const deadline = Date.now() + 120_000;
    while (!/relais is running/.test(err)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { child, exited, log: () => err, base: `http://127.0.0.1:${env.PORT}` };
  };
  const serveEnv = async (extra: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-serve-import-'));
    return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RELAIS_DATA_DIR: dir, PORT: String(await freePort()), RELAIS_LOG_LEVEL: 'warn', RELAIS_DEMO: 'false', RELAIS_WORKERS: 'false', ...extra };
  };
  /** The owner's session on a fresh instance, and how to start and follow imports through any replica. */
  const ownerOf = async (base: string) => {
    const setup = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.org', name: 'Owner', password: 'correct horse battery', workspaceName: 'Atelier' }),
    });
    assert.equal(setup.status, 201, await setup.clone().text());
    const session = (await setup.json()) as { csrfToken: string; workspaces: { id: string }[] };
    const headers = { cookie: (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': session.csrfToken };
    const path = `/api/v1/workspaces/${session.workspaces[0]?.id}`;
    return {
      start: async (via: string) => {
        const created = await fetch(`${via}${path}/import-runs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'posts', name: 'avis.csv', size: csv.length }) });
        const run = (await created.json()) as Run;
        const sent = await fetch(`${via}${path}/import-runs/${run.id}/file`, { method: 'PUT', headers: { ...headers, 'content-type': 'text/csv' }, body: csv });
        assert.equal(sent.status, 202, await sent.clone().text());
        return run.id;
      },
      read: async (via: string, id: string) => (await (await fetch(`${via}${path}/import-runs/${id}`, { headers })).json()) as Run,
    };
  };
  /** Kills the serve that runs the import once part of the file is committed; answers the counts it left. */
  const killMidImport = async (owner: Awaited<ReturnType<typeof ownerOf>>, serve: Awaited<ReturnType<typeof startServe>>, id: string) => {
    let mid = await owner.read(serve.base, id);
    for (let i = 0; i < 600 && mid.records === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      mid = await owner.read(serve.base, id);
    }
    assert.equal(mid.status, 'running');
    serve.child.kill('SIGKILL');
    await serve.exited;
    return mid;
  };
  const untilOver = async (read: () => Promise<Run>) => {
    let done = await read();
    for (let i = 0; i < 2400 && done.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = await read();
    }
    return done;
  };

  it('an import running when the serve is killed is resumed when it starts again, and ends with every line stored once (PGlite)', async () => {
    const env = await serveEnv({});
    let serve = await startServe(env);
    try {
      const owner = await ownerOf(serve.base);
      const id = await owner.start(serve.base);
      const mid = await killMidImport(owner, serve, id);
      assert.ok(mid.records < lines, 'killed mid-import');

      serve = await startServe(env);
      const done = await untilOver(() => owner.read(serve.base, id));
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.equal(done.records, lines);
      assert.equal(done.counts.stored, lines, 'nothing missing');
      assert.equal(done.counts.duplicates, 0, 'nothing read twice: the resumed run started after the last committed chunk');
    } finally {
      serve.child.kill('SIGTERM');
    }
    assert.equal(await serve.exited, 0, serve.log());
    // Counted in the database itself, once the serve has let it go.
    const database = await openDatabase({ kind: 'pglite', dataDir: env.RELAIS_DATA_DIR });
    try {
      const [row] = await database.query<{ n: number; pieces: number }>('select (select count(*)::int from mentions) as n, (select count(*)::int from import_uploads) as pieces');
      assert.deepEqual(row, { n: lines, pieces: 0 }, 'every line stored once, and the upload deleted');
    } finally {
      await database.close();
    }
    rmSync(env.RELAIS_DATA_DIR, { recursive: true, force: true });
  });

  it('an import whose replica is killed is taken over by another replica once its lease is past (PostgreSQL)', { skip: pgSkip }, async () => {
    const pgDb = await freshPostgres({ migrate: false });
    const common = { DATABASE_URL: pgDb.url ?? '', RELAIS_IMPORT_LEASE_SECONDS: '4', RELAIS_SECRET_KEY: 'ab'.repeat(32) };
    const envA = await serveEnv(common);
    const envB = await serveEnv(common);
    const a = await startServe(envA);
    const b = await startServe(envB);
    try {
      const owner = await ownerOf(a.base);
      const id = await owner.start(a.base);
      const mid = await killMidImport(owner, a, id);
      const killedAt = Date.now();
      const cut = await owner.read(b.base, id);
      assert.equal(cut.status, 'running', 'another replica reads it as still running: it will be resumed');
      assert.ok(cut.records >= mid.records && cut.records < lines, `part of the file was settled (${cut.records})`);

      const done = await untilOver(() => owner.read(b.base, id));
      assert.ok(Date.now() - killedAt >= 2000, 'taken over once the dead replica’s lease was past');
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.equal(done.records, lines);
      assert.equal(done.counts.stored, lines);
      assert.equal(done.counts.duplicates, 0);
      const [row] = await pgDb.query<{ n: number; pieces: number }>('select (select count(*)::int from mentions where source_id = $1) as n, (select count(*)::int from import_uploads) as pieces', [done.sourceId]);
      assert.deepEqual(row, { n: lines, pieces: 0 }, 'every line stored once, and the upload deleted');
    } finally {
      b.child.kill('SIGTERM');
    }
    assert.equal(await b.exited, 0, b.log());
    await pgDb.close();
    for (const e of [envA, envB]) rmSync(e.RELAIS_DATA_DIR, { recursive: true, force: true });
  });
});
