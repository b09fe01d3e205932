import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testPeersRequire } from '../../../../scripts/test-peers.ts';

/**
 * A real Bluesky PDS (@atproto/pds from test-peers/, ADR 0113) with a small in-memory PLC
 * directory built on @did-plc/lib: the PDS registers each new account's DID there and resolves
 * it back. The PDS proxies app.bsky.* views to an AppView, which it does not contain:
 * `appViewUrl`/`appViewDid` name the AppView-shaped server the test runs.
 *
 * `startPds` runs it in a child process (pds-server.ts) and kills it when done: better-sqlite3,
 * under the PDS, can abort a process at exit while it finalises statements during Node's
 * environment teardown, which would fail the test file after its tests passed.
 */

interface PlcLib {
  opToData(did: string, op: unknown): unknown;
  formatDidDoc(data: unknown): unknown;
}

interface PdsModule {
  PDS: { create(cfg: unknown, secrets: unknown): Promise<{ start(): Promise<Server>; destroy(): Promise<void> }> };
  envToCfg(env: unknown): unknown;
  envToSecrets(env: unknown): unknown;
  readEnv(): unknown;
}

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const close = (server: Server): Promise<void> =>
  new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

const body = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

const send = (res: ServerResponse, status: number, value: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

/** The PLC directory stand-in: operations POSTed per DID, documents and logs read back. */
export const startPlcDirectory = async (): Promise<{ url: string; close(): Promise<void> }> => {
  const plc = testPeersRequire('@did-plc/lib') as PlcLib;
  const logs = new Map<string, Array<{ op: Record<string, unknown>; at: string }>>();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [did, ...rest] = path;
    if (!did) return send(res, 404, { message: 'not found' });
    if (req.method === 'POST' && rest.length === 0) {
      const op = JSON.parse(await body(req)) as Record<string, unknown>;
      const log = logs.get(did) ?? [];
      log.push({ op, at: new Date().toISOString() });
      logs.set(did, log);
      return send(res, 200, {});
    }
    const log = logs.get(did);
    const last = log?.at(-1);
    if (!log || !last) return send(res, 404, { message: `DID not registered: ${did}` });
    const sub = rest.join('/');
    if (sub === '') return send(res, 200, plc.formatDidDoc(plc.opToData(did, last.op)));
    if (sub === 'data') return send(res, 200, plc.opToData(did, last.op));
    if (sub === 'log') return send(res, 200, log.map((l) => l.op));
    if (sub === 'log/last') return send(res, 200, last.op);
    if (sub === 'log/audit') return send(res, 200, log.map((l) => ({ did, operation: l.op, cid: '', nullified: false, createdAt: l.at })));
    return send(res, 404, { message: 'not found' });
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
};

export interface LocalPds {
  readonly url: string;
  /** The PLC directory stand-in the PDS registers its accounts' DIDs with (ADR 0210's tests resolve them there). */
  readonly plcUrl: string;
  close(): Promise<void>;
}

/** The PDS in a child process of its own, killed by `close()`. */
export const startPds = async (opts: { appViewUrl: string; appViewDid: string }): Promise<LocalPds> => {
  const entry = fileURLToPath(new URL('./pds-server.ts', import.meta.url));
  const child = spawn(process.execPath, [entry, opts.appViewUrl, opts.appViewDid], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  const started = await new Promise<{ url: string; plcUrl: string; dir: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the PDS did not start within 120 s: ${stderr.trim()}`));
    }, 120_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as { url: string; plcUrl: string; dir: string });
        } catch {
          reject(new Error(`the PDS process said: ${line}`));
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the PDS process ended (${signal ?? code}): ${stderr.trim()}`));
    });
  });
  return {
    url: started.url,
    plcUrl: started.plcUrl,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      await rm(started.dir, { recursive: true, force: true });
    },
  };
};

/** In this process: what the child runs. */
export interface InProcessPds extends LocalPds {
  readonly dir: string;
}

/**
 * The PDS must know its public URL (so its port) before it listens, so the port is probed
 * first; another process can take it in between, hence a few attempts on EADDRINUSE.
 */
export const startPdsInProcess = async (opts: { appViewUrl: string; appViewDid: string }): Promise<InProcessPds> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPdsOnce(opts);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw e;
    }
  }
};

const startPdsOnce = async (opts: { appViewUrl: string; appViewDid: string }): Promise<InProcessPds> => {
  const plc = await startPlcDirectory();
  const dir = await mkdtemp(join(tmpdir(), 'relais-pds-'));
  // Find a free port first: the PDS must know its own public URL before it listens.
  const probe = createServer();
  const port = Number(new URL(await listen(probe)).port);
  await close(probe);
  const env: Record<string, string> = {
    PDS_PORT: String(port),
    PDS_HOSTNAME: 'localhost',
    PDS_DEV_MODE: 'true',
    PDS_DATA_DIRECTORY: dir,
    PDS_BLOBSTORE_DISK_LOCATION: join(dir, 'blobs'),
    PDS_DID_PLC_URL: plc.url,
    PDS_JWT_SECRET: randomBytes(16).toString('hex'),
    PDS_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: randomBytes(32).toString('hex'),
    PDS_INVITE_REQUIRED: 'false',
    PDS_SERVICE_HANDLE_DOMAINS: '.test',
    PDS_CRAWLERS: '',
    PDS_BSKY_APP_VIEW_URL: opts.appViewUrl,
    PDS_BSKY_APP_VIEW_DID: opts.appViewDid,
    PDS_RATE_LIMITS_ENABLED: 'false',
    LOG_ENABLED: 'false',
  };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let pds;
  try {
    const m = testPeersRequire('@atproto/pds') as PdsModule;
    const e = m.readEnv();
    pds = await m.PDS.create(m.envToCfg(e), m.envToSecrets(e));
    await pds.start();
  } catch (e) {
    await pds?.destroy().catch(() => {});
    await plc.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
  const running = pds;
  return {
    url: `http://localhost:${port}`,
    plcUrl: plc.url,
    dir,
    async close() {
      await running.destroy();
      await plc.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
