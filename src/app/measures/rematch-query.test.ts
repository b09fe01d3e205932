import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import type { MentionDraft } from '../../core/mention.ts';
import { seedDemo } from '../demo.ts';
import { storeDrafts } from '../ingest/store-drafts.ts';
import { createMatcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';
import { listQueries, updateQuery } from '../../storage/queries.repo.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { rematchQuery } from './rematch-query.ts';
import { measureSeries } from './series.ts';

/** Every mention's matches as a fresh matcher of the current queries sees them: the oracle. */
const expectedMatches = async (d: TestDatabase, workspaceId: string): Promise<Map<string, string[]>> => {
  const matcher = createMatcher();
  for (const q of await listQueries(d.db, workspaceId)) {
    const parsed = parseQuery(q.text);
    if (parsed.ok) matcher.add(q.id, parsed.ast);
  }
  const page = await listMentions(d.db, workspaceId, {}, { limit: 10_000 });
  return new Map(
    page.items.map((m) => [
      m.id,
      matcher.match({ text: m.title ? `${m.title}\n${m.text}` : m.text, lang: m.lang, source: m.network, author: m.author.handle, url: m.url ?? null }).sort(),
    ]),
  );
};

const storedMatches = async (d: TestDatabase, workspaceId: string): Promise<Map<string, string[]>> =>
  new Map((await listMentions(d.db, workspaceId, {}, { limit: 10_000 })).items.map((m) => [m.id, [...m.matchedQueries]]));

/** Rollups against the GROUP BY of the raw mentions, per series and day. */
const rollupsAgree = async (d: TestDatabase, workspaceId: string): Promise<void> => {
  const sql = (from: string) => `select series_id::text as s, to_char(bucket, 'YYYY-MM-DD') as b, volume, authors from ${from} order by 1, 2`;
  const stored = await d.query(sql(`measure_buckets where workspace_id = '${workspaceId}' and grain = 'day'`));
  const raw = await d.query(
    sql(`(select x.s::uuid as series_id, date_trunc('day', published_at, 'UTC') as bucket, count(*)::int as volume,
           count(distinct (network, lower(author_handle)))::int as authors
         from mentions m cross join lateral (select '00000000-0000-0000-0000-000000000000' as s union all select jsonb_array_elements_text(m.matched_queries)) x
         where workspace_id = '${workspaceId}' group by 1, 2) t`),
  );
  assert.deepEqual(stored, raw);
};

for (const target of targets) {
  describe(`query re-match on ${target.name}`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    const clock = fixedClock('2026-11-20T09:00:00Z');
    let workspaceId = '';
    before(async () => {
      d = await target.open();
      workspaceId = (await seedDemo(d.db, clock)).workspaceId;
    });
    after(async () => d?.close());

    it('a changed query is matched again over every page of mentions, and its measures rebuilt', async () => {
      await rollupsAgree(d, workspaceId);
      const trade = (await listQueries(d.db, workspaceId)).find((q) => q.kind === 'trade');
      assert.ok(trade);
      await updateQuery(d.db, workspaceId, trade.id, { text: 'savon OR mousse OR lather' });
      const before = await storedMatches(d, workspaceId);
      // Small pages, so that the keyset paging is exercised.
      const r = await rematchQuery(d.db, workspaceId, trade.id, clock, { pageSize: 7 });
      assert.equal(r.exists, true);
      assert.equal(r.scanned, before.size);
      assert.ok(r.changed > 0);
      const after = await storedMatches(d, workspaceId);
      assert.deepEqual(after, await expectedMatches(d, workspaceId));
      // Other queries' matches are untouched.
      for (const [id, ids] of before) assert.deepEqual(after.get(id)?.filter((q) => q !== trade.id), ids.filter((q) => q !== trade.id));
      await rollupsAgree(d, workspaceId);
      // Idempotent: a second delivery changes nothing.
      assert.equal((await rematchQuery(d.db, workspaceId, trade.id, clock)).changed, 0);
      await rollupsAgree(d, workspaceId);
      const series = await measureSeries(d.db, workspaceId, { queryId: trade.id, from: '2026-10-01' }, clock);
      assert.equal(series.totals.volume, [...after.values()].filter((ids) => ids.includes(trade.id)).length);
    });

    it('mentions ingested after the change are matched and counted by the new text', async () => {
      const drafts: MentionDraft[] = [1, 2, 3].map((i) => ({
        network: 'mastodon',
        externalId: `after-change-${i}`,
        author: { handle: `@client${i % 2}@piaille.example` },
        text: i === 3 ? 'Rien à voir avec le sujet.' : `Une mousse incroyable avec ce savon, numéro ${i} !`,
        links: [],
        hashtags: [],
        mentions: [],
        publishedAt: new Date('2026-11-20T08:00:00Z'),
      }));
      const first = await storeDrafts(drafts, { db: d.db, clock, workspaceId, sourceId: null, batchSize: 2 });
      assert.equal(first.stored, 3);
      // The same fetch delivered again: nothing stored, nothing counted twice.
      assert.equal((await storeDrafts(drafts, { db: d.db, clock, workspaceId, sourceId: null, batchSize: 2 })).stored, 0);
      await rollupsAgree(d, workspaceId);
      const hours = await measureSeries(d.db, workspaceId, { grain: 'hour', from: '2026-11-20T08:00:00Z', to: '2026-11-20T08:00:00Z' }, clock);
      assert.equal(hours.points[0]?.volume, 3);
      assert.equal(hours.points[0]?.authors, 2);
    });

    it('a deleted query leaves no match and no series behind', async () => {
      const competitor = (await listQueries(d.db, workspaceId)).find((q) => q.kind === 'competitor');
      assert.ok(competitor);
      await d.query('delete from queries where id = $1', [competitor.id]);
      const r = await rematchQuery(d.db, workspaceId, competitor.id, clock);
      assert.equal(r.exists, false);
      assert.ok(r.changed > 0);
      const left = await d.query<{ n: number }>(
        `select (select count(*) from mentions where workspace_id = $1 and matched_queries ? $2::text)::int
          + (select count(*) from measure_buckets where workspace_id = $1 and series_id = $2::uuid)::int as n`,
        [workspaceId, competitor.id],
      );
      assert.equal(left[0]?.n, 0);
      await rollupsAgree(d, workspaceId);
    });
  });
}
