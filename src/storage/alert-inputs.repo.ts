import { sql } from 'drizzle-orm';
import type { Network, SentimentLabel } from '../core/mention.ts';
import type { Db } from './db.ts';

/**
 * What the alert and trend detectors read of a workspace's mentions, set-based.
 * `readQuerySeries` is the one place the per-bucket counts come from: today a
 * GROUP BY over mentions, later the rollup tables (ADR 0160).
 */

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));
const pgArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export interface BucketCount {
  readonly start: number;
  readonly mentions: number;
  readonly negative: number;
}

/**
 * Per query, dense buckets of `spanMs` from `from` (aligned on it) up to `to`: mentions and
 * negative mentions that matched the query. Every query id asked for gets a series, zeros included.
 */
export const readQuerySeries = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; from: Date; to: Date; spanMs: number },
): Promise<Map<string, BucketCount[]>> => {
  const n = Math.max(0, Math.ceil((o.to.getTime() - o.from.getTime()) / o.spanMs));
  const out = new Map<string, BucketCount[]>();
  for (const id of o.queryIds) {
    out.set(
      id,
      Array.from({ length: n }, (_, i) => ({ start: o.from.getTime() + i * o.spanMs, mentions: 0, negative: 0 })),
    );
  }
  if (o.queryIds.length === 0 || n === 0) return out;
  const r = await db.execute(sql`
    select q.id as subject,
      floor(extract(epoch from (m.published_at - ${o.from.toISOString()}::timestamptz)) * 1000 / ${o.spanMs})::int as bucket,
      count(*)::int as mentions,
      (count(*) filter (where m.sentiment_label = 'negative'))::int as negative
    from mentions m
    cross join lateral jsonb_array_elements_text(m.matched_queries) as q(id)
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.from.toISOString()}::timestamptz
      and m.published_at < ${o.to.toISOString()}::timestamptz
      and q.id = any(${pgArray(o.queryIds)}::text[])
    group by 1, 2`);
  for (const row of rowsOf<{ subject: string; bucket: number; mentions: number; negative: number }>(r)) {
    const series = out.get(row.subject);
    const b = series?.[Number(row.bucket)];
    if (series && b) series[Number(row.bucket)] = { start: b.start, mentions: Number(row.mentions), negative: Number(row.negative) };
  }
  return out;
};

export interface AuthoredRow {
  readonly id: string;
  readonly author: string;
  readonly network: Network;
  readonly publishedAt: Date;
  readonly url: string | null;
}

/**
 * The 5,000 most recent mentions since `since` that matched one of `queryIds` (the brand's queries) and whose author,
 * case-folded without a leading `@`, is one of `handles` or, for a bare name, `name@any.server`.
 */
export const listMentionsByAuthors = async (
  db: Db,
  workspaceId: string,
  o: { queryIds: readonly string[]; handles: readonly string[]; since: Date; until: Date },
): Promise<AuthoredRow[]> => {
  if (o.queryIds.length === 0 || o.handles.length === 0) return [];
  const r = await db.execute(sql`
    select id, author_handle, network, published_at, url
    from mentions
    where workspace_id = ${workspaceId}
      and published_at >= ${o.since.toISOString()}::timestamptz
      and published_at < ${o.until.toISOString()}::timestamptz
      and jsonb_exists_any(matched_queries, ${pgArray(o.queryIds)}::text[])
      and (lower(ltrim(author_handle, '@')) = any(${pgArray(o.handles)}::text[])
        or split_part(lower(ltrim(author_handle, '@')), '@', 1) = any(${pgArray(o.handles)}::text[]))
    order by published_at desc, id desc
    limit 5000`);
  return rowsOf<{ id: string; author_handle: string; network: Network; published_at: unknown; url: string | null }>(r).map((x) => ({
    id: x.id,
    author: x.author_handle,
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
      select in_reply_to, min(published_at) as answered_at
      from mentions
      where workspace_id = ${workspaceId}
        and in_reply_to is not null
        and published_at >= ${o.since.toISOString()}::timestamptz
        and lower(ltrim(author_handle, '@')) = any(${own}::text[])
      group by in_reply_to)
    select m.id, m.author_handle, m.text, m.mentions, m.published_at, r.answered_at
    from mentions m
    left join replies r on r.in_reply_to = m.external_id
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.since.toISOString()}::timestamptz
      and jsonb_exists_any(m.matched_queries, ${pgArray(o.queryIds)}::text[])
      and not (lower(ltrim(m.author_handle, '@')) = any(${own}::text[]))
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
  readonly author: string;
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
      m.author_handle, m.network, m.url, m.links, m.published_at, m.sentiment_label
    from mentions m
    where m.workspace_id = ${workspaceId}
      and m.published_at >= ${o.from.toISOString()}::timestamptz
      and m.published_at < ${o.to.toISOString()}::timestamptz
      ${byQuery}
    order by m.published_at desc, m.id desc
    limit ${o.limit}`);
  return rowsOf<{ id: string; text: string; author_handle: string; network: Network; url: string | null; links: unknown; published_at: unknown; sentiment_label: SentimentLabel | null }>(r).map((x) => ({
    id: x.id,
    text: x.text,
    author: x.author_handle,
    network: x.network,
    url: x.url,
    links: (typeof x.links === 'string' ? JSON.parse(x.links) : x.links) as string[],
    publishedAt: asDate(x.published_at),
    sentiment: x.sentiment_label,
  }));
};

/** Workspaces with at least one listening query: the ones alerts are evaluated for. */
export const listWorkspacesWithQueries = async (db: Db): Promise<string[]> => {
  const r = await db.execute(sql`select distinct workspace_id from queries order by workspace_id`);
  return rowsOf<{ workspace_id: string }>(r).map((x) => x.workspace_id);
};
