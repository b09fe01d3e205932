import { sql } from 'drizzle-orm';
import { authorIdentityJoin, verifiedHandleOf } from './bluesky-identities.repo.ts';
import type { Db } from './db.ts';

/**
 * Re-matching stored mentions when a query changes (ADR 0150): pages of what the matcher reads,
 * and updates that touch only the one query's id in `matched_queries`, so re-matches of two
 * queries, or an ingest, running at the same time never undo each other.
 */
export interface MatchInput {
  readonly id: string;
  readonly text: string;
  readonly title: string | null;
  readonly lang: string;
  readonly network: string;
  readonly authorHandle: string;
  /** The verified handle of a firehose author's DID, when known (ADR 0240). */
  readonly verifiedHandle: string | null;
  readonly url: string | null;
  /** Whether the mention is currently marked as matching the query. */
  readonly matched: boolean;
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));
const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/** The next `limit` mentions of the workspace after `afterId`, in id order (keyset pages). */
export const readMatchPage = async (db: Db, workspaceId: string, queryId: string, afterId: string | null, limit: number): Promise<MatchInput[]> => {
  const r = await db.execute(sql`
    select m.id, m.text, m.title, m.lang, m.network, m.author_handle, ${verifiedHandleOf('m')} as verified_handle, m.url,
      m.matched_queries ? ${queryId}::text as matched
    from mentions m ${authorIdentityJoin('m')}
    where m.workspace_id = ${workspaceId}::uuid and m.id > ${afterId ?? '00000000-0000-0000-0000-000000000000'}::uuid
    order by m.id
    limit ${limit}`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    id: String(x.id),
    text: String(x.text),
    title: x.title === null ? null : String(x.title),
    lang: String(x.lang),
    network: String(x.network),
    authorHandle: String(x.author_handle),
    verifiedHandle: x.verified_handle == null ? null : String(x.verified_handle),
    url: x.url === null ? null : String(x.url),
    matched: x.matched === true,
  }));
};

/** Marks `add` as matching the query and `remove` as not (the array stays sorted). Returns rows changed. */
export const setQueryMatches = async (db: Db, workspaceId: string, queryId: string, add: readonly string[], remove: readonly string[]): Promise<number> => {
  if (add.length + remove.length === 0) return 0;
  const r = await db.execute(sql`
    update mentions m set matched_queries = (
      select coalesce(jsonb_agg(x order by x), '[]'::jsonb) from (
        select jsonb_array_elements_text(m.matched_queries - ${queryId}::text) as x
        union all
        select ${queryId}::text where m.id = any(${uuidArray(add)}::uuid[])
      ) s)
    where m.workspace_id = ${workspaceId}::uuid and m.id = any(${uuidArray([...add, ...remove])}::uuid[])
    returning 1 as one`);
  return rowsOf(r).length;
};

/** The query was deleted: no mention matches it any more. */
export const forgetQueryMatches = async (db: Db, workspaceId: string, queryId: string): Promise<number> => {
  const r = await db.execute(sql`
    update mentions set matched_queries = matched_queries - ${queryId}::text
    where workspace_id = ${workspaceId}::uuid and matched_queries ? ${queryId}::text
    returning 1 as one`);
  return rowsOf(r).length;
};
