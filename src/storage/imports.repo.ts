import { and, asc, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { storedProblem, type Problem, type StoredReason } from '../core/messages.ts';
import type { Db } from './db.ts';
import { importRefusals, imports, importUploads } from './schema.ts';

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
  /** Pieces of the upload stored once the whole file is in, null while it arrives (ADR 0290). */
  readonly uploadChunks: number | null;
  /** Resumptions in a row without a new committed chunk, counting the current one (ADR 0311). */
  readonly resumes: number;
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
  uploadChunks: r.uploadChunks,
  resumes: r.resumes,
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

/** The database's time plus `ms`: leases are read on one clock, whichever replica writes them. */
const inMs = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

/**
 * waiting → running, once, held by the run `token` for `leaseMs` (ADR 0290): a second upload of
 * the same import finds nothing to claim.
 */
export const claimImport = async (db: Db, workspaceId: string, id: string, o: { token: string; leaseMs: number; now: Date }): Promise<ImportRow | null> => {
  const [row] = await db
    .update(imports)
    .set({ status: 'running', leaseToken: o.token, leaseUntil: inMs(o.leaseMs), updatedAt: o.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'waiting')))
    .returning();
  return row ? toImport(row) : null;
};

/**
 * Takes the oldest running import whose lease is past (its run stopped: a crash, a stop, a lost
 * database connection) for the run `token`. With its upload whole, it is to be resumed; without,
 * its upload was cut with its process. One query across workspaces, as a job queue's: the caller
 * goes on with the returned workspace and import only. SKIP LOCKED: two replicas sweeping at
 * once take two different imports, never the same one. Counts the resumption (ADR 0311): one more
 * if the last one was at the same committed line (no chunk committed since), else the first.
 */
export const takeOverImport = async (db: Db, o: { token: string; leaseMs: number }): Promise<ImportRow | null> => {
  const [row] = await db
    .update(imports)
    .set({
      leaseToken: o.token,
      leaseUntil: inMs(o.leaseMs),
      resumes: sql`case when ${imports.resumedAtLine} = ${imports.lastLine} then ${imports.resumes} + 1 else 1 end`,
      resumedAtLine: sql`${imports.lastLine}`,
    })
    .where(
      eq(
        imports.id,
        sql`(select id from ${imports} where status = 'running' and (lease_until is null or lease_until < now()) order by created_at limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row ? toImport(row) : null;
};

/** The heartbeat of a run: its lease goes on, if it still holds it (false: another run took it). */
export const renewLease = async (db: Db, workspaceId: string, id: string, o: { token: string; leaseMs: number; now: Date }): Promise<boolean> => {
  const rows = await db
    .update(imports)
    .set({ leaseUntil: inMs(o.leaseMs), updatedAt: o.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'running'), eq(imports.leaseToken, o.token)))
    .returning({ id: imports.id });
  return rows.length > 0;
};

/**
 * A run that stops with its process lets go at once, so another run resumes without waiting for
 * the lease. A clean stop is not a crash: the next resumption counts from one again (ADR 0311).
 */
export const releaseLease = async (db: Db, workspaceId: string, id: string, token: string): Promise<void> => {
  await db
    .update(imports)
    .set({ leaseUntil: null, resumedAtLine: null })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.leaseToken, token)));
};

/**
 * On PGlite only one process opens the data directory (its lock file): a lease found at start
 * belongs to a process that is gone, so its imports are free to be resumed at once.
 */
export const releaseAllLeases = async (db: Db): Promise<void> => {
  await db.update(imports).set({ leaseUntil: null }).where(and(eq(imports.status, 'running'), isNotNull(imports.leaseUntil)));
};

/** Thrown inside a chunk's transaction when the run no longer holds its import: nothing of the chunk is committed. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`import ${id} was taken over by another run`);
    this.name = 'LeaseLostError';
  }
}

export const saveImportOpened = async (db: Db, workspaceId: string, id: string, o: { format: 'csv' | 'json'; unit: 'line' | 'item'; mapping: Readonly<Record<string, string>>; now: Date }) => {
  await db
    .update(imports)
    .set({ format: o.format, unit: o.unit, mapping: { ...o.mapping }, updatedAt: o.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
};

/*
 * Pieces go in and out as base64 text, decoded and encoded by the database: PGlite's own
 * conversion of a bytea parameter or result costs 1.2 s and 0.2 s a MiB, base64 60 ms and 10 ms
 * (ADR 0290); on PostgreSQL the difference is noise.
 */

/** One piece of an upload, as it arrives (ADR 0290). */
export const saveUploadPiece = async (db: Db, workspaceId: string, id: string, seq: number, bytes: Buffer): Promise<void> => {
  await db.insert(importUploads).values({ workspaceId, importId: id, seq, bytes: sql`decode(${bytes.toString('base64')}, 'base64')` });
};

/** One piece of an upload, or null past its end. */
export const readUploadPiece = async (db: Db, workspaceId: string, id: string, seq: number): Promise<Buffer | null> => {
  const [row] = await db
    .select({ base64: sql<string>`encode(${importUploads.bytes}, 'base64')` })
    .from(importUploads)
    .where(and(eq(importUploads.workspaceId, workspaceId), eq(importUploads.importId, id), eq(importUploads.seq, seq)));
  return row ? Buffer.from(row.base64, 'base64') : null;
};

/**
 * Pieces left by an upload whose import ended without them being deleted with it (a run that
 * stored a piece after another had ended its import). One query across workspaces, as a sweep.
 */
export const dropEndedUploads = async (db: Db): Promise<void> => {
  await db.execute(sql`delete from ${importUploads} u using ${imports} i where u.import_id = i.id and i.status <> 'running'`);
};

/** The whole file is received and stored in `pieces`: its size is the total to read. */
export const saveImportReceived = async (db: Db, workspaceId: string, id: string, o: { bytes: number; pieces: number; now: Date }) => {
  await db
    .update(imports)
    .set({ bytesTotal: o.bytes, uploadChunks: o.pieces, updatedAt: o.now })
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
    /** The run that commits it: a run that lost its import commits nothing (ADR 0290). */
    token: string;
    now: Date;
  },
): Promise<void> => {
  if (c.refusedLines.length > 0) {
    await tx
      .insert(importRefusals)
      .values(c.refusedLines.map((r) => ({ workspaceId, importId: id, line: r.line, reason: r.reason, reasonProblem: { ...r.problem } })))
      .onConflictDoNothing();
  }
  const held = await tx
    .update(imports)
    .set({ bytesRead: c.bytesRead, records: c.records, refused: c.refused, lastLine: c.lastLine, counts: { ...c.counts }, sourceId: c.sourceId, updatedAt: c.now })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.status, 'running'), eq(imports.leaseToken, c.token)))
    .returning({ id: imports.id });
  if (held.length === 0) throw new LeaseLostError(id);
};

/**
 * The end of an import, and of its stored upload, in one transaction (ADR 0290). Given a
 * `token`, only while that run holds it: false when another run took it over.
 */
export const finishImport = async (
  db: Db,
  workspaceId: string,
  id: string,
  f: { status: 'done' | 'failed' | 'interrupted'; error: StoredReason | null; token?: string | undefined; now: Date },
): Promise<boolean> =>
  db.transaction(async (tx) => {
    const rows = await tx
      .update(imports)
      .set({
        status: f.status,
        error: f.error?.text.slice(0, 500) ?? null,
        errorProblem: f.error?.problem ? { ...f.error.problem } : null,
        finishedAt: f.now,
        updatedAt: f.now,
        leaseToken: null,
        leaseUntil: null,
      })
      .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), ...(f.token ? [eq(imports.status, 'running'), eq(imports.leaseToken, f.token)] : [])))
      .returning({ id: imports.id });
    if (rows.length === 0) return false;
    await tx.delete(importUploads).where(and(eq(importUploads.workspaceId, workspaceId), eq(importUploads.importId, id)));
    return true;
  });

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
