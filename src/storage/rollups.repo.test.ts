import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { insertIngestedMentions, type IngestedMention } from './mention-ingest.repo.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrateDatabase } from './db.ts';
import {
  authorKey,
  addInsertedMentionsToRollups,
  addMentionsToRollups,
  allMentionsSeries,
  dropQueryRollups,
  hourlyFrom,
  pruneHourlyRollups,
  rebuildQueryRollups,
  rebuildWorkspaceRollups,
  rollupDeltas,
  writeRollupDeltas,
  WrittenPairs,
  type RollupDeltas,
  type RollupWritten,
} from './rollups.repo.ts';
import { countDistinctAuthors, lastClosedDay, refreshAuthorLastDays, seriesToFold } from './measures.repo.ts';
import { sql } from 'drizzle-orm';
import type { Network, SentimentLabel } from '../core/mention.ts';
import type { Db } from './db.ts';

const now = new Date('2026-12-07T12:00:00Z');
const q1 = '11111111-1111-4111-8111-111111111111';
const q2 = '22222222-2222-4222-8222-222222222222';

const mention = (
  id: string,
  o: { at: string | Date; author?: string; network?: Network; label?: SentimentLabel; score?: number; queries?: string[]; metrics?: Record<string, number> },
): IngestedMention => ({
  sourceId: null,
  network: o.network ?? 'mastodon',
  externalId: id,
  author: { handle: o.author ?? `@${id}@example.org` },
  text: `texte ${id}`,
  links: [],
  hashtags: [],
  mentions: [],
  lang: 'fr',
  sentiment: { label: o.label ?? 'neutral', score: o.score ?? 0 },
  matchedQueries: o.queries ?? [],
  publishedAt: new Date(o.at),
  fetchedAt: now,
  metrics: o.metrics ?? {},
  textHash: null,
  nearDuplicateOf: null,
});

interface Bucket {
  series_id: string;
  grain: string;
  bucket: string;
  volume: number;
  positive: number;
  neutral: number;
  negative: number;
  score_sum: number;
  authors: number;
  reach: number;
  reach_mentions: number;
}

const readBuckets = async (d: TestDatabase, ws: string): Promise<Bucket[]> =>
  (
    await d.query<Bucket>(
      `select series_id, grain, to_char(bucket at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as bucket, volume, positive, neutral, negative,
         round(score_sum::numeric, 4)::float8 as score_sum, authors, reach::int as reach, reach_mentions
       from measure_buckets where workspace_id = $1 order by series_id, grain, bucket`,
      [ws],
    )
  ).map((r) => ({ ...r }));

/** The same figures computed from the raw mentions with GROUP BY: the oracle. */
const fromRawMentions = async (d: TestDatabase, ws: string, hourSince: Date): Promise<Bucket[]> =>
  d.query<Bucket>(
    `with s as (
       select m.*, x.series_id from mentions m
       cross join lateral (select '${allMentionsSeries}'::uuid as series_id union all select q::uuid from jsonb_array_elements_text(m.matched_queries) q) x
       where m.workspace_id = $1),
     g as (select s.*, 'day' as grain, date_trunc('day', published_at, 'UTC') as b from s
           union all select s.*, 'hour', date_trunc('hour', published_at, 'UTC') from s where published_at >= $2)
     select series_id, grain, to_char(b at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as bucket, count(*)::int as volume,
       count(*) filter (where sentiment_label = 'positive')::int as positive,
       count(*) filter (where sentiment_label = 'neutral')::int as neutral,
       count(*) filter (where sentiment_label = 'negative')::int as negative,
       round(sum(sentiment_score::float8)::numeric, 4)::float8 as score_sum,
       count(distinct (network, lower(author_handle)))::int as authors,
       sum(coalesce((metrics->>'replies')::int, 0) + coalesce((metrics->>'reposts')::int, 0) + coalesce((metrics->>'likes')::int, 0)
         + coalesce((metrics->>'quotes')::int, 0) + coalesce((metrics->>'score')::int, 0))::int as reach,
       count(*) filter (where metrics <> '{}'::jsonb)::int as reach_mentions
     from g group by series_id, grain, b order by series_id, grain, bucket`,
    [ws, hourSince.toISOString()],
  );

interface LastDay {
  series_id: string;
  author: string;
  last_day: string;
}

/** The read side's cache of the authors' last days (ADR 0190). */
const storedLastDays = async (d: TestDatabase, ws: string): Promise<LastDay[]> =>
  d.query<LastDay>(
    `select series_id, author::text as author, to_char(last_day at time zone 'UTC', 'YYYY-MM-DD') as last_day
     from measure_author_last_days where workspace_id = $1 order by 1, 2`,
    [ws],
  );

/** Each author's last day (UTC) per series among the raw mentions published before `before`: the oracle of the cache. */
const lastDaysFromRaw = async (d: TestDatabase, ws: string, before: Date): Promise<LastDay[]> =>
  d.query<LastDay>(
    `select x.series_id, md5(m.network || ':' || lower(m.author_handle))::uuid::text as author,
       to_char(max(date_trunc('day', m.published_at, 'UTC')) at time zone 'UTC', 'YYYY-MM-DD') as last_day
     from mentions m
     cross join lateral (select '${allMentionsSeries}'::uuid as series_id union all select q::uuid from jsonb_array_elements_text(m.matched_queries) q) x
     where m.workspace_id = $1 and m.published_at < $2 group by 1, 2 order by 1, 2`,
    [ws, before.toISOString()],
  );

/** Runs `f` in a READ ONLY transaction: any write it tries fails the transaction. */
const readOnly = <T>(db: Db, f: (tx: Db) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    return f(tx);
  });

/** What the fold job does for one workspace (ADR 0310): every series behind, folded up to yesterday. */
const fold = async (db: Db, ws: string, at: Date): Promise<number> => {
  let months = 0;
  for (const s of await seriesToFold(db, lastClosedDay(at), ws)) months += await refreshAuthorLastDays(db, ws, s.seriesId, lastClosedDay(at));
  return months;
};

for (const target of targets) {
  describe(`author keys made in the ingest on ${target.name}`, { skip: await target.skip() }, () => {
    it("equal the database's md5 of network and lower-cased handle, or are left to it", async () => {
      const d = await target.open();
      try {
        const handles = ['@u12@social.example', 'alice.bsky.social', 'did:plc:abcd1234', 'user_9 [x] {y} ~z', '@Alice@Piaille.fr', 'Élodie', 'İstanbul', 'ñandú', "o'brien", ''];
        for (const network of ['mastodon', 'bluesky']) {
          for (const handle of handles) {
            const key = authorKey(network, handle);
            const [row] = await d.query<{ k: string }>("select md5($1 || ':' || lower($2))::uuid::text as k", [network, handle]);
            if (key !== null) assert.equal(key, row?.k, handle);
            else assert.ok(/[A-Z]|[^\x20-\x7e]/.test(handle), `${handle} is left to the database only when it holds a capital or non-ASCII letter`);
          }
        }
        assert.equal(authorKey('mastodon', '@Alice@Piaille.fr'), null);
        assert.equal(authorKey('mastodon', 'Élodie'), null);
      } finally {
        await d.close();
      }
    });
  });
}

describe('the last closed day', () => {
  it('is yesterday (UTC) at any time of today', () => {
    assert.equal(lastClosedDay(new Date('2026-12-07T00:00:00Z')).toISOString(), '2026-12-06T00:00:00.000Z');
    assert.equal(lastClosedDay(new Date('2026-12-07T23:59:59.999Z')).toISOString(), '2026-12-06T00:00:00.000Z');
    assert.equal(lastClosedDay(new Date('2025-01-01T08:00:00Z')).toISOString(), '2024-12-31T00:00:00.000Z');
  });
});

/**
 * The two ways to count a batch just inserted (ADR 0180): in SQL from the inserted ids (demo,
 * older callers), or summed in memory from the rows (the ingest). Every test runs both.
 */
const paths = {
  'from the inserted ids': async (tx: Db, ws: string, rows: readonly IngestedMention[]): Promise<number> => {
    const ids = await insertIngestedMentions(tx, ws, rows);
    await addInsertedMentionsToRollups(tx, ws, ids.map((r) => r.id), now);
    return ids.length;
  },
  'from the inserted rows in memory': async (tx: Db, ws: string, rows: readonly IngestedMention[]): Promise<number> => {
    const ids = await insertIngestedMentions(tx, ws, rows);
    await addMentionsToRollups(tx, ws, ids.map((r) => rows[r.index] as IngestedMention), now);
    return ids.length;
  },
} as const;

for (const target of targets) for (const [pathName, insertAndCount] of Object.entries(paths)) {
  describe(`measure rollups on ${target.name}, ${pathName}`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    const ingest = async (ws: string, rows: IngestedMention[]): Promise<number> =>
      d.db.transaction(async (tx) => insertAndCount(tx, ws, rows));

    it('counts volume, sentiment, exact unique authors and reach per series, day and recent hour', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'R', now })).id;
      await ingest(ws, [
        mention('a', { at: '2026-12-06T09:10:00Z', author: '@lea@ex.org', label: 'positive', score: 0.8, queries: [q1], metrics: { likes: 3, reposts: 1 } }),
        mention('b', { at: '2026-12-06T09:50:00Z', author: '@LEA@ex.org', label: 'negative', score: -0.5, queries: [q1, q2] }),
        mention('c', { at: '2026-12-06T15:00:00Z', author: '@nico@ex.org', label: 'neutral', score: 0.1, queries: [q2], metrics: { replies: 2 } }),
        // Older than a week: its day is counted, not its hour.
        mention('d', { at: '2026-11-20T08:00:00Z', author: '@lea@ex.org', label: 'positive', score: 0.4 }),
      ]);
      // A second batch: Léa again the same day (no new author), someone new.
      await ingest(ws, [
        mention('e', { at: '2026-12-06T09:30:00Z', author: '@lea@ex.org', label: 'positive', score: 0.6, queries: [q1] }),
        mention('f', { at: '2026-12-06T23:59:59Z', author: '@sam@ex.org', network: 'bluesky', label: 'negative', score: -0.9 }),
      ]);
      const b = await readBuckets(d, ws);
      const find = (series: string, grain: string, bucket: string) => b.find((x) => x.series_id === series && x.grain === grain && x.bucket === bucket);
      assert.deepEqual(find(allMentionsSeries, 'day', '2026-12-06T00'), {
        series_id: allMentionsSeries, grain: 'day', bucket: '2026-12-06T00',
        volume: 5, positive: 2, neutral: 1, negative: 2, score_sum: 0.1, authors: 3, reach: 6, reach_mentions: 2,
      });
      assert.deepEqual(find(q1, 'day', '2026-12-06T00'), {
        series_id: q1, grain: 'day', bucket: '2026-12-06T00',
        volume: 3, positive: 2, neutral: 0, negative: 1, score_sum: 0.9, authors: 1, reach: 4, reach_mentions: 1,
      });
      assert.equal(find(q1, 'hour', '2026-12-06T09')?.volume, 3);
      assert.equal(find(q1, 'hour', '2026-12-06T09')?.authors, 1);
      assert.equal(find(q2, 'hour', '2026-12-06T15')?.volume, 1);
      assert.equal(find(allMentionsSeries, 'day', '2026-11-20T00')?.volume, 1);
      assert.equal(find(allMentionsSeries, 'hour', '2026-11-20T08'), undefined);
      assert.deepEqual(b, await fromRawMentions(d, ws, hourlyFrom(now)));
    });

    it('a retried batch whose rows are already stored counts nothing twice', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Retry', now })).id;
      const batch = [mention('r1', { at: '2026-12-05T10:00:00Z', queries: [q1] }), mention('r2', { at: '2026-12-05T11:00:00Z', label: 'positive', score: 1 })];
      assert.equal(await ingest(ws, batch), 2);
      const once = await readBuckets(d, ws);
      // The same batch again, and a batch half old, half new.
      assert.equal(await ingest(ws, batch), 0);
      assert.deepEqual(await readBuckets(d, ws), once);
      assert.equal(await ingest(ws, [batch[0] as IngestedMention, mention('r3', { at: '2026-12-05T10:30:00Z', queries: [q1] })]), 1);
      const day = (await readBuckets(d, ws)).find((x) => x.series_id === q1 && x.grain === 'day');
      assert.equal(day?.volume, 2);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
    });

    it('a batch rolled back leaves neither the mentions nor their counts', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Rollback', now })).id;
      await assert.rejects(
        d.db.transaction(async (tx) => {
          await insertAndCount(tx, ws, [mention('x1', { at: '2026-12-05T10:00:00Z' })]);
          throw new Error('crash after the rollups');
        }),
        /crash/,
      );
      assert.deepEqual(await readBuckets(d, ws), []);
      assert.equal(await ingest(ws, [mention('x1', { at: '2026-12-05T10:00:00Z' })]), 1);
      assert.equal((await readBuckets(d, ws)).find((x) => x.grain === 'day')?.volume, 1);
    });

    it('random batches with retries always equal the GROUP BY over the raw mentions', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Random', now })).id;
      let seed = 42;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      const all: IngestedMention[] = [];
      for (let i = 0; i < 600; i++) {
        const at = new Date(now.getTime() - Math.floor(rnd() * 20 * 86_400_000));
        const queries = [q1, q2].filter(() => rnd() < 0.4);
        all.push(
          mention(`m${i}`, {
            at,
            author: `@${pick(['a', 'b', 'c', 'd', 'e', 'f', 'g'])}@ex.org`,
            network: pick(['mastodon', 'bluesky', 'rss'] as const),
            label: pick(['positive', 'neutral', 'negative'] as const),
            score: Math.round((rnd() * 2 - 1) * 1000) / 1000,
            queries,
            ...(rnd() < 0.5 ? { metrics: { likes: Math.floor(rnd() * 10), replies: Math.floor(rnd() * 3) } } : {}),
          }),
        );
      }
      // Overlapping batches: each re-sends part of the previous one (at-least-once delivery).
      for (let i = 0; i < all.length; i += 70) await ingest(ws, all.slice(Math.max(0, i - 30), i + 70));
      const expected = await fromRawMentions(d, ws, hourlyFrom(now));
      assert.equal(expected.find((x) => x.series_id === allMentionsSeries && x.grain === 'day') !== undefined, true);
      assert.deepEqual(await readBuckets(d, ws), expected);
      await refreshAuthorLastDays(d.db, ws, allMentionsSeries, lastClosedDay(now));
      assert.ok((await storedLastDays(d, ws)).length > 0);
      // Rebuilding everything from the raw mentions gives the same rows as the increments, and drops the read side's cache.
      await rebuildWorkspaceRollups(d.db, ws, now);
      assert.deepEqual(await readBuckets(d, ws), expected);
      assert.deepEqual(await storedLastDays(d, ws), []);
    });

    it("rebuilds or drops one query's series and leaves the others alone", async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Rebuild', now })).id;
      await ingest(ws, [
        mention('p1', { at: '2026-12-06T10:00:00Z', queries: [q1] }),
        mention('p2', { at: '2026-12-06T11:00:00Z', queries: [q2] }),
      ]);
      // The query q1 was changed: p2 now matches it, p1 no longer.
      await d.query(`update mentions set matched_queries = '[]'::jsonb where workspace_id = $1 and external_id = 'p1'`, [ws]);
      await d.query(`update mentions set matched_queries = $2::jsonb where workspace_id = $1 and external_id = 'p2'`, [ws, JSON.stringify([q1, q2])]);
      for (const series of [allMentionsSeries, q1, q2]) await refreshAuthorLastDays(d.db, ws, series, lastClosedDay(now));
      const before = await storedLastDays(d, ws);
      await rebuildQueryRollups(d.db, ws, q1, now);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
      // q1's cache went with its rows; the others' stayed.
      assert.deepEqual(await storedLastDays(d, ws), before.filter((x) => x.series_id !== q1));
      // q2 deleted: the re-match removes it from every mention.
      await d.query(`update mentions set matched_queries = matched_queries - $2::text where workspace_id = $1`, [ws, q2]);
      await dropQueryRollups(d.db, ws, q2);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
      assert.equal((await storedLastDays(d, ws)).some((x) => x.series_id === q2), false);
      assert.equal((await readBuckets(d, ws)).some((x) => x.series_id === q2), false);
    });

    it('distinct authors over any range of days, across a leap year end, equal the raw count', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Ranges', now })).id;
      const days = ['2024-02-29', '2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02', '2025-03-01'];
      const rows = days.flatMap((day, i) =>
        ['a', 'b', 'c', 'd'].slice(0, 1 + (i % 4)).map((who, j) => mention(`${day}-${who}`, { at: `${day}T1${j}:00:00Z`, author: `@${who}${i % 2}@ex.org`, queries: [q1] })),
      );
      await ingest(ws, rows);
      const raw = async (from: string, to: string) =>
        Number(
          (
            await d.query<{ n: number }>(
              `select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and published_at >= $2 and published_at < ($3::date + 1)`,
              [ws, from, to],
            )
          )[0]?.n,
        );
      for (const [from, to] of [
        ['2024-02-29', '2024-02-29'],
        ['2024-12-31', '2024-12-31'],
        ['2024-12-30', '2025-01-01'],
        ['2024-01-01', '2025-12-31'],
        ['2025-01-02', '2025-03-01'],
        ['2024-03-01', '2024-12-29'],
      ] as const) {
        const n = await countDistinctAuthors(d.db, ws, q1, 'day', new Date(from), new Date(to), now);
        assert.equal(n, await raw(from, to), `${from} → ${to}`);
      }
    });

    it('distinct authors of ranges ending now (from the last-day cache) equal the raw count as days pass and late mentions come', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Long ranges', now })).id;
      let seed = 7;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const start = Date.parse('2025-10-15T00:00:00Z');
      const post = (i: number, at: number) => {
        const who = Math.floor(rnd() * rnd() * 60);
        return mention(`l${i}`, { at: new Date(at), author: `@p${who}@ex.org`, network: who % 5 === 0 ? 'bluesky' : 'mastodon', queries: rnd() < 0.5 ? [q1] : [] });
      };
      // 13 months of history, then day after day: each day's mentions, some late ones for an old
      // month, and the dashboard read at a random hour of the next day.
      const history = Array.from({ length: 700 }, (_, i) => post(i, start + Math.floor(rnd() * 395 * 86_400_000)));
      for (let i = 0; i < history.length; i += 100) await ingest(ws, history.slice(i, i + 100));
      const raw = async (series: string, from: Date, to: Date) =>
        Number(
          (
            await d.query<{ n: number }>(
              `select count(distinct (network, lower(author_handle)))::int as n from mentions
               where workspace_id = $1 and published_at >= $2 and published_at < $3 and ($4::text is null or matched_queries ? $4::text)`,
              [ws, from.toISOString(), new Date(to.getTime() + 86_400_000).toISOString(), series === allMentionsSeries ? null : series],
            )
          )[0]?.n,
        );
      let n = history.length;
      const firstToday = start + 395 * 86_400_000;
      const check = async (clock: Date, k: number, when: string) => {
        const yesterday = lastClosedDay(clock);
        const todayStart = new Date(yesterday.getTime() + 86_400_000);
        for (const series of [allMentionsSeries, q1]) {
          for (const days of [365, 90, 30, 2, 1]) {
            for (const to of [todayStart, yesterday]) {
              const from = new Date(to.getTime() - (days - 1) * 86_400_000);
              // Read-only: a read that tried to fold would fail here.
              const got = await readOnly(d.db, (tx) => countDistinctAuthors(tx, ws, series, 'day', from, to, clock));
              assert.equal(got, await raw(series, from, to), `day ${k} ${when}, ${series}, ${days} days to ${to.toISOString()}`);
            }
          }
        }
      };
      // Before any fold: the cache is empty and every day is read from its author rows.
      const first = new Date(firstToday + Math.floor(rnd() * 86_400_000));
      await check(first, -1, 'before any fold');
      assert.deepEqual(await storedLastDays(d, ws), []);
      for (let k = 0; k < 6; k++) {
        const today = firstToday + k * 86_400_000;
        const late = k % 2 === 1 ? [post(n++, start + Math.floor(rnd() * 200 * 86_400_000))] : [];
        await ingest(ws, [...Array.from({ length: 15 }, () => post(n++, today + Math.floor(rnd() * 86_400_000))), ...late]);
        const clock = new Date(today + 86_400_000 + Math.floor(rnd() * 86_400_000));
        const todayStart = new Date(lastClosedDay(clock).getTime() + 86_400_000);
        // The next day, before the fold job: yesterday (and a month with late mentions) are not in the cache.
        await check(clock, k, 'before the fold');
        // Some days the job does not run (a failed run): the next day's read has two days behind the cache.
        if (k % 3 === 1) continue;
        assert.ok((await fold(d.db, ws, clock)) > 0);
        // The cache then holds exactly every author's last day up to yesterday; a second run has nothing to do.
        assert.deepEqual(await storedLastDays(d, ws), await lastDaysFromRaw(d, ws, todayStart));
        assert.equal(await fold(d.db, ws, clock), 0);
        await check(clock, k, 'after the fold');
      }
      // A range in the past (not reaching yesterday) is counted from the day rows.
      const clock = new Date(firstToday + 7 * 86_400_000);
      const from = new Date('2025-12-01T00:00:00Z');
      const to = new Date('2026-05-31T00:00:00Z');
      assert.equal(await countDistinctAuthors(d.db, ws, allMentionsSeries, 'day', from, to, clock), await raw(allMentionsSeries, from, to));
      // The cache is what the range reads: emptied behind the reads' back, they count less.
      const full = await countDistinctAuthors(d.db, ws, allMentionsSeries, 'day', new Date(firstToday - 300 * 86_400_000), lastClosedDay(clock), clock);
      await d.query(`delete from measure_author_last_days where workspace_id = $1`, [ws]);
      assert.ok((await countDistinctAuthors(d.db, ws, allMentionsSeries, 'day', new Date(firstToday - 300 * 86_400_000), lastClosedDay(clock), clock)) < full);
    });

    it('the fold beside ingest batches, and folded twice at once: the cache stays every last day, reads stay exact', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Fold beside ingest', now })).id;
      const post = (i: number, day: number) =>
        mention(`c${i}`, { at: new Date(Date.parse('2026-10-01T10:00:00Z') + day * 86_400_000), author: `@p${(i * 7) % 23}@ex.org`, queries: i % 2 ? [q1] : [] });
      await ingest(ws, Array.from({ length: 120 }, (_, i) => post(i, i % 66)));
      const raw = async (from: Date) =>
        Number((await d.query<{ n: number }>(`select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and published_at >= $2`, [ws, from.toISOString()]))[0]?.n);
      const todayStart = new Date(lastClosedDay(now).getTime() + 86_400_000);
      for (let round = 0; round < 4; round++) {
        // A fold, a second fold, and a batch (old days and today) at the same time.
        const batch = Array.from({ length: 30 }, (_, i) => post(1000 * (round + 1) + i, (i * 5 + round) % 68));
        await Promise.all([fold(d.db, ws, now), fold(d.db, ws, now), ingest(ws, batch)]);
        for (const days of [120, 30, 1]) {
          const from = new Date(todayStart.getTime() - days * 86_400_000);
          assert.equal(await readOnly(d.db, (tx) => countDistinctAuthors(tx, ws, allMentionsSeries, 'day', from, todayStart, now)), await raw(from), `round ${round}, ${days} days`);
        }
        await fold(d.db, ws, now);
        assert.deepEqual(await storedLastDays(d, ws), await lastDaysFromRaw(d, ws, todayStart));
        assert.equal(await fold(d.db, ws, now), 0);
      }
      // A read whose clock is behind the fold's (another replica's clock, a day earlier): the cache
      // holds a day after its range, so it counts the author rows, still exactly.
      const behind = new Date(now.getTime() - 86_400_000);
      const to = lastClosedDay(now);
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const exact = Number(
        (await d.query<{ n: number }>(`select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and published_at >= $2 and published_at < $3`, [ws, from.toISOString(), to.toISOString()]))[0]?.n,
      );
      assert.equal(await readOnly(d.db, (tx) => countDistinctAuthors(tx, ws, allMentionsSeries, 'day', from, new Date(to.getTime() - 86_400_000), behind)), exact);
    });

    it('the migration fills the last-day cache from the day rows already stored', async () => {
      // A database as it was before migration 0007, with rollups written then.
      const old = await target.open({ migrate: false });
      const dir = mkdtempSync(join(tmpdir(), 'relais-migrations-'));
      try {
        const folder = fileURLToPath(new URL('./migrations', import.meta.url));
        cpSync(folder, dir, { recursive: true });
        const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
        const at = journal.entries.findIndex((e) => e.tag === '0007_measure_author_last_days');
        assert.ok(at > 0);
        writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
        if (old.kind === 'pglite') await migratePglite(old.db as never, { migrationsFolder: dir });
        else await migratePg(old.db as never, { migrationsFolder: dir });
        const ws = (await insertWorkspace(old.db, { name: 'Before', now })).id;
        // Mentions of past days, and one of today's (published an hour ago: not a closed day).
        const hourAgo = new Date(Date.now() - 3_600_000);
        await old.db.transaction(async (tx) => {
          const ids = await insertIngestedMentions(tx, ws, [
            mention('o1', { at: '2026-10-30T10:00:00Z', author: '@a@ex.org', queries: [q1] }),
            mention('o2', { at: '2026-10-31T10:00:00Z', author: '@A@ex.org', queries: [q1, q2] }),
            mention('o3', { at: '2026-11-01T10:00:00Z', author: '@b@ex.org' }),
            mention('o4', { at: hourAgo, author: '@c@ex.org', queries: [q2] }),
          ]);
          await addInsertedMentionsToRollups(tx, ws, ids.map((r) => r.id), new Date());
        });
        await migrateDatabase(old);
        const todayStart = new Date(lastClosedDay(new Date()).getTime() + 86_400_000);
        const cached = await storedLastDays(old, ws);
        assert.deepEqual(cached, await lastDaysFromRaw(old, ws, todayStart));
        assert.equal(cached.length, hourAgo < todayStart ? 6 : 4);
        // The folds match the day rows: a read folds nothing more.
        for (const series of [allMentionsSeries, q1, q2]) assert.equal(await refreshAuthorLastDays(old.db, ws, series, lastClosedDay(new Date())), 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await old.close();
      }
    });

    it('the nightly prune removes hourly rows older than a week and keeps the days', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Prune', now })).id;
      await ingest(ws, [mention('h1', { at: '2026-12-01T10:00:00Z' }), mention('h2', { at: '2026-12-06T10:00:00Z' })]);
      assert.equal((await readBuckets(d, ws)).filter((x) => x.grain === 'hour').length, 2);
      // Three days later the first hour is more than a week old.
      await pruneHourlyRollups(d.db, new Date('2026-12-10T00:00:00Z'));
      const left = await readBuckets(d, ws);
      assert.deepEqual(left.filter((x) => x.grain === 'hour').map((x) => x.bucket), ['2026-12-06T10']);
      assert.equal(left.filter((x) => x.grain === 'day').length, 2);
      const authors = await d.query<{ n: number }>(`select count(*)::int as n from measure_authors where workspace_id = $1 and grain = 'hour'`, [ws]);
      assert.equal(authors[0]?.n, 1);
    });
  });
}

for (const target of targets) {
  describe(`measure rollups on ${target.name}: rows in memory and inserted ids agree`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    /** Every column of both tables, the score sums exact (as text with all digits). */
    const snapshot = async (ws: string) => ({
      buckets: await d.query(
        `select series_id, grain, bucket, volume, positive, neutral, negative, score_sum::float8::text as score_sum, authors, reach, reach_mentions
         from measure_buckets where workspace_id = $1 order by series_id, grain, bucket`,
        [ws],
      ),
      authors: await d.query(`select series_id, grain, bucket, author from measure_authors where workspace_id = $1 order by 1, 2, 3, 4`, [ws]),
    });

    it('gives the same rows to the last bit, handles folded by the database, odd metrics and dates included', async () => {
      let seed = 7;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      const all: IngestedMention[] = [];
      for (let i = 0; i < 900; i++) {
        const at = i % 97 === 0 ? new Date(`1969-12-31T23:${10 + (i % 40)}:00Z`) : new Date(now.getTime() - Math.floor(rnd() * 12 * 86_400_000));
        const base = mention(`k${i}`, {
          at,
          // Case variants of one author (ASCII and not) are one author.
          author: pick(['@lea@ex.org', '@LEA@ex.org', '@Léa@ex.org', '@léa@ex.org', '@ÉLODIE@ex.org', '@élodie@ex.org', '@sam@ex.org', 'Sam']),
          network: pick(['mastodon', 'bluesky', 'rss'] as const),
          label: pick(['positive', 'neutral', 'negative'] as const),
          // Scores as the ingest stores them (4 decimals).
          score: Math.round((rnd() * 2 - 1) * 1e4) / 1e4,
          queries: [q1, q2].filter(() => rnd() < 0.4),
          metrics: pick([{}, { likes: 3, replies: 0 }, { score: 120 }, { likes: undefined } as unknown as Record<string, number>, { views: 9 }]),
        });
        all.push(i % 13 === 0 ? { ...base, sentiment: null } : base);
      }
      const [fromIds, fromRows] = [paths['from the inserted ids'], paths['from the inserted rows in memory']];
      const a = (await insertWorkspace(d.db, { name: 'ids', now })).id;
      const b = (await insertWorkspace(d.db, { name: 'rows', now })).id;
      for (let i = 0; i < all.length; i += 100) {
        const batch = all.slice(Math.max(0, i - 40), i + 100);
        await d.db.transaction((tx) => fromIds(tx, a, batch));
        await d.db.transaction((tx) => fromRows(tx, b, batch));
      }
      const [sa, sb] = [await snapshot(a), await snapshot(b)];
      assert.ok(sa.authors.length > 20 && sa.buckets.length > 20);
      assert.deepEqual(sb, sa);
      const stored = await d.query<{ n: number }>('select count(*)::int as n from mentions where workspace_id = $1', [b]);
      const counted = sb.buckets.filter((x) => x.series_id === allMentionsSeries && x.grain === 'day').reduce((n, x) => n + Number(x.volume), 0);
      assert.equal(counted, stored[0]?.n);
    });

    it('a metric the database cannot read as an integer fails the batch on both paths', async () => {
      const bad = { ...mention('frac', { at: '2026-12-06T10:00:00Z' }), metrics: { likes: 1.5 } };
      for (const [name, path] of Object.entries(paths)) {
        const ws = (await insertWorkspace(d.db, { name, now })).id;
        await assert.rejects(d.db.transaction((tx) => path(tx, ws, [bad])));
        assert.deepEqual(await readBuckets(d, ws), []);
      }
    });
  });
}

for (const target of targets) {
  describe(`measure rollups on ${target.name}: the pairs a call's earlier batches wrote (ADR 0320)`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    /** One batch as the ingest writes it: insert, deltas of the inserted rows, the write skipping what `memo` holds; then the commit. Returns the pairs it sent. */
    const batch = async (ws: string, rows: IngestedMention[], memo: WrittenPairs, at = now): Promise<{ sent: number; of: number }> => {
      let sent = 0;
      let of = 0;
      let done: { deltas: RollupDeltas; written: RollupWritten } | null = null;
      await d.db.transaction(async (tx) => {
        const ids = await insertIngestedMentions(tx, ws, rows);
        const deltas = rollupDeltas(ws, ids.map((r) => rows[r.index] as IngestedMention), at);
        if (!deltas) return;
        const skip = memo.skippable(deltas);
        of = deltas.pairList.key.length;
        sent = skip ? skip.others[0].split(',').filter((x) => /\d/.test(x)).length : of;
        done = { deltas, written: await writeRollupDeltas(tx, deltas, {}, skip) };
      });
      if (done) memo.committed((done as { deltas: RollupDeltas }).deltas, (done as { written: RollupWritten }).written);
      return { sent, of };
    };
    const authorsOf = async (ws: string, series: string, grain: string, bucket: string): Promise<number | undefined> =>
      (await readBuckets(d, ws)).find((x) => x.series_id === series && x.grain === grain && x.bucket === bucket)?.authors;

    it('skips the pairs the earlier batches wrote and stays equal to the GROUP BY over the raw mentions', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Memo', now })).id;
      const memo = new WrittenPairs();
      const first = await batch(ws, [
        mention('m1', { at: '2026-12-06T09:10:00Z', author: '@lea@ex.org', queries: [q1] }),
        mention('m2', { at: '2026-12-06T09:20:00Z', author: '@nico@ex.org' }),
      ], memo);
      assert.equal(first.sent, first.of, 'nothing to skip in the first batch');
      const second = await batch(ws, [
        mention('m3', { at: '2026-12-06T09:40:00Z', author: '@lea@ex.org', queries: [q1] }),
        mention('m4', { at: '2026-12-06T09:50:00Z', author: '@LEA@ex.org', queries: [q2] }),
        mention('m5', { at: '2026-12-06T15:00:00Z', author: '@sam@ex.org' }),
      ], memo);
      assert.ok(second.sent < second.of, `the pairs Léa and the first batch share are skipped (${second.sent} of ${second.of} sent)`);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
    });

    it('after a query’s series was dropped, the next batch counts its authors again', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Memo drop', now })).id;
      const memo = new WrittenPairs();
      await batch(ws, [mention('d1', { at: '2026-12-06T09:10:00Z', author: '@lea@ex.org', queries: [q1] })], memo);
      await dropQueryRollups(d.db, ws, q1);
      // Léa's pairs are in the memory, but the drop bumped the epoch: every pair is checked.
      await batch(ws, [mention('d2', { at: '2026-12-06T10:10:00Z', author: '@lea@ex.org', queries: [q1] })], memo);
      assert.equal(await authorsOf(ws, q1, 'day', '2026-12-06T00'), 1);
      assert.equal(await authorsOf(ws, q1, 'hour', '2026-12-06T10'), 1);
    });

    it('after a rebuild, the next batch checks every pair and the rollups equal the raw mentions', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Memo rebuild', now })).id;
      const memo = new WrittenPairs();
      await batch(ws, [mention('r1', { at: '2026-12-06T09:10:00Z', author: '@lea@ex.org', queries: [q1] })], memo);
      await rebuildQueryRollups(d.db, ws, q1, now);
      await rebuildWorkspaceRollups(d.db, ws, now);
      await batch(ws, [mention('r2', { at: '2026-12-06T09:30:00Z', author: '@lea@ex.org', queries: [q1] })], memo);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
      // The epoch is remembered again: a third batch skips.
      const third = await batch(ws, [mention('r3', { at: '2026-12-06T09:50:00Z', author: '@lea@ex.org', queries: [q1] })], memo);
      assert.ok(third.sent < third.of);
      assert.deepEqual(await readBuckets(d, ws), await fromRawMentions(d, ws, hourlyFrom(now)));
    });

    it('after the hourly prune removed an hour, a batch that writes that hour again counts its author', async () => {
      const ws = (await insertWorkspace(d.db, { name: 'Memo prune', now })).id;
      const memo = new WrittenPairs();
      await batch(ws, [mention('p1', { at: '2026-12-01T08:10:00Z', author: '@lea@ex.org' })], memo);
      assert.equal(await authorsOf(ws, allMentionsSeries, 'hour', '2026-12-01T08'), 1);
      // A day later the hour is older than a week: pruned (with its author).
      await pruneHourlyRollups(d.db, new Date(now.getTime() + 86_400_000));
      assert.equal(await authorsOf(ws, allMentionsSeries, 'hour', '2026-12-01T08'), undefined);
      // A batch still dated before the prune's clock writes that hour again.
      await batch(ws, [mention('p2', { at: '2026-12-01T08:40:00Z', author: '@lea@ex.org' })], memo);
      assert.equal(await authorsOf(ws, allMentionsSeries, 'hour', '2026-12-01T08'), 1);
    });
  });
}
