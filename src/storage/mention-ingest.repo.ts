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

const needsEscape = /["\\]/;
const escapable = /["\\]/g;
/** An element of an array literal: quoted, with `"` and `\\` escaped (most values have neither). */
const element = (v: string | null): string => (v === null ? 'NULL' : `"${needsEscape.test(v) ? v.replace(escapable, '\\$&') : v}"`);

/** A PostgreSQL array literal: one parameter for a whole column, whatever the number of rows. */
const toPgArray = (values: readonly (string | null)[]): string => {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + element(values[i] ?? null);
  return `${out}}`;
};

/** A row the insert actually stored (not one skipped as already there). */
export interface InsertedRow {
  readonly id: string;
  /** Index of the item in the batch given to `insertIngestedMentions`. */
  readonly index: number;
}

const emptyList = '[]';
const jsonList = (v: readonly string[]): string => (v.length === 0 ? emptyList : JSON.stringify(v));

/**
 * Inserts a batch with one statement (a column per array parameter, `unnest`ed), skipping
 * rows already stored (same workspace, network, external id). Returns the rows that were new,
 * with their ids and their place in `items`.
 */
export const insertIngestedMentions = async (db: Db, workspaceId: string, items: readonly IngestedMention[]): Promise<InsertedRow[]> => {
  if (items.length === 0) return [];
  const col = (f: (m: IngestedMention) => string | null) => toPgArray(items.map(f));
  const json = (v: unknown): string => (Array.isArray(v) ? jsonList(v as string[]) : JSON.stringify(v));
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
    returning id, network, external_id`);
  // Items are unique by (network, external id) within a batch (the caller deduplicates).
  const at = new Map<string, number>();
  items.forEach((m, i) => at.set(`${m.network}\u0000${m.externalId}`, i));
  return rowsOf<{ id: string; network: string; external_id: string }>(r).map((x) => ({ id: x.id, index: at.get(`${x.network}\u0000${x.external_id}`) ?? -1 }));
};
