import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import type { MentionDraft } from '../../core/mention.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { rebuildWorkspaceRollups } from '../../storage/rollups.repo.ts';
import { prepareAhead, storeDrafts, type InsertedMention } from './store-drafts.ts';
import { analysisPool } from './analysis-pool.ts';

const clock = fixedClock('2026-11-20T09:00:00Z');
const draft = (i: number): MentionDraft => ({
  network: 'mastodon',
  externalId: `s-${i}`,
  author: { handle: `@u${i % 3}@piaille.fr` },
  text: i % 2 === 0 ? `Le savon Coupe-Chou numéro ${i} est vraiment excellent, merci !` : `This razor number ${i} was a huge disappointment.`,
  links: [],
  hashtags: [],
  mentions: [],
  publishedAt: new Date(Date.UTC(2026, 10, 1 + (i % 4))),
});

for (const target of targets) {
  describe(`storing drafts on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let ws = '';
    let brand = '';
    before(async () => {
      database = await target.open();
      ws = (await insertWorkspace(database.db, { name: 'S', now: clock.now() })).id;
      brand = (await insertQuery(database.db, ws, { name: 'b', kind: 'brand', text: 'coupe-chou', now: clock.now() })).id;
    });
    after(() => database.close());
    /** Where these tests store: the workspace, no source. */
    const into = () => ({ db: database.db, clock, workspaceId: ws, sourceId: null });

    it('hands each batch the rows it inserted, inside its transaction, and nothing already stored', async () => {
      const seen: InsertedMention[] = [];
      const options = {
        db: database.db,
        clock,
        workspaceId: ws,
        sourceId: null,
        batchSize: 16,
        afterInsert: async (tx: typeof database.db, rows: readonly InsertedMention[]) => {
          const ids = `{${rows.map((r) => r.id).join(',')}}`;
          const r = await tx.execute(sql`select count(*)::int as n from mentions where id = any(${ids}::uuid[])`);
          const n = (Array.isArray(r) ? r : (r as unknown as { rows: Array<{ n: number }> }).rows)[0] as { n: number };
          assert.equal(n.n, rows.length, 'the rows are visible in the same transaction');
          seen.push(...rows);
        },
      };
      const first = await storeDrafts(Array.from({ length: 40 }, (_, i) => draft(i)), options);
      assert.equal(first.stored, 40);
      assert.equal(seen.length, 40);
      const stored = await database.query<{ id: string; external_id: string; matched_queries: string[]; sentiment_label: string }>(
        'select id, external_id, matched_queries, sentiment_label from mentions where workspace_id = $1',
        [ws],
      );
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const m of seen) {
        const row = byId.get(m.id);
        assert.ok(row, m.id);
        assert.deepEqual(m.matchedQueries, row.matched_queries);
        assert.equal(m.sentiment.label, row.sentiment_label);
        assert.equal(m.workspaceId, ws);
      }
      const even = seen.find((m) => m.authorHandle === '@u0@piaille.fr' && m.matchedQueries.length > 0);
      assert.deepEqual(even?.matchedQueries, [brand]);

      seen.length = 0;
      const again = await storeDrafts(Array.from({ length: 45 }, (_, i) => draft(i)), options);
      assert.equal(again.stored, 5);
      assert.deepEqual(seen.map((m) => m.publishedAt.getTime()).sort(), [40, 41, 42, 43, 44].map((i) => draft(i).publishedAt.getTime()).sort());
    });

    it('writes with each batch the rollups a rebuild from the stored mentions gives; replayable batches commit asynchronously on PostgreSQL', async () => {
      const w = (await insertWorkspace(database.db, { name: 'R', now: clock.now() })).id;
      await insertQuery(database.db, w, { name: 'b', kind: 'brand', text: 'coupe-chou OR razor', now: clock.now() });
      const commits: string[] = [];
      const options = (replayable: boolean) => ({
        db: database.db,
        clock,
        workspaceId: w,
        sourceId: null,
        batchSize: 16,
        replayable,
        withLastBatch: async (tx: typeof database.db) => {
          const r = await tx.execute(sql`select current_setting('synchronous_commit') as s`);
          commits.push(((Array.isArray(r) ? r : (r as unknown as { rows: Array<{ s: string }> }).rows)[0] as { s: string }).s);
        },
      });
      assert.equal((await storeDrafts(Array.from({ length: 50 }, (_, i) => draft(600 + i)), options(true))).stored, 50);
      assert.equal((await storeDrafts(Array.from({ length: 60 }, (_, i) => draft(630 + i)), options(false))).stored, 40);
      // A workspace's rollups read back in one order: bucket rows, then bucket-author rows.
      const read = async () => [
        await database.query(
          'select series_id, grain, bucket, volume, positive, neutral, negative, score_sum, authors, reach, reach_mentions from measure_buckets where workspace_id = $1 order by 1, 2, 3',
          [w],
        ),
        await database.query('select series_id, grain, bucket, author from measure_authors where workspace_id = $1 order by 1, 2, 3, 4', [w]),
      ];
      const written = await read();
      assert.ok((written[0] as unknown[]).length > 4, 'several buckets');
      await rebuildWorkspaceRollups(database.db, w, clock.now());
      assert.deepEqual(await read(), written);
      assert.deepEqual(commits, target.name === 'postgres' ? ['off', 'on'] : ['on', 'on']);
    });

    it('a failing follow-up rolls its batch back; storing again completes it', async () => {
      const drafts = Array.from({ length: 30 }, (_, i) => draft(100 + i));
      let calls = 0;
      await assert.rejects(
        storeDrafts(drafts, {
          ...into(),
          batchSize: 20,
          afterInsert: async () => {
            if (++calls === 2) throw new Error('rollup failed');
          },
        }),
        /rollup failed/,
      );
      const count = async () => (await database.query<{ n: number }>("select count(*)::int as n from mentions where external_id like 's-1__'"))[0]?.n;
      assert.equal(await count(), 20, 'the first batch committed, the second rolled back');
      const report = await storeDrafts(drafts, { db: database.db, clock, workspaceId: ws, sourceId: null, batchSize: 20 });
      assert.equal(report.stored, 10);
      assert.equal(await count(), 30);
    });

    it(`prepares up to ${prepareAhead} batches ahead of the insert, never more`, async () => {
      const pool = analysisPool();
      const analysed = (): number => pool.stats().analysedByWorker + pool.stats().analysedHere;
      const drafts = Array.from({ length: 60 }, (_, i) => draft(500 + i));
      const before = analysed();
      const seenAt: number[] = [];
      const report = await storeDrafts(drafts, {
        ...into(),
        batchSize: 10,
        afterInsert: async () => {
          // Time enough for the preparation stage to run as far ahead as it may.
          await new Promise((r) => setTimeout(r, 150));
          seenAt.push(analysed() - before);
        },
      });
      assert.equal(report.stored, 60);
      // While batch b is in its transaction, batches b + 1 … b + prepareAhead are analysed, not
      // b + prepareAhead + 1. On PGlite a look-up waits for the transaction (one connection), so
      // the batch after the next one is prepared once it commits: never more than on PostgreSQL.
      const most = [1, 2, 3, 4, 5, 6].map((b) => Math.min(60, (b + prepareAhead) * 10));
      if (target.name === 'postgres') assert.deepEqual(seenAt, most);
      else {
        assert.ok(seenAt.every((n, i) => n <= (most[i] as number)), `${JSON.stringify(seenAt)} within ${JSON.stringify(most)}`);
        assert.ok(seenAt.every((n, i) => n >= Math.min(60, (i + 2) * 10)), `the next batch is always ready: ${JSON.stringify(seenAt)}`);
      }
    });

    it('commits batches in order: a failed batch keeps every later one, and the last batch’s write, out', async () => {
      const drafts = Array.from({ length: 40 }, (_, i) => draft(300 + i));
      let calls = 0;
      let lastWrites = 0;
      const progress: number[] = [];
      await assert.rejects(
        storeDrafts(drafts, {
          ...into(),
          batchSize: 10,
          afterInsert: async () => {
            // The second batch fails only once the third could have been copied meanwhile.
            if (++calls === 2) {
              await new Promise((r) => setTimeout(r, 200));
              throw new Error('batch two failed');
            }
          },
          withLastBatch: async () => {
            lastWrites++;
          },
          onProgress: (done) => progress.push(done),
        }),
        /batch two failed/,
      );
      const stored = await database.query<{ external_id: string }>("select external_id from mentions where external_id like 's-3__' order by external_id");
      assert.deepEqual(stored.map((r) => r.external_id), Array.from({ length: 10 }, (_, i) => `s-${300 + i}`));
      assert.equal(lastWrites, 0);
      assert.deepEqual(progress, [10]);
      const report = await storeDrafts(drafts, { db: database.db, clock, workspaceId: ws, sourceId: null, batchSize: 10, withLastBatch: async () => void lastWrites++ });
      assert.equal(report.stored, 30);
      assert.equal(lastWrites, 1);
    });
  });
}

describe('storing drafts on postgres while another writer stores one of them', { skip: await targets.find((t) => t.name === 'postgres')?.skip() }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await (targets.find((t) => t.name === 'postgres') as (typeof targets)[number]).open();
  });
  after(() => database?.close());

  it('a row stored after its look-up sends the batch through the staging insert, which skips it', async () => {
    const ws = (await insertWorkspace(database.db, { name: 'Race', now: clock.now() })).id;
    const drafts = Array.from({ length: 40 }, (_, i) => draft(200 + i));
    // Another writer has inserted s-230 and not committed yet: the look-up does not see it, the
    // COPY of its batch waits for that writer, then fails when it commits.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(
        `insert into mentions (workspace_id, network, external_id, author_handle, text, lang, matched_queries, published_at, fetched_at)
         values ($1, 'mastodon', 's-230', '@other@piaille.fr', 'stored by another writer', 'fr', '[]', now(), now())`,
        [ws],
      );
      const storing = storeDrafts(drafts, { db: database.db, clock, workspaceId: ws, sourceId: null, batchSize: 20 });
      // Commit once a backend of this database is blocked on the other writer's row.
      for (let waited = 0; waited < 20_000; waited += 20) {
        // Asked outside the other writer's transaction, which would see one snapshot of the activity.
        const blocked = await database.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        if (Number(blocked[0]?.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await other.query('commit');
      const report = await storing;
      assert.equal(report.stored, 39);
      assert.equal(report.duplicates, 1);
    } finally {
      await other.end();
    }
    const rows = await database.query<{ external_id: string; author_handle: string }>(
      'select external_id, author_handle from mentions where workspace_id = $1 order by external_id',
      [ws],
    );
    assert.equal(rows.length, 40);
    assert.equal(rows.find((r) => r.external_id === 's-230')?.author_handle, '@other@piaille.fr', 'the other writer’s row stays');
    // The rollups count exactly the 39 rows this ingest inserted.
    const counted = await database.query<{ n: number }>(
      `select coalesce(sum(volume), 0)::int as n from measure_buckets where workspace_id = $1 and series_id = '00000000-0000-0000-0000-000000000000' and grain = 'day'`,
      [ws],
    );
    assert.equal(counted[0]?.n, 39);
  });
});
