import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { lockDataDir } from './lock.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'relais-lock-'));

describe('data dir lock', () => {
  it('refuses a second holder and names the first', () => {
    const dir = tmp();
    const first = lockDataDir(dir, 'serve');
    try {
      assert.throws(() => lockDataDir(dir, 'worker'), (e: Error) => {
        assert.match(e.message, new RegExp(`in use by process ${process.pid} on ${hostname()} \\(relais serve`));
        assert.match(e.message, /RELAIS_DATA_DIR/);
        return true;
      });
    } finally {
      first.release();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is free again after release, and release removes the file', () => {
    const dir = tmp();
    const a = lockDataDir(dir, 'serve');
    a.release();
    assert.equal(existsSync(a.path), false);
    const b = lockDataDir(dir, 'serve');
    b.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = tmp();
    // A real process that exits at once leaves a pid that no longer runs.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid ?? 0;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, 'relais.lock'), JSON.stringify({ pid, host: hostname(), command: 'serve', since: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dir, 'serve');
    lock.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not take over a lock held by a live process on the same host', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'relais.lock'), JSON.stringify({ pid: child.pid, host: hostname(), command: 'serve', since: '2026-01-01T00:00:00Z' }));
      assert.throws(() => lockDataDir(dir, 'migrate'), new RegExp(`process ${child.pid}`));
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
