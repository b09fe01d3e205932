import { and, asc, eq, sql } from 'drizzle-orm';
import { storedProblem, type StoredReason } from '../core/messages.ts';
import type { Source, SourceKind, SourceStatus } from '../core/source.ts';
import type { Db } from './db.ts';
import { sources } from './schema.ts';

type Row = typeof sources.$inferSelect;
/** The row as the core `Source` (the fetch repository extends it with state and schedule). */
export const toSource = (r: Row): Source => ({
  id: r.id,
  workspaceId: r.workspaceId,
  kind: r.kind,
  name: r.name,
  url: r.url,
  config: r.config,
  status: r.status,
  lastSuccessAt: r.lastSuccessAt,
  lastError: r.lastError,
  lastErrorProblem: storedProblem(r.lastErrorProblem),
  lastErrorAt: r.lastErrorAt,
  errorCount: r.errorCount,
  createdAt: r.createdAt,
});

export interface NewSource {
  readonly kind: SourceKind;
  readonly name: string;
  readonly url?: string | null;
  readonly config?: Record<string, unknown>;
  readonly status?: SourceStatus;
  readonly now: Date;
}

export const insertSource = async (db: Db, workspaceId: string, s: NewSource): Promise<Source> => {
  const [row] = await db
    .insert(sources)
    .values({
      workspaceId,
      kind: s.kind,
      name: s.name,
      url: s.url ?? null,
      config: s.config ?? {},
      status: s.status ?? 'active',
      createdAt: s.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toSource(row);
};

export const listSources = async (db: Db, workspaceId: string): Promise<Source[]> => {
  const rows = await db
    .select()
    .from(sources)
    .where(eq(sources.workspaceId, workspaceId))
    .orderBy(asc(sources.createdAt), asc(sources.name));
  return rows.map(toSource);
};

export const findSource = async (db: Db, workspaceId: string, id: string): Promise<Source | null> => {
  const [row] = await db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)));
  return row ? toSource(row) : null;
};

export const setSourceStatus = async (db: Db, workspaceId: string, id: string, status: SourceStatus): Promise<boolean> => {
  const rows = await db
    .update(sources)
    .set({ status })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
    .returning({ id: sources.id });
  return rows.length > 0;
};

/** A fetch went through: the error streak ends. */
export const recordSourceSuccess = async (db: Db, workspaceId: string, id: string, at: Date): Promise<void> => {
  await db
    .update(sources)
    .set({ lastSuccessAt: at, errorCount: 0 })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)));
};

/**
 * A fetch failed. Returns the streak length; with `disableAfter`, the source
 * turns `disabled` when the streak reaches it (repeated parse errors).
 */
export const recordSourceError = async (
  db: Db,
  workspaceId: string,
  id: string,
  e: { error: StoredReason; at: Date; disableAfter?: number },
): Promise<number> => {
  const disable = e.disableAfter ?? 0;
  const [row] = await db
    .update(sources)
    .set({
      // Text and key together, so that they never disagree (ADR 0250).
      lastError: e.error.text.slice(0, 2000),
      lastErrorProblem: e.error.problem ? { ...e.error.problem } : null,
      lastErrorAt: e.at,
      errorCount: sql`${sources.errorCount} + 1`,
      status:
        disable > 0
          ? sql`case when ${sources.errorCount} + 1 >= ${disable} then 'disabled' else ${sources.status} end`
          : sql`${sources.status}`,
    })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
    .returning({ errorCount: sources.errorCount });
  return row?.errorCount ?? 0;
};
