import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';

/**
 * The read side of the measure rollups (ADR 0150): what the dashboard shows comes from these
 * two queries only, never from the raw mentions. Both are range scans of a primary key prefix
 * (workspace, series, grain, bucket).
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
const monthStart = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonth = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

/**
 * The whole UTC calendar months of a range of days [from, to] (both day starts, both included):
 * `[first, end)` as month starts, or null when no month lies wholly inside it.
 */
export const wholeMonthsOf = (from: Date, to: Date): { first: Date; end: Date } | null => {
  const first = from.getTime() === monthStart(from).getTime() ? monthStart(from) : nextMonth(from);
  // Months that end by the end of the day `to`.
  const end = monthStart(new Date(to.getTime() + dayMs));
  return first.getTime() < end.getTime() ? { first, end } : null;
};

/**
 * Distinct authors of one series over the buckets in [from, to], exact. For days, the whole
 * calendar months of the range are read from the month rows (ADR 0190), the days before and
 * after them from the day rows: a year reads twelve months of authors rather than 365 days.
 */
export const countDistinctAuthors = async (db: Db, workspaceId: string, seriesId: string, grain: Grain, from: Date, to: Date): Promise<number> => {
  const key = sql`workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid`;
  const iso = (d: Date) => d.toISOString();
  const months = grain === 'day' ? wholeMonthsOf(from, to) : null;
  const parts = months
    ? sql`
      select author from measure_authors where ${key} and grain = 'month'
        and bucket >= ${iso(months.first)}::timestamptz and bucket < ${iso(months.end)}::timestamptz
      union all
      select author from measure_authors where ${key} and grain = 'day'
        and bucket >= ${iso(from)}::timestamptz and bucket < ${iso(months.first)}::timestamptz
      union all
      select author from measure_authors where ${key} and grain = 'day'
        and bucket >= ${iso(months.end)}::timestamptz and bucket <= ${iso(to)}::timestamptz`
    : sql`
      select author from measure_authors where ${key} and grain = ${grain}
        and bucket >= ${iso(from)}::timestamptz and bucket <= ${iso(to)}::timestamptz`;
  // Grouped rather than count(distinct): a hash of the authors instead of a sort of every row.
  // A year of a busy workspace holds ~100k authors: with the default 4 MB of work memory the hash
  // spills to disk, so this one statement gets more (local to its transaction).
  const r = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return tx.execute(sql`select count(*)::int as n from (select author from (${parts}) p group by author) a`);
  });
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
};
