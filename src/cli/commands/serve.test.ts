import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

  it('an import running when the process is killed is marked interrupted at the next start, with exact counts; the same file again finishes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-serve-import-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RELAIS_DATA_DIR: dir, PORT: String(port), RELAIS_LOG_LEVEL: 'warn', RELAIS_DEMO: 'false', RELAIS_WORKERS: 'false' };
    const base = `http://127.0.0.1:${port}`;
    const startServe = async () => {
      const child = spawn(process.execPath, [bin, 'serve', '--migrate'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const deadline = Date.now() + 120_000;
      while (!/relais is running/.test(err)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${err}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return { child, exited, log: () => err };
    };
    const lines = 40_000;
    const csv = Buffer.from(['text;author', ...Array.from({ length: lines }, (_, i) => `Avis numéro ${i + 1} sur la boutique;client${i + 1}`)].join('\n'));
    let first = await startServe();
    try {
      const setup = await fetch(`${base}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.org', name: 'Owner', password: 'correct horse battery', workspaceName: 'Atelier' }),
      });
      assert.equal(setup.status, 201, await setup.clone().text());
      const session = (await setup.json()) as { csrfToken: string; workspaces: { id: string }[] };
      const headers = { cookie: (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': session.csrfToken };
      const ws = `${base}/api/v1/workspaces/${session.workspaces[0]?.id}`;
      type Run = { id: string; status: string; records: number; refused: number; error: string | null; counts: { stored: number; duplicates: number } };
      const start = async () => {
        const created = await fetch(`${ws}/import-runs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'posts', name: 'avis.csv', size: csv.length }) });
        const run = (await created.json()) as Run;
        const sent = await fetch(`${ws}/import-runs/${run.id}/file`, { method: 'PUT', headers: { ...headers, 'content-type': 'text/csv' }, body: csv });
        assert.equal(sent.status, 202, await sent.clone().text());
        return run.id;
      };
      const read = async (id: string) => (await (await fetch(`${ws}/import-runs/${id}`, { headers })).json()) as Run;

      const id = await start();
      let mid = await read(id);
      for (let i = 0; i < 600 && mid.records === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        mid = await read(id);
      }
      assert.equal(mid.status, 'running');
      first.child.kill('SIGKILL');
      await first.exited;

      first = await startServe();
      const cut = await read(id);
      assert.equal(cut.status, 'interrupted', JSON.stringify(cut));
      assert.equal(cut.error, 'relais s’est arrêté pendant cet import.');
      assert.ok(cut.records > 0 && cut.records < lines, `part of the file was settled (${cut.records})`);
      assert.equal(cut.counts.stored, cut.records);

      const again = await start();
      let done = await read(again);
      for (let i = 0; i < 2400 && done.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        done = await read(again);
      }
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.equal(done.counts.duplicates, cut.counts.stored, 'what the killed process committed is exactly what is found again');
      assert.equal(done.counts.stored + cut.counts.stored, lines, 'nothing twice, nothing missing');
    } finally {
      first.child.kill('SIGTERM');
    }
    assert.equal(await first.exited, 0, first.log());
    rmSync(dir, { recursive: true, force: true });
  });
});
