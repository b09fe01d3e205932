import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import type { NewMention } from './mentions.repo.ts';

/**
 * The write path of the ingest pipeline (ADR 0062): which items are already stored, which
 * texts were seen recently through another source, and one multi-row insert per batch.
 */

export interface IngestedMention extends NewMention {
  readonly textHash: string | null;
  readonly nearDuplicateOf: string | null;
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/** External ids of `network` among `ids` already stored in the workspace. */
export const findStoredExternalIds = async (db: Db, workspaceId: string, network: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const r = await db.execute(
    sql`select external_id from mentions where workspace_id = ${workspaceId} and network = ${network} and external_id = any(${toPgArray(ids)}::text[])`,
  );
  return new Set(rowsOf<{ external_id: string }>(r).map((x) => x.external_id));
};

/**
 * For each text hash, the earliest mention carrying it that came through another source of
 * the workspace (or through no source) since `since`.
 */
export const findRecentTextHashes = async (
  db: Db,
  workspaceId: string,
  sourceId: string | null,
  hashes: readonly string[],
  since: Date,
): Promise<Map<string, string>> => {
  if (hashes.length === 0) return new Map();
  const r = await db.execute(sql`
    select distinct on (text_hash) text_hash, id
    from mentions
    where workspace_id = ${workspaceId}
      and text_hash = any(${toPgArray(hashes)}::text[])
      and source_id is distinct from ${sourceId}::uuid
      and fetched_at >= ${since.toISOString()}::timestamptz
    order by text_hash, fetched_at, id`);
  return new Map(rowsOf<{ text_hash: string; id: string }>(r).map((x) => [x.text_hash, x.id]));
};

/** A PostgreSQL array literal: one parameter for a whole column, whatever the number of rows. */
const toPgArray = (values: readonly (string | null)[]): string =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Inserts a batch with one statement (a column per array parameter, `unnest`ed), skipping
 * rows already stored (same workspace, network, external id). Returns how many were new.
 */
export const insertIngestedMentions = async (db: Db, workspaceId: string, items: readonly IngestedMention[]): Promise<number> => {
  if (items.length === 0) return 0;
  const col = (f: (m: IngestedMention) => string | null) => toPgArray(items.map(f));
  const r = await db.execute(sql`
    insert into mentions (workspace_id, source_id, network, external_id, url, author_handle, author_name, author_url,
      author_avatar_url, text, html, title, links, hashtags, mentions, declared_lang, lang, sentiment_label,
      sentiment_score, matched_queries, published_at, fetched_at, in_reply_to, thread_root, metrics, text_hash, near_duplicate_of)
    select ${workspaceId}::uuid, source_id, network, external_id, url, author_handle, author_name, author_url,
      author_avatar_url, text, html, title, links::jsonb, hashtags::jsonb, mentions::jsonb, declared_lang, lang, sentiment_label,
      sentiment_score, matched_queries::jsonb, published_at, fetched_at, in_reply_to, thread_root, metrics::jsonb, text_hash, near_duplicate_of
    from unnest(
      ${col((m) => m.sourceId)}::uuid[], ${col((m) => m.network)}::text[], ${col((m) => m.externalId)}::text[],
      ${col((m) => m.url ?? null)}::text[], ${col((m) => m.author.handle)}::text[], ${col((m) => m.author.name ?? null)}::text[],
      ${col((m) => m.author.url ?? null)}::text[], ${col((m) => m.author.avatarUrl ?? null)}::text[], ${col((m) => m.text)}::text[],
      ${col((m) => m.html ?? null)}::text[], ${col((m) => m.title ?? null)}::text[], ${col((m) => json(m.links))}::text[],
      ${col((m) => json(m.hashtags))}::text[], ${col((m) => json(m.mentions))}::text[], ${col((m) => m.declaredLang ?? null)}::text[],
      ${col((m) => m.lang)}::text[], ${col((m) => m.sentiment?.label ?? null)}::text[],
      ${col((m) => (m.sentiment ? String(m.sentiment.score) : null))}::real[], ${col((m) => json(m.matchedQueries))}::text[],
      ${col((m) => m.publishedAt.toISOString())}::timestamptz[], ${col((m) => m.fetchedAt.toISOString())}::timestamptz[],
      ${col((m) => m.inReplyTo ?? null)}::text[], ${col((m) => m.threadRoot ?? null)}::text[], ${col((m) => json(m.metrics ?? {}))}::text[],
      ${col((m) => m.textHash)}::text[], ${col((m) => m.nearDuplicateOf)}::uuid[]
    ) as t(source_id, network, external_id, url, author_handle, author_name, author_url, author_avatar_url, text, html, title,
      links, hashtags, mentions, declared_lang, lang, sentiment_label, sentiment_score, matched_queries, published_at, fetched_at,
      in_reply_to, thread_root, metrics, text_hash, near_duplicate_of)
    on conflict (workspace_id, network, external_id) do nothing
    returning id`);
  return rowsOf<{ id: string }>(r).length;
};

/**
 * Newer engagement counts for mentions already stored (a favourite or a boost of the brand's
 * status, a story's points): each given count replaces the stored one, other counts stay.
 * Idempotent. Returns how many mentions changed.
 */
export const refreshMentionMetrics = async (
  db: Db,
  workspaceId: string,
  network: string,
  updates: readonly { readonly externalId: string; readonly metrics: Readonly<Record<string, number>> }[],
): Promise<number> => {
  if (updates.length === 0) return 0;
  const r = await db.execute(sql`
    update mentions m set metrics = m.metrics || u.metrics::jsonb
    from unnest(${toPgArray(updates.map((u) => u.externalId))}::text[], ${toPgArray(updates.map((u) => JSON.stringify(u.metrics)))}::text[]) as u(external_id, metrics)
    where m.workspace_id = ${workspaceId} and m.network = ${network} and m.external_id = u.external_id
      and not (m.metrics @> u.metrics::jsonb)
    returning m.id`);
  return rowsOf<{ id: string }>(r).length;
};

/** Removes mentions the network says were deleted by their author. Returns how many. */
export const deleteMentionsByExternalId = async (db: Db, workspaceId: string, network: string, externalIds: readonly string[]): Promise<number> => {
  if (externalIds.length === 0) return 0;
  const r = await db.execute(
    sql`delete from mentions where workspace_id = ${workspaceId} and network = ${network} and external_id = any(${toPgArray(externalIds)}::text[]) returning id`,
  );
  return rowsOf<{ id: string }>(r).length;
};
