import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DailyCount, SourceDetails, SourceFetchState } from '../core/source-fetch.ts';
import type { SourceStatus } from '../core/source.ts';
import type { StoredReason } from '../core/messages.ts';
import { storedProblem } from '../core/messages.ts';
import type { Db } from './db.ts';
import { mentions, sources } from './schema.ts';
import { toSource } from './sources.repo.ts';

/** Fetch state, schedule and health of sources: what the ingest pipeline and the scheduler read and write. */

type Row = typeof sources.$inferSelect;
const toDetails = (r: Row): SourceDetails => ({
  ...toSource(r),
  state: { etag: r.etag, lastModified: r.lastModified, cursor: r.cursor },
  fetchIntervalSeconds: r.fetchIntervalSeconds,
  nextFetchAt: r.nextFetchAt,
  disabledReason: r.disabledReason,
  disabledReasonProblem: storedProblem(r.disabledReasonProblem),
});

/** By id alone: job payloads carry the source id, and the row names its workspace. */
export const findSourceById = async (db: Db, id: string): Promise<SourceDetails | null> => {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row ? toDetails(row) : null;
};

export const findSourceDetails = async (db: Db, workspaceId: string, id: string): Promise<SourceDetails | null> => {
  const [row] = await db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)));
  return row ? toDetails(row) : null;
};

/** A fetch went through: new state, streak reset, next run planned. Call in the transaction of the last batch. */
export const saveFetchSuccess = async (
  db: Db,
  id: string,
  s: { state: SourceFetchState; at: Date; nextFetchAt: Date },
): Promise<void> => {
  await db
    .update(sources)
    .set({
      etag: s.state.etag,
      lastModified: s.state.lastModified,
      cursor: s.state.cursor,
      lastSuccessAt: s.at,
      errorCount: 0,
      nextFetchAt: s.nextFetchAt,
    })
    .where(eq(sources.id, id));
};

/**
 * A fetch failed: the streak grows, the next run is planned, and the source is disabled
 * (with the reason) when `disable` says so or when the streak reaches `disableAfter`.
 * Returns the new streak length and the resulting status.
 */
export const saveFetchFailure = async (
  db: Db,
  id: string,
  f: { error: StoredReason; at: Date; nextFetchAt: Date; disable?: StoredReason; disableAfter?: number; disableReason?: StoredReason },
): Promise<{ errorCount: number; status: SourceStatus }> => {
  const after = f.disableAfter ?? 0;
  const reasonAfter = f.disableReason ?? f.error;
  const problemOf = (r: StoredReason) => (r.problem ? JSON.stringify(r.problem) : null);
  const [row] = await db
    .update(sources)
    .set({
      lastError: f.error.text.slice(0, 2000),
      lastErrorProblem: f.error.problem ? { ...f.error.problem } : null,
      lastErrorAt: f.at,
      errorCount: sql`${sources.errorCount} + 1`,
      nextFetchAt: f.nextFetchAt,
      status: f.disable
        ? sql`'disabled'`
        : after > 0
          ? sql`case when ${sources.errorCount} + 1 >= ${after} then 'disabled' else ${sources.status} end`
          : sql`${sources.status}`,
      disabledReason: f.disable
        ? f.disable.text.slice(0, 2000)
        : after > 0
          ? sql`case when ${sources.errorCount} + 1 >= ${after} then ${reasonAfter.text.slice(0, 2000)} else ${sources.disabledReason} end`
          : sql`${sources.disabledReason}`,
      disabledReasonProblem: f.disable
        ? (f.disable.problem ? { ...f.disable.problem } : null)
        : after > 0
          ? sql`case when ${sources.errorCount} + 1 >= ${after} then ${problemOf(reasonAfter)}::jsonb else ${sources.disabledReasonProblem} end`
          : sql`${sources.disabledReasonProblem}`,
    })
    .where(eq(sources.id, id))
    .returning({ errorCount: sources.errorCount, status: sources.status });
  return { errorCount: row?.errorCount ?? 0, status: row?.status ?? 'active' };
};

export interface DueSource {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string | null;
  readonly fetchIntervalSeconds: number;
}

/** Active sources of the given kinds whose next fetch is due, oldest due first. */
export const listDueSources = async (db: Db, kinds: readonly string[], now: Date, limit: number): Promise<DueSource[]> => {
  if (kinds.length === 0) return [];
  return db
    .select({ id: sources.id, workspaceId: sources.workspaceId, url: sources.url, fetchIntervalSeconds: sources.fetchIntervalSeconds })
    .from(sources)
    .where(
      and(
        eq(sources.status, 'active'),
        sql`${sources.kind} in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`,
        or(isNull(sources.nextFetchAt), lte(sources.nextFetchAt, now)),
        // A Bluesky firehose source is streamed by the deployment's one consumer, never pulled:
        // its health comes from that consumer (firehose.repo.ts), not from an empty fetch.
        sql`not (${sources.kind} = 'bluesky' and ${sources.config}->>'mode' = 'firehose')`,
      ),
    )
    .orderBy(sql`${sources.nextFetchAt} asc nulls first`, asc(sources.createdAt))
    .limit(limit);
};

/** The scheduler leases a due source until `until`, so the next tick does not enqueue it again. */
export const leaseSource = async (db: Db, id: string, until: Date): Promise<void> => {
  await db.update(sources).set({ nextFetchAt: until }).where(eq(sources.id, id));
};

export interface SourceChanges {
  readonly name?: string;
  readonly status?: 'active' | 'paused';
  readonly fetchIntervalSeconds?: number;
  readonly url?: string | null;
  readonly config?: Record<string, unknown>;
  /** What the source reads changed: forget the cursor and validators, fetch again soon. */
  readonly resetState?: boolean;
}

/** Rename, pause or resume (resuming clears the error streak and the disabled reason), change the interval. */
export const updateSourceSettings = async (db: Db, workspaceId: string, id: string, c: SourceChanges): Promise<SourceDetails | null> => {
  const set: Partial<typeof sources.$inferInsert> = {};
  if (c.name !== undefined) set.name = c.name;
  if (c.fetchIntervalSeconds !== undefined) set.fetchIntervalSeconds = c.fetchIntervalSeconds;
  if (c.url !== undefined) set.url = c.url;
  if (c.config !== undefined) set.config = c.config;
  if (c.resetState) {
    set.cursor = null;
    set.etag = null;
    set.lastModified = null;
    set.nextFetchAt = null;
  }
  if (c.status !== undefined) {
    set.status = c.status;
    if (c.status === 'active') {
      set.errorCount = 0;
      set.disabledReason = null;
      set.disabledReasonProblem = null;
      set.nextFetchAt = null;
    }
  }
  if (Object.keys(set).length === 0) return findSourceDetails(db, workspaceId, id);
  const [row] = await db
    .update(sources)
    .set(set)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
    .returning();
  return row ? toDetails(row) : null;
};

/** Makes a source due now (fetch now); false when it is not in this workspace. */
export const markSourceDue = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .update(sources)
    .set({ nextFetchAt: null })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
    .returning({ id: sources.id });
  return rows.length > 0;
};

/** Deletes a source; its mentions stay (their source id becomes null). */
export const deleteSource = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .delete(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
    .returning({ id: sources.id });
  return rows.length > 0;
};

/** Mentions stored per UTC day (by fetch time) from `since` (a UTC midnight) for `days` days. */
export const countMentionsPerDay = async (db: Db, workspaceId: string, sourceId: string, since: Date, days: number): Promise<DailyCount[]> => {
  const rows = await db
    .select({
      day: sql<string>`to_char(date_trunc('day', ${mentions.fetchedAt} at time zone 'UTC'), 'YYYY-MM-DD')`,
      count: sql<number>`count(*)::int`,
    })
    .from(mentions)
    .where(and(eq(mentions.workspaceId, workspaceId), eq(mentions.sourceId, sourceId), sql`${mentions.fetchedAt} >= ${since.toISOString()}::timestamptz`))
    .groupBy(sql`1`);
  const byDay = new Map(rows.map((r) => [r.day, Number(r.count)]));
  const out: DailyCount[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    out.push({ day, count: byDay.get(day) ?? 0 });
  }
  return out;
};

/** Active sources of one kind, across workspaces: the worker's stream supervisor reads them. */
export const listActiveSourcesOfKind = async (db: Db, kind: string): Promise<SourceDetails[]> => {
  const rows = await db
    .select()
    .from(sources)
    .where(and(eq(sources.status, 'active'), sql`${sources.kind} = ${kind}`))
    .orderBy(asc(sources.createdAt));
  return rows.map(toDetails);
};
