import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { reasonOf, renderReason, type StoredReason } from '../../core/messages.ts';
import type { Locale } from '../../core/user.ts';
import { fail, isAppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Database, Db } from '../../storage/db.ts';
import {
  claimImport, dropEndedUploads, finishImport, findImport, insertImport, LeaseLostError, listImportRefusals, listImports, readUploadPiece, releaseAllLeases, releaseLease, renewLease, saveImportChunk,
  saveImportOpened, saveImportReceived, saveUploadPiece, takeOverImport, type ImportRow,
} from '../../storage/imports.repo.ts';
import type { ByteSource } from './record-stream.ts';
import type { ImportFormat } from './records.ts';
import { noCounts, runImport, type ImportCounts, type ImportKind, type ImportProgress } from './run-import.ts';

/**
 * Imports followed from the web (ADR 0200, 0250, 0290): created first (kind, name, size,
 * mapping), then the file is sent as the body of one upload request, which the receiving process
 * stores in the database as it arrives and then reads in the background, saving chunk by chunk
 * and writing each chunk's counts and refused lines in its transaction. Any process answers the
 * progress from the database. The run holds its import by a lease that its heartbeat renews;
 * when the lease lapses (its process died), any process that imports takes it over and resumes
 * it after its last committed chunk, from the stored upload. Only the run holding the lease can
 * commit a chunk, so nothing is saved twice or left half-saved. An upload cut short leaves an
 * import that reads as interrupted: every count in it is committed, and sending the same file
 * again finishes it.
 */
/** A running import whose upload is not whole and that has had no news for this long lost its upload or its process. */
export const staleAfterMs = 60_000;
/** How long a run holds its import without renewing (ADR 0290): a crashed run's import is resumed after this. */
export const defaultLeaseMs = 30_000;
/**
 * Resumptions of an import in a row without a new committed chunk before it is failed (ADR 0311):
 * an import that crashes its process (out of memory) would otherwise crash every process in turn.
 */
export const maxResumesWithoutProgress = 3;
/** Refused lines returned with an import's state; the CSV report has them all. */
export const refusedShown = 200;

export interface ImportState extends ImportRow {
  readonly refusedLines: readonly { readonly line: number; readonly reason: StoredReason }[];
}

// An import whose upload is whole is resumed by the next process that sweeps (ADR 0290): it is not stale.
const stale = (row: ImportRow, now: Date): ImportRow =>
  row.status === 'running' && row.uploadChunks === null && now.getTime() - row.updatedAt.getTime() > staleAfterMs
    ? { ...row, status: 'interrupted', error: row.error ?? reasonOf({ key: 'import.no-news', params: { at: row.updatedAt.toISOString() } }) }
    : row;

export const createImport = (
  db: Db,
  workspaceId: string,
  i: { kind: ImportKind; name: string; format?: ImportFormat | undefined; mapping?: Readonly<Record<string, string>> | undefined; size?: number | undefined; userId: string | null },
  clock: Clock,
): Promise<ImportRow> =>
  insertImport(db, workspaceId, { kind: i.kind, name: i.name, format: i.format, mapping: { ...(i.mapping ?? {}) }, bytesTotal: i.size ?? null, createdBy: i.userId, now: clock.now() });

/** Imports listed with a workspace's latest first. */
export const importsShown = 20;

export const listRecentImports = async (db: Db, workspaceId: string, clock: Clock): Promise<ImportRow[]> => {
  const now = clock.now();
  return (await listImports(db, workspaceId, importsShown)).map((r) => stale(r, now));
};

export const readImport = async (db: Db, workspaceId: string, id: string, clock: Clock): Promise<ImportState> => {
  const row = isUuid(id) ? await findImport(db, workspaceId, id) : null;
  if (!row) throw fail('import.not-found');
  return { ...stale(row, clock.now()), refusedLines: await listImportRefusals(db, workspaceId, id, { afterLine: 0, limit: refusedShown }) };
};

/** Counts the bytes of the upload and stops it past `maxBytes`. */
async function* bounded(body: ByteSource, maxBytes: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const c of body) {
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    n += b.byteLength;
    if (n > maxBytes) throw fail('import.file-too-large', { bytes: maxBytes });
    yield b;
  }
}

/** An upload is stored in pieces of this size (ADR 0290). */
export const uploadPieceBytes = 1024 * 1024;

/** The stored upload of an import, a piece at a time. */
async function* storedUpload(db: Db, row: ImportRow, pieces: number, signal: AbortSignal): AsyncGenerator<Buffer> {
  for (let seq = 0; seq < pieces; seq++) {
    signal.throwIfAborted();
    const bytes = await readUploadPiece(db, row.workspaceId, row.id, seq);
    if (!bytes) throw new Error(`piece ${seq} of the upload of import ${row.id} is missing`);
    yield bytes;
  }
}

/** Where the committed chunks of an import left it. */
const progressOf = (row: ImportRow): ImportProgress => ({
  bytesRead: row.bytesRead,
  records: row.records,
  refused: row.refused,
  lastLine: row.lastLine,
  counts: Object.fromEntries(Object.keys(noCounts).map((k) => [k, row.counts[k] ?? 0])) as unknown as ImportCounts,
});

/** Why an import stopped, kept with it: its key when the failure has one (ADR 0250). */
const reasonOfError = (e: unknown): StoredReason => {
  if (isAppError(e) && e.problems[0]) return { text: e.message, problem: e.problems[0] };
  return reasonOf({ key: 'import.stopped', params: { detail: ((e as Error).message ?? String(e)).slice(0, 300) } });
};

export interface ImportRunnerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  /** Records per chunk (tests make it small to stop an import half-way). */
  readonly chunkSize?: number | undefined;
  /** How long a run holds its import between heartbeats (a third of it apart). */
  readonly leaseMs?: number | undefined;
  /** How often `start()` looks for imports whose run stopped. */
  readonly sweepMs?: number | undefined;
  /** Imports run at once by this process; more wait for a free place. */
  readonly concurrency?: number | undefined;
}

/**
 * The followed imports of one process (ADR 0250, 0290). An upload is stored in the database as
 * it arrives (bounded by `maxBytes`), then imported in the background of this process, so that
 * the import goes on when the browser is closed. `accept` answers once the file is received and
 * its columns settled; a file that cannot be imported at all is still refused there (400),
 * before anything is saved. `start` makes the process take over the imports of runs that stopped.
 */
export interface ImportRunner {
  accept(workspaceId: string, id: string, body: ByteSource, o: { readonly maxBytes: number }): Promise<ImportState>;
  /** Takes over, now and every `sweepMs`, the imports whose run let go of them or died. */
  start(): void;
  /** Resolves when no import is running in this process. */
  idle(): Promise<void>;
  /** Stops the imports of this process where they are, and lets go of them for another process to resume. */
  close(): Promise<void>;
}

export const createImportRunner = (o: ImportRunnerOptions): ImportRunner => {
  const { db, clock } = o;
  const leaseMs = o.leaseMs ?? defaultLeaseMs;
  const concurrency = o.concurrency ?? 2;
  const running = new Set<Promise<void>>();
  const stop = new AbortController();
  let sweeper: NodeJS.Timeout | undefined;

  /** Renews the lease of a run, and aborts the run the moment it no longer holds its import. */
  const holdLease = (row: ImportRow, token: string, lost: AbortController): NodeJS.Timeout => {
    const t = setInterval(() => {
      renewLease(db, row.workspaceId, row.id, { token, leaseMs, now: clock.now() })
        .then((held) => {
          if (!held) lost.abort(new LeaseLostError(row.id));
        })
        .catch(() => {});
    }, Math.max(50, Math.floor(leaseMs / 3)));
    t.unref();
    return t;
  };

  /**
   * Runs (or resumes) an import whose upload is stored, while `token` holds it. `opened` is told
   * when the columns are settled (the upload's own request waits for it).
   */
  const runHeld = async (row: ImportRow, token: string, heartbeat: NodeJS.Timeout, lost: AbortController, opened?: { resolve: () => void; reject: (e: unknown) => void }): Promise<void> => {
    const { workspaceId, id } = row;
    const signal = AbortSignal.any([stop.signal, lost.signal]);
    let isOpen = false;
    try {
      if (row.uploadChunks === null) {
        // Its run died while the file was arriving: there is no whole file to resume from.
        await finishImport(db, workspaceId, id, { status: 'interrupted', error: reasonOf({ key: 'import.interrupted-by-restart' }), token, now: clock.now() });
        return;
      }
      if (row.resumes > maxResumesWithoutProgress) {
        // Resumed that many times without one chunk committed: it takes its process down with it (ADR 0311).
        await finishImport(db, workspaceId, id, { status: 'failed', error: reasonOf({ key: 'import.crashed-repeatedly', params: { count: maxResumesWithoutProgress + 1 } }), token, now: clock.now() });
        o.logger?.warn('import.crashed-repeatedly', { workspaceId, importId: id, resumes: row.resumes - 1 });
        return;
      }
      const resumed = row.lastLine > 0;
      if (resumed) o.logger?.info('import.resumed', { workspaceId, importId: id, afterLine: row.lastLine });
      await runImport(
        db,
        {
          workspaceId,
          kind: row.kind,
          name: row.name,
          source: storedUpload(db, row, row.uploadChunks, signal),
          format: row.format ?? undefined,
          mapping: row.mapping,
          ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
          signal,
          resume: { progress: progressOf(row), sourceId: row.sourceId },
          onOpen: async (x) => {
            await saveImportOpened(db, workspaceId, id, { ...x, now: clock.now() });
            isOpen = true;
            opened?.resolve();
          },
          withChunk: (tx, c, sourceId) =>
            saveImportChunk(tx, workspaceId, id, { ...c.progress, counts: { ...c.progress.counts }, sourceId, refusedLines: c.refused, token, now: clock.now() }),
        },
        clock,
      );
      await finishImport(db, workspaceId, id, { status: 'done', error: null, token, now: clock.now() });
    } catch (e) {
      if (lost.signal.aborted || e instanceof LeaseLostError) {
        // Another run holds the import now: it carries on from the last committed chunk.
        o.logger?.warn('import.taken-over', { workspaceId, importId: id });
      } else if (stop.signal.aborted) {
        // Stopped with the process: let go, for another process (or the next start) to resume.
        await releaseLease(db, workspaceId, id, token).catch(() => {});
      } else {
        await finishImport(db, workspaceId, id, { status: 'failed', error: reasonOfError(e), token, now: clock.now() }).catch(() => {});
        o.logger?.warn('import.failed', { workspaceId, importId: id, message: (e as Error).message });
      }
      // The upload's request is answered once the failure is stored: a read right after it sees it.
      if (!isOpen) opened?.reject(e);
    } finally {
      clearInterval(heartbeat);
    }
  };

  const track = (work: Promise<void>): void => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  /** Takes over the imports whose run stopped, while this process has room for them. */
  const sweep = async (): Promise<void> => {
    await dropEndedUploads(db);
    while (!stop.signal.aborted && running.size < concurrency) {
      const token = randomUUID();
      const row = await takeOverImport(db, { token, leaseMs });
      if (!row) return;
      const lost = new AbortController();
      track(runHeld(row, token, holdLease(row, token, lost), lost));
    }
  };

  const accept: ImportRunner['accept'] = async (workspaceId, id, body, a) => {
    if (stop.signal.aborted) throw fail('import.server-stopping');
    const token = randomUUID();
    const claimed = isUuid(id) ? await claimImport(db, workspaceId, id, { token, leaseMs, now: clock.now() }) : null;
    if (!claimed) {
      if (isUuid(id) && (await findImport(db, workspaceId, id))) throw fail('import.file-already-sent');
      throw fail('import.not-found');
    }
    const lost = new AbortController();
    const heartbeat = holdLease(claimed, token, lost);
    // Stored as it arrives, a piece at a time: memory holds one piece, and the upload waits for each write.
    let bytes = 0;
    let pieces = 0;
    try {
      let piece: Buffer[] = [];
      let pieceSize = 0;
      const store = async () => {
        await saveUploadPiece(db, workspaceId, id, pieces, Buffer.concat(piece, pieceSize));
        pieces++;
        piece = [];
        pieceSize = 0;
      };
      for await (const b of bounded(body, a.maxBytes)) {
        for (let at = 0; at < b.byteLength; ) {
          const part = b.subarray(at, at + uploadPieceBytes - pieceSize);
          piece.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
          pieceSize += part.byteLength;
          bytes += part.byteLength;
          at += part.byteLength;
          if (pieceSize === uploadPieceBytes) await store();
        }
      }
      if (pieceSize > 0 || pieces === 0) await store();
    } catch (e) {
      clearInterval(heartbeat);
      const tooLarge = isAppError(e) && e.code === 'payload-too-large';
      await finishImport(db, workspaceId, id, {
        status: tooLarge ? 'failed' : 'interrupted',
        error: tooLarge ? reasonOfError(e) : reasonOf({ key: 'import.upload-cut' }),
        token,
        now: clock.now(),
      }).catch(() => {});
      throw e;
    }
    await saveImportReceived(db, workspaceId, id, { bytes, pieces, now: clock.now() });
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const opened = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    track(runHeld({ ...claimed, uploadChunks: pieces, bytesTotal: bytes }, token, heartbeat, lost, { resolve, reject }));
    await opened;
    return readImport(db, workspaceId, id, clock);
  };

  return {
    accept,
    start: () => {
      if (sweeper || stop.signal.aborted) return;
      const tick = () => {
        sweep().catch((e: unknown) => o.logger?.warn('import.sweep-failed', { message: (e as Error).message }));
      };
      sweeper = setInterval(tick, o.sweepMs ?? 5000);
      sweeper.unref();
      tick();
    },
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    close: async () => {
      clearInterval(sweeper);
      stop.abort();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
};

/**
 * The followed imports of a `serve` or `worker` process, started: on PGlite, whose data directory
 * only this process opens, the imports a previous run left are resumed at once rather than after
 * their lease; then this process takes over, from now on, any import whose run stopped.
 */
export const startImports = async (database: Database, o: { clock: Clock; logger: Logger; dataDir: string; leaseMs: number }): Promise<ImportRunner> => {
  if (database.kind === 'pglite') await releaseAllLeases(database.db);
  // Uploads spooled to the data directory by a version before ADR 0290: their imports were marked
  // interrupted by the sweep (their upload is not in the database), the files are of no use.
  await rm(join(o.dataDir, 'import-uploads'), { recursive: true, force: true });
  const runner = createImportRunner({ db: database.db, clock: o.clock, logger: o.logger, leaseMs: o.leaseMs });
  runner.start();
  return runner;
};

const csvCell = (s: string): string => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The refused lines of an import as CSV (`line,reason`, or `item,reason`), read a page at a time, the reasons in `locale`. */
export async function* refusalsCsv(db: Db, workspaceId: string, id: string, locale: Locale): AsyncGenerator<string> {
  const row = isUuid(id) ? await findImport(db, workspaceId, id) : null;
  if (!row) throw fail('import.not-found');
  yield `${row.unit},reason\n`;
  let after = 0;
  for (;;) {
    const page = await listImportRefusals(db, workspaceId, id, { afterLine: after, limit: 2000 });
    if (page.length === 0) return;
    yield page.map((r) => `${r.line},${csvCell(renderReason(r.reason, locale))}\n`).join('');
    after = page[page.length - 1]?.line ?? after;
  }
}
