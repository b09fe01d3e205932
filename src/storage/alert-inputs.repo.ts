import { sql, type SQL } from 'drizzle-orm';
import { shownAuthor, type Network, type SentimentLabel } from '../core/mention.ts';
import { isUuid } from '../core/ids.ts';
import { authorIdentityJoin, shownAuthorOf, verifiedHandleOf } from './bluesky-identities.repo.ts';
import type { Db } from './db.ts';
import { hourlyFrom } from './rollups.repo.ts';

/**
 * What the alert and trend detectors read of a workspace's mentions, set-based. The series
 * counts of the volume and negative-share detectors come from the measure rollups
 * (`readQuerySeries`, ADR 0190), never from a scan of the mentions; the rest reads mentions.
 */

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));
const pgArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface BucketCount {
  readonly start: number;
  readonly mentions: number;
  readonly negative: number;
}

/** A bucket of an alert series, [start, end) in epoch ms. */
export interface SeriesBucket {
  readonly start: number;
  readonly end: number;
}

/**
 * The `count` 24-hour buckets of an alert series at `now`, oldest first, as the rollups count
 * them exactly (ADR 0190). The most recent ones (a week: the hourly rollups' retention) end at the
 * next full hour, so the last is "the last 24 hours"; each is the sum of its 24 hourly rows. The
 * older ones are UTC days (daily rows), the last ending at the UTC midnight at or before the first
 * recent bucket's start: the hours between that midnight and that start (0 to 23) are in no bucket,
 * as a day row cannot be split.
 */
export const alertSeriesBuckets = (now: Date, count: number): SeriesBucket[] => {
  const to = Math.ceil(now.getTime() / HOUR) * HOUR;
  const recent = Math.max(0, Math.min(count, Math.floor((to - hourlyFrom(now).getTime()) / DAY)));
  const daysEnd = Math.floor((to - recent * DAY) / DAY) * DAY;
  const out: SeriesBucket[] = [];
  for (let j = count - recent; j >= 1; j--) out.push({ start: daysEnd - j * DAY, end: daysEnd - (j - 1) * DAY });
  for (let k = recent; k >= 1; k--) out.push({ start: to - k * DAY, end: to - (k - 1) * DAY });
  return out;
};

const emptySeries = (queryIds: readonly string[], buckets: readonly SeriesBucket[]): Map<string, BucketCount[]> =>
  new Map(queryIds.map((id) => [id, buckets.map((b) => ({ start: b.start, mentions: 0, negative: 0 }))]));

/** The index of the bucket holding `t`, or -1 (buckets sorted, not overlapping). */
const bucketAt = (buckets: readonly SeriesBucket[], t: number): number => {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = buckets[mid] as SeriesBucket;
    if (t < b.start) hi = mid - 1;
    else if (t >= b.end) lo = mid + 1;
    else return mid;
  }
  return -1;
};

const addRow = (out: Map<string, BucketCount[]>, subject: string, i: number, mentions: number, negative: number): void => {
  const b = out.get(subject)?.[i];
  if (b) (out.get(subject) as BucketCount[])[i] = { start: b.start, mentions: b.mentions + mentions, negative: b.negative + negative };
};

/**
 * Per query, the mentions and negative mentions that matched it in each bucket, every query id
 * asked for with a series (zeros included), read from the measure rollups: a bucket starting at or
 * after `hourlyFrom(now)` sums its hourly rows, an older one must be a UTC day (its daily row) —
 * the buckets of `alertSeriesBuckets(now, …)`. Two range scans of the rollups' primary key.
 */
export const readQuerySeries = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; buckets: readonly SeriesBucket[]; now: Date },
): Promise<Map<string, BucketCount[]>> => {
  const out = emptySeries(o.queryIds, o.buckets);
  const ids = o.queryIds.filter(isUuid);
  if (ids.length === 0 || o.buckets.length === 0) return out;
  const byId = new Map(o.queryIds.map((q) => [q.toLowerCase(), q]));
  const firstHour = hourlyFrom(o.now).getTime();
  const hourly = o.buckets.filter((b) => b.start >= firstHour);
  const daily = o.buckets.filter((b) => b.start < firstHour);
  for (const b of daily) {
    if (b.start % DAY !== 0 || b.end - b.start !== DAY) {
      throw new Error(`alert series: the bucket ${new Date(b.start).toISOString()} is older than the hourly rollups and not a UTC day`);
    }
  }
  const range = (bs: readonly SeriesBucket[]) => [new Date(bs[0]?.start ?? 0).toISOString(), new Date(bs[bs.length - 1]?.end ?? 0).toISOString()];
  const [hFrom, hTo] = range(hourly);
  const [dFrom, dTo] = range(daily);
  const r = await db.execute(sql`
    select series_id::text as subject, grain, bucket, volume, negative
    from measure_buckets
    where workspace_id = ${workspaceId}::uuid and series_id = any(${`{${ids.join(',')}}`}::uuid[])
      and ((grain = 'hour' and bucket >= ${hFrom}::timestamptz and bucket < ${hTo}::timestamptz)
        or (grain = 'day' and bucket >= ${dFrom}::timestamptz and bucket < ${dTo}::timestamptz))`);
  for (const row of rowsOf<{ subject: string; grain: string; bucket: unknown; volume: number; negative: number }>(r)) {
    const t = asDate(row.bucket).getTime();
    const i = bucketAt(o.buckets, t);
    // An hour row counts in a recent bucket, a day row in an old one, nothing else.
    if (i < 0 || (row.grain === 'hour') !== ((o.buckets[i] as SeriesBucket).start >= firstHour)) continue;
    addRow(out, byId.get(row.subject) ?? row.subject, i, Number(row.volume), Number(row.negative));
  }
  return out;
};

/**
 * The same counts as `readQuerySeries`, for any buckets, by a GROUP BY over the mentions: the
 * reference the rollups are tested and benchmarked against (a scan of the range's mentions).
 */
export const readQuerySeriesFromMentions = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; buckets: readonly SeriesBucket[] },
): Promise<Map<string, BucketCount[]>> => {
  const out = emptySeries(o.queryIds, o.buckets);
  if (o.queryIds.length === 0 || o.buckets.length === 0) return out;
  const iso = (t: number) => new Date(t).toISOString();
  const r = await db.execute(sql`
    select q.id as subject, b.i::int - 1 as bucket,
      count(*)::int as mentions,
      (count(*) filter (where m.sentiment_label = 'negative'))::int as negative
    from mentions m
    cross join lateral jsonb_array_elements_text(m.matched_queries) as q(id)
    join unnest(${`{${o.buckets.map((b) => iso(b.start)).join(',')}}`}::timestamptz[], ${`{${o.buckets.map((b) => iso(b.end)).join(',')}}`}::timestamptz[])
      with ordinality as b(s, e, i) on m.published_at >= b.s and m.published_at < b.e
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${iso(Math.min(...o.buckets.map((b) => b.start)))}::timestamptz
      and m.published_at < ${iso(Math.max(...o.buckets.map((b) => b.end)))}::timestamptz
      and q.id = any(${pgArray(o.queryIds)}::text[])
    group by 1, 2`);
  for (const row of rowsOf<{ subject: string; bucket: number; mentions: number; negative: number }>(r)) {
    addRow(out, row.subject, Number(row.bucket), Number(row.mentions), Number(row.negative));
  }
  return out;
};

export interface AuthoredRow {
  readonly id: string;
  /** As shown: the verified handle of a firehose author's DID, else the stored author (ADR 0240). */
  readonly author: string;
  readonly network: Network;
  readonly publishedAt: Date;
  readonly url: string | null;
}

/** `<m>`'s author, case-folded without a leading `@`, or its verified handle, is one of `handles` (a pgArray). */
const authoredBy = (m: string, handles: string): SQL => sql`(lower(ltrim(${sql.raw(m)}.author_handle, '@')) = any(${handles}::text[])
  or split_part(lower(ltrim(${sql.raw(m)}.author_handle, '@')), '@', 1) = any(${handles}::text[])
  or ${verifiedHandleOf(m)} = any(${handles}::text[]))`;

/**
 * The 5,000 most recent mentions since `since` that matched one of `queryIds` (the brand's queries) and whose author,
 * case-folded without a leading `@`, is one of `handles` or, for a bare name, `name@any.server`; a firehose author
 * (a DID) is also known by its verified handle (ADR 0240).
 */
export const listMentionsByAuthors = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; handles: readonly string[]; since: Date; until: Date },
): Promise<AuthoredRow[]> => {
  if (o.queryIds.length === 0 || o.handles.length === 0) return [];
  const r = await db.execute(sql`
    select m.id, ${shownAuthorOf('m')} as author, m.network, m.published_at, m.url
    from mentions m ${authorIdentityJoin('m')}
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.since.toISOString()}::timestamptz
      and m.published_at < ${o.until.toISOString()}::timestamptz
      and jsonb_exists_any(m.matched_queries, ${pgArray(o.queryIds)}::text[])
      and ${authoredBy('m', pgArray(o.handles))}
    order by m.published_at desc, m.id desc
    limit 5000`);
  return rowsOf<{ id: string; author: string; network: Network; published_at: unknown; url: string | null }>(r).map((x) => ({
    id: x.id,
    author: x.author,
    network: x.network,
    publishedAt: asDate(x.published_at),
    url: x.url,
  }));
};

export interface AwaitingRow {
  readonly id: string;
  readonly author: string;
  readonly text: string;
  readonly mentions: readonly string[];
  readonly publishedAt: Date;
  /** First reply to it by one of the brand's own accounts. */
  readonly answeredAt: Date | null;
}

/**
 * The 5,000 most recent mentions since `since` that matched one of `queryIds` and were not written by the brand's own
 * accounts (`ownHandles`, folded), each with the time of the brand's first reply to it.
 */
export const listAwaitingCandidates = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; ownHandles: readonly string[]; since: Date },
): Promise<AwaitingRow[]> => {
  if (o.queryIds.length === 0 || o.ownHandles.length === 0) return [];
  const own = pgArray(o.ownHandles);
  // The brand's replies grouped once and hash-joined: a correlated subquery per candidate
  // scanned the workspace's mentions once per candidate (15 s for 30,000 mentions).
  const r = await db.execute(sql`
    with replies as (
      select b.in_reply_to, min(b.published_at) as answered_at
      from mentions b ${authorIdentityJoin('b')}
      where b.workspace_id = ${workspaceId}
        and b.in_reply_to is not null
        and b.published_at >= ${o.since.toISOString()}::timestamptz
        and (lower(ltrim(b.author_handle, '@')) = any(${own}::text[]) or ${verifiedHandleOf('b')} = any(${own}::text[]))
      group by b.in_reply_to)
    select m.id, ${shownAuthorOf('m')} as author_handle, m.text, m.mentions, m.published_at, r.answered_at
    from mentions m ${authorIdentityJoin('m')}
    left join replies r on r.in_reply_to = m.external_id
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.since.toISOString()}::timestamptz
      and jsonb_exists_any(m.matched_queries, ${pgArray(o.queryIds)}::text[])
      and not (lower(ltrim(m.author_handle, '@')) = any(${own}::text[]))
      and not coalesce(${verifiedHandleOf('m')} = any(${own}::text[]), false)
    order by m.published_at desc, m.id desc
    limit 5000`);
  return rowsOf<{ id: string; author_handle: string; text: string; mentions: unknown; published_at: unknown; answered_at: unknown }>(r).map((x) => ({
    id: x.id,
    author: x.author_handle,
    text: x.text,
    mentions: (typeof x.mentions === 'string' ? JSON.parse(x.mentions) : x.mentions) as string[],
    publishedAt: asDate(x.published_at),
    answeredAt: x.answered_at == null ? null : asDate(x.answered_at),
  }));
};

export interface TrendRow {
  readonly id: string;
  readonly text: string;
  /** As shown: the verified handle of a firehose author's DID, else the stored author (ADR 0240). */
  readonly author: string;
  /** The author's DID when the firehose named it by DID. */
  readonly authorDid: string | null;
  readonly network: Network;
  readonly url: string | null;
  readonly links: readonly string[];
  readonly publishedAt: Date;
  readonly sentiment: SentimentLabel | null;
}

/** Mentions of `[from, to)` (of one query, or all), newest first, at most `limit`: what trends are computed from. */
export const listTrendMentions = async (
  db: Db,
  workspaceId: string,
  o: { queryId?: string | undefined; from: Date; to: Date; limit: number },
): Promise<TrendRow[]> => {
  const byQuery = o.queryId ? sql`and m.matched_queries @> ${JSON.stringify([o.queryId])}::jsonb` : sql``;
  const r = await db.execute(sql`
    select m.id, case when m.title is null then m.text else m.title || E'\n' || m.text end as text,
      m.author_handle, ${verifiedHandleOf('m')} as verified_handle, m.network, m.url, m.links, m.published_at, m.sentiment_label
    from mentions m ${authorIdentityJoin('m')}
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.from.toISOString()}::timestamptz
      and m.published_at < ${o.to.toISOString()}::timestamptz
      ${byQuery}
    order by m.published_at desc, m.id desc
    limit ${o.limit}`);
  return rowsOf<{ id: string; text: string; author_handle: string; verified_handle: string | null; network: Network; url: string | null; links: unknown; published_at: unknown; sentiment_label: SentimentLabel | null }>(r).map((x) => {
    const author = shownAuthor(x.author_handle, x.verified_handle);
    return {
      id: x.id,
      text: x.text,
      author: author.handle,
      authorDid: author.did ?? null,
      network: x.network,
      url: x.url,
      links: (typeof x.links === 'string' ? JSON.parse(x.links) : x.links) as string[],
      publishedAt: asDate(x.published_at),
      sentiment: x.sentiment_label,
    };
  });
};

/** Workspaces with at least one listening query: the ones alerts are evaluated for. */
export const listWorkspacesWithQueries = async (db: Db): Promise<string[]> => {
  const r = await db.execute(sql`select distinct workspace_id from queries order by workspace_id`);
  return rowsOf<{ workspace_id: string }>(r).map((x) => x.workspace_id);
};
