import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { fixedClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { seedDemo } from '../app/demo.ts';
import { requestQueryRematch, queryRematchKey } from '../app/measures/rematch-query.ts';
import { listQueries, updateQuery } from '../storage/queries.repo.ts';
import { createJobQueue } from './queue.ts';
import { queryRematchTask, type MeasuresJobContext } from './measures.tasks.ts';

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
      const queue = await createJobQueue<MeasuresJobContext>(database, [queryRematchTask], { logger: silentLogger, pollingIntervalSeconds: 0.5, schedule: false });
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
      } finally {
        await queue.stop();
      }
    });
  });
}
