// Installs the heavy real peers the tests run against (a Bluesky PDS, ADR 0113) into
// test-peers/, on first use. They are never part of a user's `npm install`: the product does
// not need them, and the PDS brings ~575 packages and a native SQLite build.
//
//   node scripts/test-peers.ts     install (if needed) and check that they load
//
// Tests call `ensureTestPeers()`, which does the same and says why when it cannot.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const testPeersDir = fileURLToPath(new URL('../test-peers/', import.meta.url));
export const testPeersRequire = createRequire(join(testPeersDir, 'package.json'));

/**
 * Native addons must compile against this Node's headers. npm finds them through
 * npm_config_nodedir; when unset, use the headers shipped beside this node binary if any.
 */
const nodeDir = (): string | undefined => {
  if (process.env['npm_config_nodedir']) return process.env['npm_config_nodedir'];
  const prefix = dirname(dirname(realpathSync(process.execPath)));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
};

/** better-sqlite3 is the PDS's one native module: loading it proves the build matches this Node. */
const loads = (): string | undefined => {
  const r = spawnSync(process.execPath, ['-e', "const D = require('better-sqlite3'); new D(':memory:').close(); require('@atproto/pds'); require('@did-plc/lib')"], {
    cwd: testPeersDir,
    encoding: 'utf8',
  });
  return r.status === 0 ? undefined : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ');
};

/** One installer at a time across test processes: the others wait for its lock file to go. */
const withLock = <T>(fn: () => T): T => {
  const lock = join(testPeersDir, '.install.lock');
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // A lock older than 15 minutes was left by a killed installer.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 15 * 60_000) unlinkSync(lock);
      if (Date.now() - started > 20 * 60_000) throw new Error('timed out waiting for another test-peers install');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return fn();
  } finally {
    unlinkSync(lock);
  }
};

export type PeersStatus = { readonly ok: true } | { readonly ok: false; readonly reason: string };

let checked: PeersStatus | undefined;

/** Installs test-peers/ when needed (npm ci from its lock file, ~3 min the first time), then checks it loads. */
export const ensureTestPeers = (log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): PeersStatus => {
  checked ??= withLock((): PeersStatus => {
    if (existsSync(join(testPeersDir, 'node_modules', '@atproto', 'pds')) && loads() === undefined) return { ok: true };
    log('test-peers: installing the Bluesky PDS for the tests (first run only, a few minutes)…');
    const dir = nodeDir();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: testPeersDir,
      encoding: 'utf8',
      env: { ...process.env, ...(dir ? { npm_config_nodedir: dir } : {}) },
    });
    if (r.error || r.status !== 0) return { ok: false, reason: `npm ci in test-peers failed: ${(r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-5).join(' ')}` };
    const problem = loads();
    return problem ? { ok: false, reason: `test-peers installed but does not load: ${problem}` } : { ok: true };
  });
  return checked;
};

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = ensureTestPeers();
  if (s.ok) process.stdout.write('test-peers: ready\n');
  else process.stderr.write(`test-peers: ${s.reason}\n`);
  process.exit(s.ok ? 0 : 1);
}
