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
});
