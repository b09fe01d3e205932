import { and, asc, eq, sql } from 'drizzle-orm';
import type { ListeningQuery, QueryKind } from '../core/listening-query.ts';
import type { Db } from './db.ts';
import { queries } from './schema.ts';

type Row = typeof queries.$inferSelect;
const toQuery = (r: Row): ListeningQuery => ({
  id: r.id,
  workspaceId: r.workspaceId,
  name: r.name,
  kind: r.kind,
  text: r.text,
  createdAt: r.createdAt,
});

export const insertQuery = async (
  db: Db,
  workspaceId: string,
  q: { name: string; kind: QueryKind; text: string; now: Date },
): Promise<ListeningQuery> => {
  const [row] = await db
    .insert(queries)
    .values({ workspaceId, name: q.name, kind: q.kind, text: q.text, createdAt: q.now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toQuery(row);
};

export const listQueries = async (db: Db, workspaceId: string): Promise<ListeningQuery[]> => {
  const rows = await db
    .select()
    .from(queries)
    .where(eq(queries.workspaceId, workspaceId))
    .orderBy(asc(queries.createdAt), asc(queries.name));
  return rows.map(toQuery);
};

export const findQuery = async (db: Db, workspaceId: string, id: string): Promise<ListeningQuery | null> => {
  const [row] = await db
    .select()
    .from(queries)
    .where(and(eq(queries.workspaceId, workspaceId), eq(queries.id, id)));
  return row ? toQuery(row) : null;
};

export const deleteQuery = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .delete(queries)
    .where(and(eq(queries.workspaceId, workspaceId), eq(queries.id, id)))
    .returning({ id: queries.id });
  return rows.length > 0;
};

export const updateQuery = async (
  db: Db,
  workspaceId: string,
  id: string,
  patch: { name?: string | undefined; kind?: QueryKind | undefined; text?: string | undefined },
): Promise<ListeningQuery | null> => {
  const set: Partial<Pick<Row, 'name' | 'kind' | 'text'>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.kind !== undefined) set.kind = patch.kind;
  if (patch.text !== undefined) set.text = patch.text;
  if (Object.keys(set).length === 0) return findQuery(db, workspaceId, id);
  const [row] = await db
    .update(queries)
    .set(set)
    .where(and(eq(queries.workspaceId, workspaceId), eq(queries.id, id)))
    .returning();
  return row ? toQuery(row) : null;
};

/**
 * The version of each workspace's set of queries, as far as matching is concerned (ADR 0132):
 * the number of queries and the sum of a 64-bit hash of each query's id and text. Any
 * creation, deletion or change of a text changes it; a rename does not. Computed from the
 * committed rows, so two processes agree on it without a counter to keep. With `workspaceId`,
 * one workspace (an index range scan); without, every workspace that has queries.
 */
export const queryVersions = async (db: Db, workspaceId?: string): Promise<Map<string, string>> => {
  const r = await db.execute(sql`
    select workspace_id, count(*)::text || ':' || coalesce(sum(hashtextextended(id::text || ':' || text, 0)::numeric), 0)::text as version
    from queries
    ${workspaceId === undefined ? sql`` : sql`where workspace_id = ${workspaceId}::uuid`}
    group by workspace_id`);
  const rows = Array.isArray(r) ? (r as unknown as VersionRow[]) : ((r as unknown as { rows: VersionRow[] }).rows ?? []);
  return new Map(rows.map((x) => [x.workspace_id, x.version]));
};
interface VersionRow {
  readonly workspace_id: string;
  readonly version: string;
}

/** Id, workspace and text of the queries of one workspace, or of all of them: what a matcher needs. */
export const listQueryTexts = async (db: Db, workspaceId?: string): Promise<Array<{ id: string; workspaceId: string; text: string }>> =>
  db
    .select({ id: queries.id, workspaceId: queries.workspaceId, text: queries.text })
    .from(queries)
    .where(workspaceId === undefined ? undefined : eq(queries.workspaceId, workspaceId));
