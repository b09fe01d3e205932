import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { fixedClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { seedDemo } from '../app/demo.ts';
import { requestQueryRematch, queryRematchKey } from '../app/measures/rematch-query.ts';
import { listQueries, updateQuery } from '../storage/queries.repo.ts';
import { createJobQueue } from './queue.ts';
import { foldAuthorsScheduleTask, foldAuthorsTask, queryRematchTask, type MeasuresJobContext } from './measures.tasks.ts';
import { foldAuthorsKey, foldAuthorsTaskName, workspacesToFold } from '../app/measures/fold-authors.ts';
import { measureSeries } from '../app/measures/series.ts';
import { sql } from 'drizzle-orm';

const waitFor = async (check: () => Promise<boolean>, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
};

for (const target of targets) {
  describe(`query re-match job on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    const clock = fixedClock('2026-11-20T09:00:00Z');
    before(async () => {
      database = await target.open();
    });
    after(async () => database?.close());

    it('a changed query, sent through the real queue, is matched again and its series rebuilt', async () => {
      const { workspaceId } = await seedDemo(database.db, clock);
      const brand = (await listQueries(database.db, workspaceId)).find((q) => q.kind === 'brand');
      assert.ok(brand);
      const count = async (table: 'mentions' | 'measure_buckets') =>
        Number(
          (
            await database.query<{ n: number }>(
              table === 'mentions'
                ? 'select count(*)::int as n from mentions where workspace_id = $1 and matched_queries ? $2::text'
                : `select coalesce(sum(volume), 0)::int as n from measure_buckets where workspace_id = $1 and series_id = $2::uuid and grain = 'day'`,
              [workspaceId, brand.id],
            )
          )[0]?.n,
        );
      const before = await count('mentions');
      assert.ok(before > 0);
      assert.equal(await count('measure_buckets'), before);
      await updateQuery(database.db, workspaceId, brand.id, { text: '"huile à barbe"' });
      const ctx: MeasuresJobContext = { database, clock, logger: silentLogger };
      const queue = await createJobQueue<MeasuresJobContext>(database, [queryRematchTask, foldAuthorsTask], { logger: silentLogger, pollingIntervalSeconds: 0.5, schedule: false });
      try {
        await queue.work(ctx);
        await requestQueryRematch(database.db, workspaceId, brand.id, clock, (t, p, o) => queue.send(t, p, o));
        await waitFor(async () => (await count('mentions')) !== before);
        await waitFor(async () => (await count('measure_buckets')) === (await count('mentions')));
        const after = await count('mentions');
        assert.ok(after > 0 && after < before, `${after} of ${before}`);
        // Payloads are ids: anything else is refused when sent.
        await assert.rejects(queue.send(queryRematchTask.name, { workspaceId, queryId: 'x' }));
        // One queued and one running per query: a second queued run under the same key is dropped.
        assert.ok(await queue.send(queryRematchTask.name, { workspaceId, queryId: brand.id }, { singletonKey: queryRematchKey(brand.id), startAfterSeconds: 3600 }));
        assert.equal(await queue.send(queryRematchTask.name, { workspaceId, queryId: brand.id }, { singletonKey: queryRematchKey(brand.id), startAfterSeconds: 3600 }), null);
        // The rebuilt series is folded into the cache of authors' last days by the job the re-match sent.
        await waitFor(async () => (await workspacesToFold(database.db, clock)).length === 0);
      } finally {
        await queue.stop();
      }
    });

    it("the fold job fills the authors' cache the reads leave alone; the reads are exact before and after", async () => {
      const { workspaceId } = await seedDemo(database.db, clock);
      const cacheRows = async () =>
        Number((await database.query<{ n: number }>('select count(*)::int as n from measure_author_last_days where workspace_id = $1', [workspaceId]))[0]?.n);
      // The dashboard's read in a READ ONLY transaction: a write (a fold) would fail it.
      const authorsOver = async (from: string) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`set transaction read only`);
          return (await measureSeries(tx, workspaceId, { from }, clock)).totals.authors;
        });
      const raw = async (from: string) =>
        Number(
          (
            await database.query<{ n: number }>(
              'select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and published_at >= $2 and published_at < $3',
              [workspaceId, from, '2026-11-21'],
            )
          )[0]?.n,
        );
      const ranges = ['2026-10-22', '2026-11-14', '2026-11-19'];
      // The demo's workspace has history: the cache is empty and stays so however often it is read.
      await database.db.execute(sql`delete from measure_author_folds where workspace_id = ${workspaceId}::uuid`);
      await database.db.execute(sql`delete from measure_author_last_days where workspace_id = ${workspaceId}::uuid`);
      assert.ok((await workspacesToFold(database.db, clock)).includes(workspaceId));
      for (const from of ranges) assert.equal(await authorsOver(from), await raw(from), from);
      assert.equal(await cacheRows(), 0);
      const ctx: MeasuresJobContext = { database, clock, logger: silentLogger };
      const queue = await createJobQueue<MeasuresJobContext>(database, [foldAuthorsTask, foldAuthorsScheduleTask], { logger: silentLogger, pollingIntervalSeconds: 0.5, schedule: false });
      try {
        await queue.work(ctx);
        // The hourly schedule fans out one fold per workspace behind.
        await queue.send(foldAuthorsScheduleTask.name, {});
        await waitFor(async () => !(await workspacesToFold(database.db, clock)).includes(workspaceId));
        const filled = await cacheRows();
        assert.ok(filled > 0);
        for (const from of ranges) assert.equal(await authorsOver(from), await raw(from), from);
        // Run again: nothing to do, the same cache.
        await queue.send(foldAuthorsTaskName, { workspaceId }, { singletonKey: foldAuthorsKey(workspaceId) });
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(await cacheRows(), filled);
        await assert.rejects(queue.send(foldAuthorsTaskName, { workspaceId: 'x' }));
      } finally {
        await queue.stop();
      }
    });
  });
}
