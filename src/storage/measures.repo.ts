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

/** Day-of-year bits (bit(366) text) of the UTC days from `from` to `to` that fall in `year`. */
export const yearMask = (year: number, from: Date, to: Date): string => {
  const jan1 = Date.UTC(year, 0, 1);
  const first = Math.max(0, Math.floor((from.getTime() - jan1) / 86_400_000));
  const last = Math.min(365, Math.floor((to.getTime() - jan1) / 86_400_000));
  let bits = '';
  for (let d = 0; d < 366; d++) bits += d >= first && d <= last ? '1' : '0';
  return bits;
};

/**
 * Distinct authors of one series over the buckets in [from, to]: by the hour from the hour rows;
 * by the day from the author-years whose day bits meet the range (one row per author and year).
 */
export const countDistinctAuthors = async (db: Db, workspaceId: string, seriesId: string, grain: Grain, from: Date, to: Date): Promise<number> => {
  if (grain === 'hour') {
    const r = await db.execute(sql`
      select count(distinct author)::int as n from measure_hour_authors
      where workspace_id = ${workspaceId}::uuid and series_id = ${seriesId}::uuid
        and bucket >= ${from.toISOString()}::timestamptz and bucket <= ${to.toISOString()}::timestamptz`);
    return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
  }
  const years: number[] = [];
  for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) years.push(y);
  const masks = years.map((y) => yearMask(y, from, to));
  const r = await db.execute(sql`
    select count(distinct a.author)::int as n
    from measure_day_authors a
    join unnest(${`{${years.join(',')}}`}::int[], ${`{${masks.join(',')}}`}::text[]) as m(year, mask) on m.year = a.year
    where a.workspace_id = ${workspaceId}::uuid and a.series_id = ${seriesId}::uuid
      and a.year = any(${`{${years.join(',')}}`}::int[])
      and (a.days & m.mask::bit(366)) <> B'0'::bit(366)`);
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
};
