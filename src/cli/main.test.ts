import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/relais.js', import.meta.url));

const relais = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('relais command line', () => {
  it('lists the commands with --help', () => {
    const r = relais(['--help']);
    assert.equal(r.status, 0);
    for (const name of ['migrate', 'demo', 'create-admin']) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
  });

  it('exits 2 with the usage on an unknown command', () => {
    const r = relais(['frobnicate']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  it('reports every configuration problem at once and exits 1, without a stack trace', () => {
    const r = relais(['migrate'], { PORT: 'abc', DATABASE_URL: 'mysql://x', RELAIS_LOG_LEVEL: 'loud' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Invalid configuration/);
    assert.match(r.stderr, /PORT: must be a whole number/);
    assert.match(r.stderr, /DATABASE_URL: must start with postgres/);
    assert.match(r.stderr, /RELAIS_LOG_LEVEL/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
  });

  it('says clearly when PostgreSQL cannot be reached', () => {
    const r = relais(['migrate'], { DATABASE_URL: 'postgres://relais@127.0.0.1:1/relais' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Could not connect to PostgreSQL at postgres:\/\/relais@127\.0\.0\.1:1\/relais/);
    assert.match(r.stderr, /Check DATABASE_URL/);
    assert.doesNotMatch(r.stderr, /at .*\.(ts|js):\d+/);
  });

  it('migrates an embedded database in RELAIS_DATA_DIR, and again idempotently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
    try {
      const first = relais(['migrate'], { RELAIS_DATA_DIR: dir, RELAIS_LOG_LEVEL: 'silent' });
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /Database is up to date \(pglite/);
      const again = relais(['migrate'], { RELAIS_DATA_DIR: dir, RELAIS_LOG_LEVEL: 'silent' });
      assert.equal(again.status, 0, again.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
