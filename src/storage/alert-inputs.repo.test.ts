import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { insertIngestedMentions, type IngestedMention } from './mention-ingest.repo.ts';
import { addInsertedMentionsToRollups, hourlyFrom, pruneHourlyRollups } from './rollups.repo.ts';
import { alertSeriesBuckets, readQuerySeries, readQuerySeriesFromMentions } from './alert-inputs.repo.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const q1 = '11111111-1111-4111-8111-111111111111';
const q2 = '22222222-2222-4222-8222-222222222222';
const q3 = '33333333-3333-4333-8333-333333333333';

describe('alert series buckets', () => {
  it('the last week ends at the next full hour, older buckets are UTC days, in order and disjoint', () => {
    for (const at of ['2026-11-20T14:22:05Z', '2026-11-20T14:00:00Z', '2026-11-20T00:00:00Z', '2026-11-19T23:59:59.999Z']) {
      const now = new Date(at);
      const b = alertSeriesBuckets(now, 35);
      assert.equal(b.length, 35);
      const to = Math.ceil(now.getTime() / HOUR) * HOUR;
      // The week judged is the same 24-hour buckets as before the rollups (ADR 0160).
      assert.deepEqual(
        b.slice(-7),
        Array.from({ length: 7 }, (_, k) => ({ start: to - (7 - k) * DAY, end: to - (6 - k) * DAY })),
      );
      for (const x of b.slice(-7)) assert.ok(x.start >= hourlyFrom(now).getTime(), 'within the hourly rollups');
      for (const x of b.slice(0, -7)) assert.equal(x.start % DAY, 0, 'a UTC day');
      for (let i = 1; i < b.length; i++) {
        assert.equal((b[i] as { end: number }).end - (b[i] as { start: number }).start, DAY);
        assert.ok((b[i - 1] as { end: number }).end <= (b[i] as { start: number }).start);
      }
      // The gap between the days and the week is less than a day.
      assert.ok((b[28] as { start: number }).start - (b[27] as { end: number }).end < DAY);
    }
    assert.equal(alertSeriesBuckets(new Date('2026-11-20T14:22:05Z'), 5).length, 5);
  });
});

for (const target of targets) {
  describe(`alert series from the rollups on ${target.name}`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    it('equal the GROUP BY over the raw mentions, bucket by bucket, at any time of day', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Alerts', now: new Date('2026-09-01T00:00:00Z') })).id;
      let seed = 11;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      // 50 days of mentions, with a burst, fetched in batches as they come (each batch a few hours after its posts).
      const start = Date.parse('2026-10-01T00:00:00Z');
      const all: IngestedMention[] = [];
      for (let i = 0; i < 1500; i++) {
        const burst = i % 5 === 0;
        const at = burst ? start + 40 * DAY + Math.floor(rnd() * 30 * HOUR) : start + Math.floor(rnd() * 50 * DAY);
        all.push({
          sourceId: null,
          network: 'mastodon',
          externalId: `a${i}`,
          author: { handle: `@u${i % 37}@ex.org` },
          text: 'texte',
          links: [],
          hashtags: [],
          mentions: [],
          lang: 'fr',
          sentiment: { label: rnd() < (burst ? 0.6 : 0.15) ? 'negative' : rnd() < 0.5 ? 'positive' : 'neutral', score: 0 },
          matchedQueries: [q1, q2].filter(() => rnd() < 0.6),
          publishedAt: new Date(at),
          fetchedAt: new Date(at),
          textHash: null,
          nearDuplicateOf: null,
        });
      }
      all.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
      const batches = Array.from({ length: Math.ceil(all.length / 100) }, (_, k) => {
        const rows = all.slice(k * 100, k * 100 + 100);
        return { rows, fetchedAt: new Date(Math.max(...rows.map((m) => m.publishedAt.getTime())) + 3 * HOUR) };
      });
      let next = 0;
      const queryIds = [q1, q2, q3];
      let nonZero = 0;
      // Time moves on: at each evaluation, what was fetched by then is stored and counted.
      for (const at of ['2026-11-10T09:59:59Z', '2026-11-19T00:00:00Z', '2026-11-20T23:30:00Z', '2026-11-21T14:22:05Z', '2026-11-28T08:00:00Z']) {
        const now = new Date(at);
        for (; next < batches.length && (batches[next]?.fetchedAt.getTime() ?? 0) <= now.getTime(); next++) {
          const { rows, fetchedAt } = batches[next] as (typeof batches)[number];
          await d.db.transaction(async (tx) => {
            const ids = await insertIngestedMentions(tx, ws, rows.map((m) => ({ ...m, fetchedAt })));
            await addInsertedMentionsToRollups(tx, ws, ids.map((r) => r.id), fetchedAt);
          });
        }
        // The nightly purge, run earlier that day: the hours older than a week are gone.
        await pruneHourlyRollups(d.db, new Date(now.getTime() - 2 * HOUR));
        const buckets = alertSeriesBuckets(now, 35);
        const fromRollups = await readQuerySeries(d.db, ws, { queryIds, buckets, now });
        assert.deepEqual(fromRollups, await readQuerySeriesFromMentions(d.db, ws, { queryIds, buckets }), at);
        assert.deepEqual([...fromRollups.keys()], queryIds);
        assert.ok(fromRollups.get(q3)?.every((p) => p.mentions === 0));
        nonZero += fromRollups.get(q1)?.filter((p) => p.negative > 0).length ?? 0;
      }
      assert.equal(next, batches.length, 'every batch was stored');
      assert.ok(nonZero > 50, `the series have counts (${nonZero} buckets with negatives)`);
    });

    it('refuse an old bucket the rollups cannot count (not a UTC day)', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Refuse', now: new Date('2026-09-01T00:00:00Z') })).id;
      const now = new Date('2026-11-21T14:22:05Z');
      const old = now.getTime() - 20 * DAY;
      await assert.rejects(readQuerySeries(d.db, ws, { queryIds: [q1], buckets: [{ start: old, end: old + DAY }], now }), /not a UTC day/);
    });
  });
}
