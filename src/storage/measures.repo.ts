import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { rollupLock } from './rollups.repo.ts';

/**
 * The read side of the measure rollups (ADR 0150): what the dashboard shows comes from these
 * two queries only, never from the raw mentions. Both are range scans of a primary key prefix
 * (workspace, series, grain, bucket); the distinct authors of a long range ending now read a cache
 * of each author's last day instead (ADR 0190). The reads never write: the cache is kept by a
 * background job (`refreshAuthorLastDays`, ADR 0310), and a read counts the days the cache does
 * not hold yet from their author rows.
 */
export interface BucketCounts {
  readonly seriesId: string;
  readonly bucket: Date;
  readonly volume: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly scoreSum: number;
  readonly authors: number;
  readonly reach: number;
  readonly reachMentions: number;
}

export type Grain = 'day' | 'hour';

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/** The stored buckets of some series in [from, to] (bucket starts), oldest first; empty buckets have no row. */
export const readBuckets = async (
  db: Db,
  workspaceId: string,
  seriesIds: readonly string[],
  grain: Grain,
  from: Date,
  to: Date,
): Promise<BucketCounts[]> => {
  if (seriesIds.length === 0) return [];
  const r = await db.execute(sql`
    select series_id, bucket, volume, positive, neutral, negative, score_sum, authors, reach, reach_mentions
    from measure_buckets
    where workspace_id = ${workspaceId}::uuid and series_id = any(${`{${seriesIds.join(',')}}`}::uuid[]) and grain = ${grain}
      and bucket >= ${from.toISOString()}::timestamptz and bucket <= ${to.toISOString()}::timestamptz
    order by bucket, series_id`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    seriesId: String(x.series_id),
    bucket: x.bucket instanceof Date ? x.bucket : new Date(String(x.bucket)),
    volume: Number(x.volume),
    positive: Number(x.positive),
    neutral: Number(x.neutral),
    negative: Number(x.negative),
    scoreSum: Number(x.score_sum),
    authors: Number(x.authors),
    reach: Number(x.reach),
    reachMentions: Number(x.reach_mentions),
  }));
};

const dayMs = 86_400_000;
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** The last closed UTC day at `now` (yesterday): the cache of the authors' last days is filled through it. */
export const lastClosedDay = (now: Date): Date => new Date(now.getTime() - (now.getTime() % dayMs) - dayMs);

const nextMonth = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

interface MonthState {
  readonly month: Date;
  /** The sum of the month's days' `authors` up to `through`: its day rows of measure_authors. */
  readonly days: number;
  /** What measure_author_folds says was folded (null: nothing yet), and the same sum now over those days. */
  readonly folded: number | null;
  readonly foldedThrough: Date | null;
  readonly foldedNow: number;
}

/** The months of a series whose day rows up to `through` are not the ones folded into the cache. */
const staleMonths = async (db: Db, workspaceId: string, seriesId: string, through: Date): Promise<MonthState[]> =>
  rowsOf<{ month: unknown; days: number; folded: number | null; folded_through: unknown; folded_now: number | null }>(
    await db.execute(sql`
      select date_trunc('month', b.bucket, 'UTC') as month, sum(b.authors)::int as days,
        max(f.author_days) as folded, max(f.through_day) as folded_through,
        coalesce(sum(b.authors) filter (where b.bucket <= f.through_day), 0)::int as folded_now
      from measure_buckets b
      left join measure_author_folds f on f.workspace_id = b.workspace_id and f.series_id = b.series_id
        and f.month = date_trunc('month', b.bucket, 'UTC')
      where b.workspace_id = ${workspaceId}::uuid and b.series_id = ${seriesId}::uuid and b.grain = 'day'
        and b.bucket <= ${through.toISOString()}::timestamptz
      group by 1
      having max(f.author_days) is distinct from sum(b.authors)::int
      order by 1`),
  ).map((r) => ({
    month: asDate(r.month),
    days: Number(r.days),
    folded: r.folded === null ? null : Number(r.folded),
    foldedThrough: r.folded_through === null || r.folded_through === undefined ? null : asDate(r.folded_through),
    foldedNow: Number(r.folded_now ?? 0),
  }));

/**
 * The series (of one workspace, or of all) whose cache of authors' last days is behind their day
 * rows up to `through`: what the fold job has to do (ADR 0310). One scan of the day buckets.
 */
export const seriesToFold = async (db: Db, through: Date, workspaceId?: string): Promise<{ workspaceId: string; seriesId: string }[]> =>
  rowsOf<{ workspace_id: string; series_id: string }>(
    await db.execute(sql`
      select distinct workspace_id, series_id from (
        select b.workspace_id, b.series_id
        from measure_buckets b
        left join measure_author_folds f on f.workspace_id = b.workspace_id and f.series_id = b.series_id
          and f.month = date_trunc('month', b.bucket, 'UTC')
        where b.grain = 'day' and b.bucket <= ${through.toISOString()}::timestamptz
          ${workspaceId === undefined ? sql`` : sql`and b.workspace_id = ${workspaceId}::uuid`}
        group by b.workspace_id, b.series_id, date_trunc('month', b.bucket, 'UTC')
        having max(f.author_days) is distinct from sum(b.authors)::int) s
      order by 1, 2`),
  ).map((r) => ({ workspaceId: String(r.workspace_id), seriesId: String(r.series_id) }));

/**
 * Brings the cache of one series' authors' last days (measure_author_last_days, ADR 0190) up to
 * `through` (a day start). Per UTC month, measure_author_folds records how many day rows of
 * measure_authors were folded (the sum of the days' `authors`, which the ingest keeps equal to
 * them) and through which day. Day rows only grow between two rebuilds of a series (which delete
 * the cache), so: an equal sum means nothing to do; new rows only after the day folded through
 * fold those days alone (a new day: yesterday's authors); other changes (late mentions) fold the
 * whole month again. `last_day` only moves forward; all the ranges in one statement. Under the
 * workspace's rollup lock, so no ingest batch nor rebuild runs meanwhile. Returns the months folded.
 * Called by the fold job only (ADR 0310), never by a read; running it twice, or two at once, leaves
 * the same cache (the second finds nothing stale under the lock).
 */
export const refreshAuthorLastDays = async (db: Db, workspaceId: string, seriesId: string, through: Date): Promise<number> => {
  if ((await staleMonths(db, workspaceId, seriesId, through)).length === 0) return 0;
  return db.transaction(async (tx) => {
    await rollupLock(tx, workspaceId);
    const stale = await staleMonths(tx, workspaceId, seriesId, through);
    if (stale.length === 0) return 0;
    const ranges = stale.map((m) => {
      const end = Math.min(nextMonth(m.month).getTime(), through.getTime() + dayMs);
      const onlyNewDays = m.folded !== null && m.foldedThrough !== null && m.foldedNow === m.folded;
      return { from: onlyNewDays ? (m.foldedThrough as Date).getTime() + dayMs : m.month.getTime(), end };
    });
    const iso = (xs: number[]) => `{${xs.map((t) => new Date(t).toISOString()).join(',')}}`;
    const written = rowsOf<{ n: number }>(
      await tx.execute(sql`
      with written as (
      insert into measure_author_last_days as l (workspace_id, series_id, author, last_day)
      select ${workspaceId}::uuid, ${seriesId}::uuid, a.author, max(a.bucket)
      from unnest(${iso(ranges.map((r) => r.from))}::timestamptz[], ${iso(ranges.map((r) => r.end))}::timestamptz[]) as r(s, e)
      join measure_authors a on a.workspace_id = ${workspaceId}::uuid and a.series_id = ${seriesId}::uuid and a.grain = 'day'
        and a.bucket >= r.s and a.bucket < r.e
      group by a.author
      on conflict (workspace_id, series_id, author) do update set last_day = excluded.last_day
        where l.last_day < excluded.last_day
      returning 1)
      select count(*)::int as n from written`),
    )[0]?.n;
    // A first fill (or a big refold) changes the table's statistics: without them the count below
    // is planned as if the series had a few authors (10× slower). PGlite has no autovacuum.
    if (Number(written ?? 0) > 10_000) await tx.execute(sql`analyze measure_author_last_days`);
    for (const m of stale) {
      const last = new Date(Math.min(nextMonth(m.month).getTime() - dayMs, through.getTime()));
      await tx.execute(sql`
        insert into measure_author_folds (workspace_id, series_id, month, author_days, through_day)
        values (${workspaceId}::uuid, ${seriesId}::uuid, ${m.month.toISOString()}::timestamptz, ${m.days}, ${last.toISOString()}::timestamptz)
        on conflict (workspace_id, series_id, month) do update set author_days = excluded.author_days, through_day = excluded.through_day`);
    }
    return stale.length;
  });
};

/**
 * Distinct authors of one series over the buckets in [from, to], exact, and without writing
 * anything (a read may run on a read-only connection). A range of days that reaches the last
 * closed day (`lastClosedDay(now)`, the dashboard's "last N days") counts the authors whose cached
 * last day is on or after `from`, plus the authors of the days the cache does not hold that are not
 * among them (ADR 0190, ADR 0310): about one row per author rather than one per author and day.
 * The days the cache does not hold are read from measure_author_folds in the same statement: in a
 * month folded through day F whose day rows up to F are still the ones folded (same sum of the
 * days' `authors`), the days after F; in any other month (never folded, or late mentions since),
 * all its days. Today is never folded. So a read is exact whether the fold job has run or not; it
 * is only slower while the cache is behind (one more day's author rows after midnight, a whole
 * history for a series no fold has seen yet). Other ranges, and hours, group the author rows of
 * their buckets.
 */
export const countDistinctAuthors = async (
  db: Db,
  workspaceId: string,
  seriesId: string,
  grain: Grain,
  from: Date,
  to: Date,
  now: Date,
): Promise<number> => {
  const key = sql`workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`;
  const through = lastClosedDay(now);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const firstMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)).toISOString();
  // Grouped rather than count(distinct): a hash of the authors instead of a sort of every author-day.
  // A year of a busy workspace holds ~100k authors: with the default 4 MB of work memory the hash
  // spills to disk, so these statements get more (local to their transaction; allowed read-only).
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    if (grain === 'day' && from.getTime() <= through.getTime() && to.getTime() >= through.getTime()) {
      const r = rowsOf<{ n: number | null }>(
        await tx.execute(sql`
          with days as materialized (
            select bucket, authors from measure_buckets
            where ${key} and grain = 'day' and bucket >= ${firstMonth}::timestamptz and bucket <= ${toIso}::timestamptz),
          folds as (
            select month, author_days, through_day from measure_author_folds
            where ${key} and month >= ${firstMonth}::timestamptz and month <= ${toIso}::timestamptz),
          months as (
            -- Through which day each month's cache holds exactly its day rows (null: none of them).
            select date_trunc('month', d.bucket, 'UTC') as month,
              case when max(f.author_days) = coalesce(sum(d.authors) filter (where d.bucket <= f.through_day), 0)
                then max(f.through_day) end as held_through
            from days d
            left join folds f on f.month = date_trunc('month', d.bucket, 'UTC')
            group by 1),
          unheld as (
            select d.bucket from days d
            join months m on m.month = date_trunc('month', d.bucket, 'UTC')
            where d.bucket >= ${fromIso}::timestamptz and (m.held_through is null or d.bucket > m.held_through)),
          recent as (
            select author from measure_authors
            where ${key} and grain = 'day' and bucket = any(array(select bucket from unheld))
            group by author)
          select case when (select max(last_day) from measure_author_last_days where ${key}) > ${toIso}::timestamptz then null
            else (select count(*) from measure_author_last_days where ${key} and last_day >= ${fromIso}::timestamptz)
              + (select count(*) from recent)
              -- The authors of the days not held already counted: probes of the cache's primary key.
              - (select count(*) from measure_author_last_days
                  where ${key} and author = any(array(select author from recent)) and last_day >= ${fromIso}::timestamptz)
            end::int as n`),
      );
      // null: the cache holds a day after the range (it was folded by a clock ahead of this one); count the rows.
      const n = r[0]?.n;
      if (n !== null && n !== undefined) return Number(n);
    }
    const r = await tx.execute(sql`
      select count(*)::int as n from (
        select author from measure_authors
        where ${key} and grain = ${grain}
          and bucket >= ${fromIso}::timestamptz and bucket <= ${toIso}::timestamptz
        group by author) a`);
    return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
  });
};
