import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import type { NewMention } from './mentions.repo.ts';
import { copyFromStdin, copyValue } from './copy-in.ts';
import { executePrepared } from './prepared.ts';
import { toPgArray } from './pg-array.ts';

/**
 * The write path of the ingest pipeline (ADR 0062): which items are already stored, which
 * texts were seen recently through another source, and one multi-row insert per batch.
 */

export interface IngestedMention extends NewMention {
  readonly textHash: string | null;
  readonly nearDuplicateOf: string | null;
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/*
 * Both look-ups go through one index probe per value (a lateral subquery with `limit 1` is
 * never flattened into a join), whatever the planner believes about the table: during a
 * large ingest into a new workspace (or on PGlite, which has no autovacuum) its statistics
 * say the workspace has almost no rows, and `= any(array)` was then planned as a scan of
 * every row of the workspace, once per batch: quadratic (ADR 0131).
 */

/** External ids of `network` among `ids` already stored in the workspace. */
export const findStoredExternalIds = async (db: Db, workspaceId: string, network: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const r = await executePrepared(db, 'relais_stored_external_ids', sql`
    select x.id as external_id
    from unnest(${toPgArray(ids)}::text[]) as x(id),
      lateral (select 1 from mentions m
               where m.workspace_id = ${workspaceId}::uuid and m.network = ${network} and m.external_id = x.id
               limit 1) as hit`);
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
  const r = await executePrepared(db, 'relais_recent_text_hashes', sql`
    select h.hash as text_hash, first.id
    from unnest(${toPgArray(hashes)}::text[]) as h(hash),
      lateral (select m.id from mentions m
               where m.workspace_id = ${workspaceId}::uuid
                 and m.text_hash = h.hash
                 and m.source_id is distinct from ${sourceId}::uuid
                 and m.fetched_at >= ${since.toISOString()}::timestamptz
               order by m.fetched_at, m.id
               limit 1) as first`);
  return new Map(rowsOf<{ text_hash: string; id: string }>(r).map((x) => [x.text_hash, x.id]));
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

// The staging table of `insertIngestedMentionsByCopy`: one per connection (temporary), emptied
// at every commit, so it is created once per connection and never holds a batch past its
// transaction.
const stagingColumns = `source_id uuid, network text, external_id text, url text, author_handle text, author_name text,
  author_url text, author_avatar_url text, text text, html text, title text, links jsonb, hashtags jsonb, mentions jsonb,
  declared_lang text, lang text, sentiment_label text, sentiment_score real, matched_queries jsonb, published_at timestamptz,
  fetched_at timestamptz, in_reply_to text, thread_root text, metrics jsonb, text_hash text, near_duplicate_of uuid`;
const columnNames = stagingColumns.replace(/ [a-z]+(?=,|$)/g, '').replace(/\s+/g, ' ');

/** One row of the batch in COPY text format, in the order of `stagingColumns`. */
const copyLine = (m: IngestedMention): string => {
  const v = copyValue;
  const j = (x: readonly string[]): string => copyValue(jsonList(x));
  return [
    v(m.sourceId), v(m.network), v(m.externalId), v(m.url ?? null), v(m.author.handle), v(m.author.name ?? null),
    v(m.author.url ?? null), v(m.author.avatarUrl ?? null), v(m.text), v(m.html ?? null), v(m.title ?? null),
    j(m.links), j(m.hashtags), j(m.mentions), v(m.declaredLang ?? null), v(m.lang), v(m.sentiment?.label ?? null),
    m.sentiment ? String(m.sentiment.score) : '\\N', j(m.matchedQueries), m.publishedAt.toISOString(), m.fetchedAt.toISOString(),
    v(m.inReplyTo ?? null), v(m.threadRoot ?? null), v(JSON.stringify(m.metrics ?? {})), v(m.textHash), v(m.nearDuplicateOf),
  ].join('\t');
};

/**
 * The same as `insertIngestedMentions`, through COPY (ADR 0131): the batch is copied into a
 * temporary staging table, then moved with one `insert … select … on conflict do nothing
 * returning`. Must run inside a transaction (`tx`): the staging rows live until its commit.
 */
export const insertIngestedMentionsByCopy = async (tx: Db, workspaceId: string, items: readonly IngestedMention[]): Promise<InsertedRow[]> => {
  if (items.length === 0) return [];
  await tx.execute(sql.raw(`create temp table if not exists mention_staging (${stagingColumns}) on commit delete rows`));
  let data = '';
  for (const m of items) data += `${copyLine(m)}\n`;
  await copyFromStdin(tx, `copy mention_staging (${columnNames}) from stdin`, data);
  const r = await tx.execute(sql`
    insert into mentions (workspace_id, ${sql.raw(columnNames)})
    select ${workspaceId}::uuid, ${sql.raw(columnNames)} from mention_staging
    on conflict (workspace_id, network, external_id) do nothing
    returning id, network, external_id`);
  const at = new Map<string, number>();
  items.forEach((m, i) => at.set(`${m.network}\u0000${m.externalId}`, i));
  return rowsOf<{ id: string; network: string; external_id: string }>(r).map((x) => ({ id: x.id, index: at.get(`${x.network}\u0000${x.external_id}`) ?? -1 }));
};

/** A batch made ready for `copyPreparedMentions`: its ids, and its rows in COPY's text format, encoded. */
export interface PreparedCopy {
  readonly workspaceId: string;
  readonly rows: readonly InsertedRow[];
  readonly data: Buffer;
}

/**
 * The COPY text of a batch, ids made here (ADR 0180): built apart from the copy so the ingest can
 * build batch b + 1's while batch b is stored (ADR 0270).
 */
export const prepareMentionsCopy = (workspaceId: string, items: readonly IngestedMention[]): PreparedCopy => {
  const rows: InsertedRow[] = [];
  let data = '';
  for (let i = 0; i < items.length; i++) {
    const id = randomUUID();
    rows.push({ id, index: i });
    data += `${id}\t${workspaceId}\t${copyLine(items[i] as IngestedMention)}\n`;
  }
  return { workspaceId, rows, data: Buffer.from(data, 'utf8') };
};

/**
 * The batch's rows with one `COPY mentions FROM STDIN`: for rows the caller has just looked up
 * and found new, so no staging table and no `insert … select`. COPY has no `on conflict`: if
 * one of the rows was stored meanwhile (another writer, a retried job), it fails with a unique
 * violation (`isUniqueViolation`) and aborts the transaction; the caller then runs the batch
 * again through `insertIngestedMentionsByCopy`, which skips stored rows. Must run inside a
 * transaction. Returns every row, in order, with its id.
 */
export const copyPreparedMentions = async (tx: Db, prepared: PreparedCopy): Promise<readonly InsertedRow[]> => {
  if (prepared.rows.length === 0) return [];
  await copyFromStdin(tx, `copy mentions (id, workspace_id, ${columnNames}) from stdin`, prepared.data);
  return prepared.rows;
};

/** `prepareMentionsCopy` then `copyPreparedMentions`. */
export const copyNewMentions = async (tx: Db, workspaceId: string, items: readonly IngestedMention[]): Promise<readonly InsertedRow[]> =>
  copyPreparedMentions(tx, prepareMentionsCopy(workspaceId, items));

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
