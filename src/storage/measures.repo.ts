import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { rollupLock } from './rollups.repo.ts';

/**
 * The read side of the measure rollups (ADR 0150): what the dashboard shows comes from these
 * two queries only, never from the raw mentions. Both are range scans of a primary key prefix
 * (workspace, series, grain, bucket); the distinct authors of a long range ending now read a cache
 * of each author's last day instead (ADR 0190), kept by the reads.
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

/**
 * Brings the cache of one series' authors' last days (measure_author_last_days, ADR 0190) up to
 * `through` (a day start): every month whose day rows of measure_authors up to that day are not
 * the ones folded into it (their number, the sum of the days' `authors`, differs from the one
 * recorded in measure_author_folds) is folded again, `last_day` only moving forward. Day rows only
 * ever grow between two rebuilds of a series (which delete the cache), so an equal number means the
 * same rows. The first call folds every month; then a day's new rows refold the current month once,
 * and late mentions their own month. Returns the number of months folded.
 */
export const refreshAuthorLastDays = async (db: Db, workspaceId: string, seriesId: string, through: Date): Promise<number> => {
  const key = sql`workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`;
  const stale = rowsOf<{ month: unknown }>(
    await db.execute(sql`
      select d.month from (
        select date_trunc('month', bucket, 'UTC') as month, sum(authors)::int as days
        from measure_buckets where ${key} and grain = 'day' and bucket <= ${through.toISOString()}::timestamptz
        group by 1) d
      left join measure_author_folds f on f.workspace_id = ${workspaceId}::uuid and f.series_id = ${seriesId}::uuid and f.month = d.month
      where f.author_days is distinct from d.days
      order by 1`),
  ).map((r) => asDate(r.month));
  if (stale.length === 0) return 0;
  await db.transaction(async (tx) => {
    // No ingest batch nor rebuild of this workspace runs while a month is folded.
    await rollupLock(tx, workspaceId);
    for (const month of stale) {
      const from = month.toISOString();
      const end = new Date(Math.min(nextMonth(month).getTime(), through.getTime() + dayMs)).toISOString();
      const days = rowsOf<{ n: number }>(
        await tx.execute(sql`select coalesce(sum(authors), 0)::int as n from measure_buckets
          where ${key} and grain = 'day' and bucket >= ${from}::timestamptz and bucket < ${end}::timestamptz`),
      )[0]?.n;
      await tx.execute(sql`
        insert into measure_author_last_days as l (workspace_id, series_id, author, last_day)
        select ${workspaceId}::uuid, ${seriesId}::uuid, author, max(bucket) from measure_authors
        where ${key} and grain = 'day' and bucket >= ${from}::timestamptz and bucket < ${end}::timestamptz
        group by author
        on conflict (workspace_id, series_id, author) do update set last_day = excluded.last_day
          where l.last_day < excluded.last_day`);
      await tx.execute(sql`
        insert into measure_author_folds (workspace_id, series_id, month, author_days)
        values (${workspaceId}::uuid, ${seriesId}::uuid, ${from}::timestamptz, ${Number(days ?? 0)})
        on conflict (workspace_id, series_id, month) do update set author_days = excluded.author_days`);
    }
  });
  return stale.length;
};

/**
 * Distinct authors of one series over the buckets in [from, to], exact. A range of days that
 * reaches the last closed day (`lastClosedDay(now)`, the dashboard's "last N days") counts the
 * authors whose cached last day is on or after `from`, plus the authors of the days after the
 * cache not among them (ADR 0190): about one row per author rather than one per author and day.
 * Other ranges, and hours, group the author rows of their buckets.
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
  if (grain === 'day' && from.getTime() <= through.getTime() && to.getTime() >= through.getTime()) {
    await refreshAuthorLastDays(db, workspaceId, seriesId, through);
    const r = rowsOf<{ n: number | null }>(
      await db.execute(sql`
        select case when (select max(last_day) from measure_author_last_days where ${key}) > ${through.toISOString()}::timestamptz then null
          else (select count(*) from measure_author_last_days where ${key} and last_day >= ${from.toISOString()}::timestamptz)
            + (select count(*) from (
                select author from measure_authors
                where ${key} and grain = 'day' and bucket > ${through.toISOString()}::timestamptz and bucket <= ${to.toISOString()}::timestamptz
                group by author) a
              where not exists (select 1 from measure_author_last_days l
                where l.workspace_id = ${workspaceId}::uuid and l.series_id = ${seriesId}::uuid and l.author = a.author
                  and l.last_day >= ${from.toISOString()}::timestamptz))
          end::int as n`),
    );
    // null: the cache was filled through a later day than this clock's (a clock moved back); count the rows.
    const n = r[0]?.n;
    if (n !== null && n !== undefined) return Number(n);
  }
  // Grouped rather than count(distinct): a hash of the authors instead of a sort of every author-day.
  // A year of a busy workspace holds ~100k authors: with the default 4 MB of work memory the hash
  // spills to disk, so this one statement gets more (local to its transaction).
  const r = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return tx.execute(sql`
    select count(*)::int as n from (
      select author from measure_authors
      where ${key} and grain = ${grain}
        and bucket >= ${from.toISOString()}::timestamptz and bucket <= ${to.toISOString()}::timestamptz
      group by author) a`);
  });
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
};
