import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertMentions } from '../../storage/mentions.repo.ts';
import { backfillRollups } from './backfill.ts';

for (const target of targets) {
  describe(`rollups backfill on ${target.name}`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    const clock = fixedClock('2026-12-07T12:00:00Z');
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    it('counts the mentions stored before the rollups existed, once', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Old', now: clock.now() })).id;
      const empty = (await insertWorkspace(d.db, { name: 'Empty', now: clock.now() })).id;
      await insertMentions(
        d.db,
        ws,
        [1, 2, 3].map((i) => ({
          sourceId: null,
          network: 'mastodon' as const,
          externalId: `old-${i}`,
          author: { handle: `@a${i % 2}@ex.org` },
          text: 'ancien',
          links: [],
          hashtags: [],
          mentions: [],
          lang: 'fr',
          sentiment: { label: 'positive' as const, score: 0.5 },
          matchedQueries: [],
          publishedAt: new Date(`2026-11-0${i}T10:00:00Z`),
          fetchedAt: clock.now(),
        })),
      );
      const volume = async () =>
        (await d.query<{ v: number; a: number }>(`select coalesce(sum(volume), 0)::int as v, coalesce(sum(authors), 0)::int as a from measure_buckets where workspace_id = $1 and grain = 'day'`, [ws]))[0];
      assert.deepEqual(await volume(), { v: 0, a: 0 });
      const done = await backfillRollups(d.db, clock);
      assert.ok(done.includes(ws));
      assert.ok(!done.includes(empty));
      assert.deepEqual(await volume(), { v: 3, a: 3 });
      assert.deepEqual(await backfillRollups(d.db, clock), []);
      assert.deepEqual(await volume(), { v: 3, a: 3 });
    });
  });
}
