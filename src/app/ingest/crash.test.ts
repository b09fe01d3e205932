import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrateDatabase, type Database } from '../../storage/db.ts';
import { freshPostgres, postgresReachable, requirePostgres, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { findSourceDetails } from '../../storage/source-fetch.repo.ts';
import { rssDocument, startFeedServer, type FeedServer, type FeedItem } from './testing/feed-server.ts';

/**
 * The at-least-once proof (ADR 0060): a worker ingesting a large feed into a file-based PGlite
 * (or a PostgreSQL database) is killed with SIGKILL in the middle, again and again, each time
 * restarted (on PGlite it takes over the stale lock); in the end every item of the feed is
 * stored exactly once.
 */
const child = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const itemCount = 3000;
const batchSize = 100;
const kills = 5;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly batches: number;
  readonly out: string;
}

/** Runs the child; with `killAfterBatches`, SIGKILLs it after that many batches plus a random few ms. */
const runChild = (where: string, sourceId: string, killAfterBatches?: number): Promise<Run> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, where, sourceId, String(batchSize)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let batches = 0;
    let killing = false;
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      batches = (out.match(/^batch /gm) ?? []).length;
      if (killAfterBatches !== undefined && !killing && batches >= killAfterBatches) {
        killing = true;
        setTimeout(() => p.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    p.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${err.slice(-2000)}`));
      else resolve({ code, signal, batches, out });
    });
  });

const pgSkip = (await postgresReachable()) || requirePostgres ? false : 'PostgreSQL unreachable';
for (const kind of ['pglite', 'postgres'] as const) {
  describe(`ingest survives SIGKILL in the middle (${kind === 'pglite' ? 'file-based PGlite' : 'PostgreSQL'})`, { skip: kind === 'postgres' ? pgSkip : false }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-crash-'));
    let pgdb: TestDatabase | undefined;
    let where = dir;
    const open = async (command: string): Promise<Database> =>
      kind === 'pglite' ? openDatabase({ kind: 'pglite', dataDir: dir }, { command }) : openDatabase({ kind: 'postgres', url: where });
    let server: FeedServer;
    let sourceId = '';
    let workspaceId = '';
    const items: FeedItem[] = Array.from({ length: itemCount }, (_, i) => ({
      id: `item-${i}`,
      title: `Billet ${i}`,
      text: `Texte du billet numéro ${i} sur le rasage, la barbe et le savon artisanal.`,
      published: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    }));

    before(async () => {
      server = await startFeedServer();
      server.respond({ body: rssDocument(items), etag: '"big-1"' });
      if (kind === 'postgres') {
        pgdb = await freshPostgres({ migrate: false });
        where = pgdb.url as string;
      }
      const db = await open('crash-test-setup');
      await migrateDatabase(db);
      workspaceId = (await insertWorkspace(db.db, { name: 'Crash', now: new Date() })).id;
      sourceId = (await insertSource(db.db, workspaceId, { kind: 'rss', name: 'big', url: server.url, now: new Date() })).id;
      await db.close();
    });
    after(async () => {
      await server.close();
      await pgdb?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`is killed ${kills} times at random moments, restarted, and stores every item exactly once`, { timeout: 600_000 }, async () => {
      const total = itemCount / batchSize;
      let killedMidway = 0;
      for (let k = 0; k < kills; k++) {
        // Each restart skips what earlier runs committed, so aim at a batch early in what remains.
        const at = 1 + Math.floor(Math.random() * Math.max(1, total / (kills + 1)));
        const run = await runChild(where, sourceId, at);
        if (run.signal === 'SIGKILL' && !run.out.includes('done ')) killedMidway++;
      }
      assert.ok(killedMidway >= kills - 1, `only ${killedMidway} of ${kills} runs were killed before finishing`);
      const final = await runChild(where, sourceId);
      assert.equal(final.code, 0);
      assert.match(final.out, /done \{"outcome":"stored"/);

      const db = await open('crash-test-check');
      try {
        const rows = await db.query<{ external_id: string }>('select external_id from mentions where source_id = $1', [sourceId]);
        assert.equal(rows.length, itemCount, 'every item stored, none twice');
        const ids = new Set(rows.map((r) => r.external_id));
        assert.equal(ids.size, itemCount);
        for (const it of items) assert.ok(ids.has(it.id), `${it.id} is missing`);
        const s = await findSourceDetails(db.db, workspaceId, sourceId);
        assert.equal(s?.state.etag, '"big-1"', 'the state was saved once everything it covers was stored');
        // The measure rollups were written with each batch: killed batches rolled back with them.
        const counted = await db.query<{ n: number }>(
          `select coalesce(sum(volume), 0)::int as n from measure_buckets where workspace_id = $1 and series_id = '00000000-0000-0000-0000-000000000000' and grain = 'day'`,
          [workspaceId],
        );
        assert.equal(counted[0]?.n, itemCount, 'every item counted once in the rollups');
      } finally {
        await db.close();
      }
    });
  });
}
