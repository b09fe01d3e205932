import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { storedProblem, type Problem, type StoredReason } from '../core/messages.ts';
import type { Db } from './db.ts';
import { importRefusals, imports } from './schema.ts';

/** A followed import (ADR 0200) as stored: its counts are those of the chunks committed. */
export type ImportStatus = 'waiting' | 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportRow {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: 'posts' | 'people';
  readonly name: string;
  readonly format: 'csv' | 'json' | null;
  readonly unit: 'line' | 'item';
  readonly mapping: Readonly<Record<string, string>>;
  readonly status: ImportStatus;
  readonly bytesTotal: number | null;
  readonly bytesRead: number;
  readonly records: number;
  readonly refused: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly lastLine: number;
  readonly sourceId: string | null;
  /** Why it failed or stopped: English text, and its key when it has one (ADR 0250). */
  readonly error: StoredReason | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

type Row = typeof imports.$inferSelect;

const toImport = (r: Row): ImportRow => ({
  id: r.id,
  workspaceId: r.workspaceId,
  kind: r.kind as ImportRow['kind'],
  name: r.name,
  format: r.format as ImportRow['format'],
  unit: r.unit as ImportRow['unit'],
  mapping: r.mapping,
  status: r.status as ImportStatus,
  bytesTotal: r.bytesTotal,
  bytesRead: r.bytesRead,
  records: r.records,
  refused: r.refused,
  counts: r.counts,
  lastLine: r.lastLine,
  sourceId: r.sourceId,
  error: r.error === null ? null : { text: r.error, problem: storedProblem(r.errorProblem) },
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  finishedAt: r.finishedAt,
});

export const insertImport = async (
  db: Db,
  workspaceId: string,
  i: { kind: 'posts' | 'people'; name: string; format?: 'csv' | 'json' | undefined; mapping: Record<string, string>; bytesTotal: number | null; createdBy: string | null; now: Date },
): Promise<ImportRow> => {
  const [row] = await db
    .insert(imports)
    .values({
      workspaceId,
      kind: i.kind,
      name: i.name,
      format: i.format ?? null,
      mapping: i.mapping,
      status: 'waiting',
      bytesTotal: i.bytesTotal,
      createdBy: i.createdBy,
      createdAt: i.now,
      updatedAt: i.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toImport(row);
};

export const findImport = async (db: Db, workspaceId: string, id: string): Promise<ImportRow | null> => {
  const [row] = await db.select().from(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  return row ? toImport(row) : null;
};

/** waiting → running, once: a second upload of the same import finds nothing to claim. */
export const claimImport = async (db: Db, workspaceId: string, id: string, now: Date): Promise<ImportRow | null> => {
  const [row] = await db
    .update(imports)
    .set({ status: 'running', updatedAt: now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'waiting')))
    .returning();
  return row ? toImport(row) : null;
};

export const saveImportOpened = async (db: Db, workspaceId: string, id: string, o: { format: 'csv' | 'json'; unit: 'line' | 'item'; mapping: Readonly<Record<string, string>>; now: Date }) => {
  await db
    .update(imports)
    .set({ format: o.format, unit: o.unit, mapping: { ...o.mapping }, updatedAt: o.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
};

/** The whole file is received (and spooled): its size is the total to read. */
export const saveImportReceived = async (db: Db, workspaceId: string, id: string, bytes: number, now: Date) => {
  await db
    .update(imports)
    .set({ bytesTotal: bytes, updatedAt: now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
};

/** One chunk's progress and refused lines, in the transaction that saved its records. */
export const saveImportChunk = async (
  tx: Db,
  workspaceId: string,
  id: string,
  c: {
    bytesRead: number;
    records: number;
    refused: number;
    lastLine: number;
    counts: Readonly<Record<string, number>>;
    sourceId: string | null;
    refusedLines: readonly { line: number; reason: string; problem: Problem }[];
    now: Date;
  },
): Promise<void> => {
  if (c.refusedLines.length > 0) {
    await tx
      .insert(importRefusals)
      .values(c.refusedLines.map((r) => ({ workspaceId, importId: id, line: r.line, reason: r.reason, reasonProblem: { ...r.problem } })))
      .onConflictDoNothing();
  }
  await tx
    .update(imports)
    .set({ bytesRead: c.bytesRead, records: c.records, refused: c.refused, lastLine: c.lastLine, counts: { ...c.counts }, sourceId: c.sourceId, updatedAt: c.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
};

/** The heartbeat of a running import: its process and its upload are alive. */
export const touchImport = async (db: Db, workspaceId: string, id: string, now: Date): Promise<void> => {
  await db
    .update(imports)
    .set({ updatedAt: now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'running')));
};

export const finishImport = async (db: Db, workspaceId: string, id: string, f: { status: 'done' | 'failed' | 'interrupted'; error: StoredReason | null; bytesRead?: number; now: Date }) => {
  await db
    .update(imports)
    .set({
      status: f.status,
      error: f.error?.text.slice(0, 500) ?? null,
      errorProblem: f.error?.problem ? { ...f.error.problem } : null,
      finishedAt: f.now,
      updatedAt: f.now,
      ...(f.bytesRead !== undefined ? { bytesRead: f.bytesRead } : {}),
    })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
};

/**
 * Imports this process was running when it stopped (ADR 0250), marked interrupted with their
 * committed counts; only those still running, so one that finished meanwhile keeps its status.
 */
export const interruptImports = async (db: Db, workspaceId: string, ids: readonly string[], error: StoredReason, now: Date): Promise<number> => {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(imports)
    .set({ status: 'interrupted', error: error.text, errorProblem: error.problem ? { ...error.problem } : null, finishedAt: now, updatedAt: now })
    .where(and(eq(imports.workspaceId, workspaceId), inArray(imports.id, [...ids]), inArray(imports.status, ['running', 'waiting'])))
    .returning({ id: imports.id });
  return rows.length;
};

/** The workspace's latest imports, newest first. */
export const listImports = async (db: Db, workspaceId: string, limit: number): Promise<ImportRow[]> =>
  (await db.select().from(imports).where(eq(imports.workspaceId, workspaceId)).orderBy(desc(imports.createdAt)).limit(limit)).map(toImport);

/** Refused lines after `afterLine`, in file order. */
export const listImportRefusals = async (db: Db, workspaceId: string, id: string, o: { afterLine: number; limit: number }): Promise<{ line: number; reason: StoredReason }[]> =>
  (
    await db
    .select({ line: importRefusals.line, reason: importRefusals.reason, problem: importRefusals.reasonProblem })
    .from(importRefusals)
    .where(and(eq(importRefusals.workspaceId, workspaceId), eq(importRefusals.importId, id), gt(importRefusals.line, o.afterLine)))
    .orderBy(asc(importRefusals.line))
    .limit(o.limit)
  ).map((r) => ({ line: r.line, reason: { text: r.reason, problem: storedProblem(r.problem) } }));
