import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { MentionMetrics, Sentiment } from '../core/mention.ts';
import type { Db } from './db.ts';
import { toPgArray, toPgNumberArray } from './pg-array.ts';
import { executePrepared } from './prepared.ts';

/**
 * The write side of the measure rollups (ADR 0150): `measure_buckets` (counts per workspace,
 * series and bucket) and its companion `measure_authors` (one row per distinct author of a
 * bucket, so unique authors are exact). A series is a query id, or `allMentionsSeries` for every
 * mention of the workspace. Days are kept; hours only from `hourSince` on (the last week).
 *
 * Every write is ONE statement for both tables: a data-modifying CTE inserts the authors not yet
 * seen in their bucket, and the bucket upsert adds the new ones to `authors`. Callers pass only
 * rows they have just inserted (the ids an `insert … on conflict do nothing returning id` gave
 * back), inside the same transaction, so a retried batch adds nothing twice and a crash rolls
 * the mentions and their counts back together.
 *
 * The read side keeps a cache of the authors' last days (measure_author_last_days, ADR 0190); the
 * ingest never writes it, and deleting a series here deletes its cache too.
 *
 * Writers of one workspace's rollups take `rollupLock` first: an ingest batch and the rebuild of
 * a query's series (after the query changed) then never interleave.
 */
export const allMentionsSeries = '00000000-0000-0000-0000-000000000000';

export const hourlyRetentionMs = 7 * 86_400_000;

/** The first hour kept at hourly grain, given the current time. */
export const hourlyFrom = (now: Date): Date => {
  const t = now.getTime() - hourlyRetentionMs;
  return new Date(t - (t % 3_600_000));
};

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/** Interactions recorded with a mention (the keys of MentionMetrics), 0 when absent. */
const reachOf = sql.raw(
  ['replies', 'reposts', 'likes', 'quotes', 'score'].map((k) => `coalesce((m.metrics->>'${k}')::bigint, 0)`).join(' + '),
);

/**
 * Adds the mentions selected by `where` (over `mentions m`) to the rollups of `workspaceId`.
 * `series`: every series of each mention (the all-mentions series and each matched query), or
 * only the one given. Returns the number of bucket rows written.
 */
const addToRollups = async (db: Db, workspaceId: string, where: SQL, now: Date, series: string | null): Promise<number> => {
  const onlySeries = series === null ? sql`` : sql`where sr.series_id = ${series}::uuid`;
  const r = await db.execute(sql`
    with src as (
      select m.published_at, m.sentiment_label, m.sentiment_score, m.matched_queries,
        md5(m.network || ':' || lower(m.author_handle))::uuid as author,
        ${reachOf} as reach,
        m.metrics <> '{}'::jsonb as has_metrics
      from mentions m
      where m.workspace_id = ${workspaceId}::uuid and ${where}
    ),
    expanded as (
      select s.*, sr.series_id, g.grain, date_trunc(g.grain, s.published_at, 'UTC') as bucket
      from src s
      cross join lateral (
        select ${allMentionsSeries}::uuid as series_id
        union all
        select q::uuid from jsonb_array_elements_text(s.matched_queries) as q
      ) sr
      cross join lateral (
        select 'day'::text as grain
        union all
        select 'hour'::text where s.published_at >= ${hourlyFrom(now).toISOString()}::timestamptz
      ) g
      ${onlySeries}
    ),
    new_authors as (
      insert into measure_authors (workspace_id, series_id, grain, bucket, author)
      select distinct ${workspaceId}::uuid, series_id, grain, bucket, author from expanded
      on conflict do nothing
      returning series_id, grain, bucket
    ),
    author_counts as (
      select series_id, grain, bucket, count(*)::int as n from new_authors group by series_id, grain, bucket
    )
    insert into measure_buckets as b (workspace_id, series_id, grain, bucket, volume, positive, neutral, negative,
      score_sum, authors, reach, reach_mentions)
    select ${workspaceId}::uuid, e.series_id, e.grain, e.bucket, count(*)::int,
      (count(*) filter (where e.sentiment_label = 'positive'))::int,
      (count(*) filter (where e.sentiment_label = 'neutral'))::int,
      (count(*) filter (where e.sentiment_label = 'negative'))::int,
      coalesce(sum(e.sentiment_score::float8), 0),
      coalesce(max(a.n), 0),
      coalesce(sum(e.reach), 0)::bigint,
      (count(*) filter (where e.has_metrics))::int
    from expanded e
    left join author_counts a on a.series_id = e.series_id and a.grain = e.grain and a.bucket = e.bucket
    group by e.series_id, e.grain, e.bucket
    ${addToExistingBuckets}`);
  return rowsOf(r).length;
};

/** The tail of both bucket writes: a bucket already there gets the batch's counts added to its own. */
const addToExistingBuckets = sql`on conflict (workspace_id, series_id, grain, bucket) do update set
      volume = b.volume + excluded.volume,
      positive = b.positive + excluded.positive,
      neutral = b.neutral + excluded.neutral,
      negative = b.negative + excluded.negative,
      score_sum = b.score_sum + excluded.score_sum,
      authors = b.authors + excluded.authors,
      reach = b.reach + excluded.reach,
      reach_mentions = b.reach_mentions + excluded.reach_mentions
    returning 1 as one`;

/** How an ingest batch's transaction commits (ADR 0300). */
export interface RollupWriteOptions {
  /** The transaction commits without waiting for its WAL flush (`synchronous_commit = off`), set with the lock: no round trip of its own. */
  readonly asynchronousCommit?: boolean;
}

/** Serialises the rollup writers of one workspace until the transaction ends. */
export const rollupLock = async (tx: Db, workspaceId: string, o: RollupWriteOptions = {}): Promise<void> => {
  const key = `relais:rollups:${workspaceId}`;
  await tx.execute(
    o.asynchronousCommit
      ? sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0)), set_config('synchronous_commit', 'off', true)`
      : sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
  );
};

/**
 * Counts mentions just inserted into the rollups. Call it in the transaction of the insert with
 * exactly the ids that insert returned (never ids that were already stored).
 */
export const addInsertedMentionsToRollups = async (tx: Db, workspaceId: string, ids: readonly string[], now: Date): Promise<number> => {
  if (ids.length === 0) return 0;
  await rollupLock(tx, workspaceId);
  return addToRollups(tx, workspaceId, sql`m.id = any(${uuidArray(ids)}::uuid[])`, now, null);
};

/** What the rollups read of a mention: the fields of the stored row the SQL path reads. */
export interface RollupMention {
  readonly network: string;
  readonly author: { readonly handle: string };
  readonly publishedAt: Date;
  readonly sentiment: Sentiment | null;
  readonly matchedQueries: readonly string[];
  readonly metrics?: MentionMetrics;
}

const reachKeys = ['replies', 'reposts', 'likes', 'quotes', 'score'] as const;
const bigintText = /^\s*[+-]?\d+\s*$/;

/**
 * A metric as `(metrics->>'k')::bigint` reads it from the stored JSON: absent or null is 0, an
 * integer is itself; anything else fails the batch as that cast does.
 */
const metricOf = (v: unknown, key: string): number => {
  if (v === undefined || v === null) return 0;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (!bigintText.test(text)) throw new Error(`metric ${key} is not an integer: ${text}`);
  return Number(text);
};

/** `metrics <> '{}'` of the stored JSON (undefined values are not stored). */
const hasMetrics = (m: MentionMetrics | undefined): boolean => {
  if (!m) return false;
  for (const k in m) if ((m as Record<string, unknown>)[k] !== undefined) return true;
  return false;
};

interface BucketDelta {
  readonly series: string;
  readonly grain: 'day' | 'hour';
  readonly bucket: number;
  volume: number;
  positive: number;
  neutral: number;
  negative: number;
  scoreSum: number;
  reach: number;
  reachMentions: number;
  /** `network \0 handle` of the bucket's authors in this batch (folded by the database). */
  readonly authors: Set<string>;
}

const dayMs = 86_400_000;
/** A bucket with at most this many authors per pair of the batch is read whole (see below). */
const knownRatio = 4;
const hourMs = 3_600_000;

/**
 * Counts mentions just inserted into the rollups, from the rows in memory (the ingest's path,
 * ADR 0180): the batch's deltas are summed here, per series, grain and bucket, exactly as
 * `addInsertedMentionsToRollups` sums them in SQL, and written with one statement: the
 * bucket-author keys (`on conflict do nothing returning`, so only authors new to their bucket
 * are counted) and one upsert of the bucket rows, from arrays. Call it in the transaction of the
 * insert with exactly the rows that insert stored. Returns the number of bucket rows written.
 */
export const addMentionsToRollups = async (tx: Db, workspaceId: string, rows: readonly RollupMention[], now: Date, o: RollupWriteOptions = {}): Promise<number> => {
  const deltas = rollupDeltas(workspaceId, rows, now);
  return deltas ? (await writeRollupDeltas(tx, deltas, o)).rows : 0;
};

/**
 * A batch's rollup deltas, summed and encoded as the statement's array parameters: made apart
 * from the write so the ingest can make batch b + 1's while batch b is stored (ADR 0300).
 */
export interface RollupDeltas {
  readonly workspaceId: string;
  readonly buckets: readonly [series: string, grain: string, bucket: string, volume: string, positive: string, neutral: string, negative: string, scoreSum: string, reach: string, reachMentions: string, pairs: string];
  /** The batch's authors: network, handle, and the author key where it was made here (else null). */
  readonly authors: readonly [network: string, handle: string, key: string];
  readonly pairs: readonly [bucket: string, author: string];
  /** Pair n (from 0) of `pairs` as plain numbers (bucket and author, each counted from 1), and as a key of `WrittenPairs`. */
  readonly pairList: { readonly bucket: readonly number[]; readonly author: readonly number[]; readonly key: readonly string[] };
}

/**
 * The bucket-author pairs the committed batches of one ingest call wrote, and the workspace's
 * rollup epoch their last write read under the rollups' lock (ADR 0320). A later batch of the call
 * need not ask the database about those pairs: they are stored, unless a writer deleted pairs
 * since, which bumps the epoch, and the write then checks every pair as without this. Lives as
 * long as the call; its pairs are exact (network, handle) strings, so two spellings of one author
 * are two entries (the second one is still checked, never skipped wrongly).
 */
export class WrittenPairs {
  private epoch: string | null = null;
  private readonly pairs = new Set<string>();

  /** What `writeRollupDeltas` may skip of `deltas`. */
  skippable(deltas: RollupDeltas): RollupSkip | null {
    if (this.epoch === null) return null;
    const { bucket, author, key } = deltas.pairList;
    const b: number[] = [];
    const a: number[] = [];
    for (let n = 0; n < key.length; n++) {
      if (this.pairs.has(key[n] as string)) continue;
      b.push(bucket[n] as number);
      a.push(author[n] as number);
    }
    return { epoch: this.epoch, others: [toPgNumberArray(b), toPgNumberArray(a)] };
  }

  /** After the commit of a batch whose `writeRollupDeltas` returned `written`: its pairs are stored. */
  committed(deltas: RollupDeltas, written: RollupWritten): void {
    if (written.epoch !== this.epoch) this.pairs.clear();
    if (written.epoch === null) {
      this.epoch = null;
      return;
    }
    this.epoch = written.epoch;
    for (const k of deltas.pairList.key) this.pairs.add(k);
  }
}

/** Pairs a write may skip: those not in `others`, valid while the workspace's epoch is `epoch`. */
export interface RollupSkip {
  readonly epoch: string;
  readonly others: readonly [bucket: string, author: string];
}

/** What a rollup write did: the bucket rows it wrote, and the workspace's epoch it read under the lock. */
export interface RollupWritten {
  readonly rows: number;
  readonly epoch: string | null;
}

const plainAscii = /^[\x20-\x40\x5b-\x7e]*$/;

/**
 * An author's key in `measure_authors`, `md5(network || ':' || lower(handle))::uuid`, made here
 * when the database's `lower` cannot differ from the text itself (printable ASCII without capital
 * letters, whatever its locale), so the rollup statement does not hash it on the critical path
 * (ADR 0300); null otherwise (the statement hashes it).
 */
export const authorKey = (network: string, handle: string): string | null => {
  const text = `${network}:${handle}`;
  if (!plainAscii.test(text)) return null;
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The deltas `addMentionsToRollups` writes for `rows`; null for no rows. */
export const rollupDeltas = (workspaceId: string, rows: readonly RollupMention[], now: Date): RollupDeltas | null => {
  if (rows.length === 0) return null;
  const hourFrom = hourlyFrom(now).getTime();
  const buckets = new Map<string, BucketDelta>();
  const add = (series: string, grain: 'day' | 'hour', bucket: number, m: RollupMention, score: number | null, reach: number, has: boolean, author: string): void => {
    const key = `${series}|${grain}|${bucket}`;
    let b = buckets.get(key);
    if (!b) {
      b = { series, grain, bucket, volume: 0, positive: 0, neutral: 0, negative: 0, scoreSum: 0, reach: 0, reachMentions: 0, authors: new Set() };
      buckets.set(key, b);
    }
    b.volume++;
    const label = m.sentiment?.label;
    if (label === 'positive') b.positive++;
    else if (label === 'neutral') b.neutral++;
    else if (label === 'negative') b.negative++;
    if (score !== null) b.scoreSum += score;
    b.reach += reach;
    if (has) b.reachMentions++;
    b.authors.add(author);
  };
  for (const m of rows) {
    const t = m.publishedAt.getTime();
    const day = Math.floor(t / dayMs) * dayMs;
    const hour = t >= hourFrom ? Math.floor(t / hourMs) * hourMs : null;
    // The score as stored (a `real`), then read back as float8 by the SQL path.
    const score = m.sentiment ? Math.fround(m.sentiment.score) : null;
    let reach = 0;
    const metrics = m.metrics as Readonly<Record<string, unknown>> | undefined;
    if (metrics) for (const k of reachKeys) reach += metricOf(metrics[k], k);
    const has = hasMetrics(m.metrics);
    const author = `${m.network}\u0000${m.author.handle}`;
    for (let s = -1; s < m.matchedQueries.length; s++) {
      const series = s < 0 ? allMentionsSeries : (m.matchedQueries[s] as string).toLowerCase();
      add(series, 'day', day, m, score, reach, has, author);
      if (hour !== null) add(series, 'hour', hour, m, score, reach, has, author);
    }
  }
  // Bucket rows once; authors once (network, handle); the bucket-author pairs as two int arrays.
  const bs: string[] = [];
  const bg: string[] = [];
  const bb: string[] = [];
  const volume: number[] = [];
  const positive: number[] = [];
  const neutral: number[] = [];
  const negative: number[] = [];
  const scoreSum: number[] = [];
  const reach: number[] = [];
  const reachMentions: number[] = [];
  const pairs: number[] = [];
  const authorIndex = new Map<string, number>();
  const an: string[] = [];
  const ah: string[] = [];
  const pairBucket: number[] = [];
  const pairAuthor: number[] = [];
  const pairKey: string[] = [];
  for (const b of buckets.values()) {
    bs.push(b.series);
    bg.push(b.grain);
    bb.push(new Date(b.bucket).toISOString());
    volume.push(b.volume);
    positive.push(b.positive);
    neutral.push(b.neutral);
    negative.push(b.negative);
    scoreSum.push(b.scoreSum);
    reach.push(b.reach);
    reachMentions.push(b.reachMentions);
    pairs.push(b.authors.size);
    for (const a of b.authors) {
      let i = authorIndex.get(a);
      if (i === undefined) {
        const cut = a.indexOf('\u0000');
        an.push(a.slice(0, cut));
        ah.push(a.slice(cut + 1));
        i = an.length;
        authorIndex.set(a, i);
      }
      pairBucket.push(bs.length);
      pairAuthor.push(i);
      pairKey.push(`${b.series}|${b.grain}|${b.bucket}|${a}`);
    }
  }
  return {
    workspaceId,
    buckets: [
      toPgArray(bs), toPgArray(bg), toPgArray(bb), toPgNumberArray(volume), toPgNumberArray(positive), toPgNumberArray(neutral),
      toPgNumberArray(negative), toPgNumberArray(scoreSum), toPgNumberArray(reach), toPgNumberArray(reachMentions), toPgNumberArray(pairs),
    ],
    authors: [toPgArray(an), toPgArray(ah), toPgArray(an.map((network, i) => authorKey(network, ah[i] as string)))],
    pairs: [toPgNumberArray(pairBucket), toPgNumberArray(pairAuthor)],
    pairList: { bucket: pairBucket, author: pairAuthor, key: pairKey },
  };
};

/** Bumps a workspace's rollup epoch: in the transaction of every delete of its measure_authors rows (ADR 0320). */
const bumpRollupEpoch = async (tx: Db, workspaceId: string): Promise<void> => {
  await tx.execute(sql`insert into rollup_epochs as e (workspace_id, epoch) values (${workspaceId}::uuid, 1)
    on conflict (workspace_id) do update set epoch = e.epoch + 1`);
};

/**
 * Writes deltas made by `rollupDeltas`, in the transaction of the insert of exactly those rows.
 * `skip`: pairs the call's earlier batches wrote (`WrittenPairs`), left out if the epoch still holds.
 */
export const writeRollupDeltas = async (tx: Db, deltas: RollupDeltas, o: RollupWriteOptions = {}, skip: RollupSkip | null = null): Promise<RollupWritten> => {
  const { workspaceId } = deltas;
  const [bs, bg, bb, volume, positive, neutral, negative, scoreSum, reach, reachMentions, pairs] = deltas.buckets;
  const [an, ah, ak] = deltas.authors;
  const [pairBucket, pairAuthor] = deltas.pairs;
  // Without pairs to skip: an epoch no workspace has, and no list to take from it.
  const [otherBucket, otherAuthor] = skip?.others ?? ['{}', '{}'];
  await rollupLock(tx, workspaceId, o);
  // Which of the batch's bucket-author pairs are new. If the workspace's epoch, read here under
  // the lock, is the one the call's earlier writes read (no writer deleted pairs since), the
  // pairs they wrote are stored and only the others are tried (\`cand\`'s first branch, ADR
  // 0320). Otherwise every pair is tried: a bucket that holds few authors compared with the
  // batch's pairs is read whole (one range scan: \`known\`, a subquery kept apart with \`offset 0\`
  // so it stays an index scan per bucket whatever the statistics); the pairs of a larger bucket
  // are probed one by one by the insert's \`on conflict\` (which also catches any pair \`known\` did
  // not filter, and any pair another writer stored). Both give the same rows (ADR 0180).
  // Handles that differ only in case are one author: the second insert of the same key does
  // nothing, so the returned rows are exactly the authors new to their bucket.
  const r = await executePrepared<{ epoch: string }>(tx, 'relais_rollup_deltas', sql`
    with d as (
      select * from unnest(${bs}::uuid[], ${bg}::text[], ${bb}::timestamptz[],
        ${volume}::int[], ${positive}::int[], ${neutral}::int[],
        ${negative}::int[], ${scoreSum}::float8[], ${reach}::bigint[],
        ${reachMentions}::int[], ${pairs}::int[])
        with ordinality as d(series_id, grain, bucket, volume, positive, neutral, negative, score_sum, reach, reach_mentions, pairs, k)
    ),
    au as materialized (
      select x.i, coalesce(x.key, md5(x.network || ':' || lower(x.handle))::uuid) as author
      from unnest(${an}::text[], ${ah}::text[], ${ak}::uuid[]) with ordinality as x(network, handle, key, i)
    ),
    ep as materialized (
      select coalesce((select e.epoch from rollup_epochs e where e.workspace_id = ${workspaceId}::uuid), 0) as epoch
    ),
    trusted as materialized (
      select (select epoch from ep) = ${skip?.epoch ?? '-1'}::bigint as yes
    ),
    known as materialized (
      select d.k, m.author
      from d
      join measure_buckets b on b.workspace_id = ${workspaceId}::uuid and b.series_id = d.series_id and b.grain = d.grain
        and b.bucket = d.bucket and b.authors <= ${knownRatio} * d.pairs,
      lateral (select m.author from measure_authors m
               where m.workspace_id = ${workspaceId}::uuid and m.series_id = d.series_id and m.grain = d.grain and m.bucket = d.bucket
               offset 0) m
      where not (select yes from trusted)
    ),
    cand as (
      select p.k, p.i from unnest(${otherBucket}::int8[], ${otherAuthor}::int8[]) as p(k, i) where (select yes from trusted)
      union all
      select p.k, p.i from unnest(${pairBucket}::int8[], ${pairAuthor}::int8[]) as p(k, i) where not (select yes from trusted)
    ),
    new_authors as (
      insert into measure_authors (workspace_id, series_id, grain, bucket, author)
      select ${workspaceId}::uuid, d.series_id, d.grain, d.bucket, au.author
      from cand p
      join d on d.k = p.k
      join au on au.i = p.i
      where not exists (select 1 from known where known.k = p.k and known.author = au.author)
      on conflict do nothing
      returning series_id, grain, bucket
    ),
    author_counts as (
      select series_id, grain, bucket, count(*)::int as n from new_authors group by series_id, grain, bucket
    )
    insert into measure_buckets as b (workspace_id, series_id, grain, bucket, volume, positive, neutral, negative,
      score_sum, authors, reach, reach_mentions)
    select ${workspaceId}::uuid, d.series_id, d.grain, d.bucket, d.volume, d.positive, d.neutral, d.negative, d.score_sum,
      coalesce(a.n, 0), d.reach, d.reach_mentions
    from d
    left join author_counts a on a.series_id = d.series_id and a.grain = d.grain and a.bucket = d.bucket
    ${addToExistingBuckets}, (select epoch from ep)::text as epoch`);
  return { rows: r.length, epoch: r[0] ? String(r[0].epoch) : null };
};

/** Rebuilds one query's series from the stored mentions (after the query was created or changed). */
export const rebuildQueryRollups = async (db: Db, workspaceId: string, queryId: string, now: Date): Promise<number> =>
  db.transaction(async (tx) => {
    await rollupLock(tx, workspaceId);
    await deleteSeries(tx, workspaceId, queryId);
    return addToRollups(tx, workspaceId, sql`m.matched_queries ? ${queryId}::text`, now, queryId);
  });

/** Removes one query's series (the query was deleted). */
export const dropQueryRollups = async (db: Db, workspaceId: string, queryId: string): Promise<void> =>
  db.transaction(async (tx) => {
    await rollupLock(tx, workspaceId);
    await deleteSeries(tx, workspaceId, queryId);
  });

const deleteSeries = async (tx: Db, workspaceId: string, seriesId: string): Promise<void> => {
  await bumpRollupEpoch(tx, workspaceId);
  // The read side's cache of the series' authors (ADR 0190) goes with them.
  await tx.execute(sql`delete from measure_author_folds where workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`);
  await tx.execute(sql`delete from measure_author_last_days where workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`);
  await tx.execute(sql`delete from measure_authors where workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`);
  await tx.execute(sql`delete from measure_buckets where workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`);
};

/**
 * Rebuilds every series of a workspace from its stored mentions (the demo, benchmarks, a repair
 * after an upgrade), in one transaction, counting `chunkDays` of mentions per statement.
 */
export const rebuildWorkspaceRollups = async (db: Db, workspaceId: string, now: Date, o: { chunkDays?: number } = {}): Promise<number> =>
  db.transaction(async (tx) => {
    await rollupLock(tx, workspaceId);
    await bumpRollupEpoch(tx, workspaceId);
    await tx.execute(sql`delete from measure_author_folds where workspace_id = ${workspaceId}::uuid`);
    await tx.execute(sql`delete from measure_author_last_days where workspace_id = ${workspaceId}::uuid`);
    await tx.execute(sql`delete from measure_authors where workspace_id = ${workspaceId}::uuid`);
    await tx.execute(sql`delete from measure_buckets where workspace_id = ${workspaceId}::uuid`);
    const span = rowsOf<{ first: string | Date | null; last: string | Date | null }>(
      await tx.execute(sql`select min(published_at) as first, max(published_at) as last from mentions where workspace_id = ${workspaceId}::uuid`),
    )[0];
    if (!span?.first || !span.last) return 0;
    const step = (o.chunkDays ?? 31) * 86_400_000;
    const first = new Date(span.first).getTime();
    const last = new Date(span.last).getTime();
    let rows = 0;
    // Chunks of whole UTC days: no two chunks touch the same bucket.
    for (let t = first - (first % 86_400_000); t <= last; t += step) {
      const from = new Date(t).toISOString();
      const to = new Date(t + step).toISOString();
      rows += await addToRollups(tx, workspaceId, sql`m.published_at >= ${from}::timestamptz and m.published_at < ${to}::timestamptz`, now, null);
    }
    return rows;
  });

/** Nightly: hourly rows older than a week go (their days stay). Returns the rows removed. */
export const pruneHourlyRollups = async (db: Db, now: Date): Promise<number> => {
  const before = hourlyFrom(now).toISOString();
  // The workspaces whose pairs go have their epoch bumped by the same statement (ADR 0320).
  await db.execute(sql`
    with gone as (
      delete from measure_authors where grain = 'hour' and bucket < ${before}::timestamptz returning workspace_id
    )
    insert into rollup_epochs as e (workspace_id, epoch) select distinct workspace_id, 1 from gone
    on conflict (workspace_id) do update set epoch = e.epoch + 1`);
  const r = await db.execute(sql`delete from measure_buckets where grain = 'hour' and bucket < ${before}::timestamptz returning 1 as one`);
  // Keeps the visibility map current so range reads of authors (and of the read side's cache of
  // their last days, ADR 0190) stay index-only scans; PostgreSQL's
  // autovacuum would do it too, PGlite has none.
  await db.execute(sql`vacuum (analyze) measure_authors, measure_buckets, measure_author_last_days`);
  return rowsOf(r).length;
};
