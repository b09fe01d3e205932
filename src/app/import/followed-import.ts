import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { reasonOf, renderReason, type StoredReason } from '../../core/messages.ts';
import type { Locale } from '../../core/user.ts';
import { fail, isAppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import {
  claimImport, finishImport, findImport, insertImport, interruptImports, listImportRefusals, listImports, saveImportChunk, saveImportOpened, saveImportReceived,
  touchImport, type ImportRow,
} from '../../storage/imports.repo.ts';
import type { ByteSource } from './record-stream.ts';
import type { ImportFormat } from './records.ts';
import { runImport, type ImportKind } from './run-import.ts';

/**
 * Imports followed from the web (ADR 0200, 0250): created first (kind, name, size, mapping),
 * then the file is sent as the body of one upload request, which the receiving process spools
 * to its data directory and then reads in the background, saving chunk by chunk and writing
 * each chunk's counts and refused lines in its transaction. Any process (another replica, the
 * same one) answers the progress from the database. An upload cut short, or a process gone,
 * leaves an import that reads as interrupted: every count in it is committed, and sending the
 * same file again finishes it.
 */
export const heartbeatMs = 10_000;
/** A running import whose heartbeat is older than this lost its upload or its process. */
export const staleAfterMs = 60_000;
/** Refused lines returned with an import's state; the CSV report has them all. */
export const refusedShown = 200;

export interface ImportState extends ImportRow {
  readonly refusedLines: readonly { readonly line: number; readonly reason: StoredReason }[];
}

const stale = (row: ImportRow, now: Date): ImportRow =>
  row.status === 'running' && now.getTime() - row.updatedAt.getTime() > staleAfterMs
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

/** The folder of the data directory where a process spools the uploads it imports. */
export const importSpoolDir = (dataDir: string): string => join(dataDir, 'import-uploads');

const spoolSuffix = '.upload';
/** A spooled upload is named after its workspace and import, so that a restart knows what it was. */
const spoolName = (workspaceId: string, id: string): string => `${workspaceId}.${id}${spoolSuffix}`;

/** Why an import stopped, kept with it: its key when the failure has one (ADR 0250). */
const reasonOfError = (e: unknown): StoredReason => {
  if (isAppError(e) && e.problems[0]) return { text: e.message, problem: e.problems[0] };
  return reasonOf({ key: 'import.stopped', params: { detail: ((e as Error).message ?? String(e)).slice(0, 300) } });
};

export interface ImportRunnerOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Where uploads are spooled: a folder of the data directory, on this machine. */
  readonly spoolDir: string;
  readonly logger?: Logger | undefined;
  /** Records per chunk (tests make it small to stop an import half-way). */
  readonly chunkSize?: number | undefined;
}

/**
 * The followed imports of one serve process (ADR 0250). An upload is written to a file of the
 * data directory as fast as it arrives (bounded by `maxBytes`), then read from there in the
 * background of this process, so that the import goes on when the browser is closed. `accept`
 * answers once the file is received and its columns settled; a file that cannot be imported at
 * all is still refused there (400), before anything is saved.
 */
export interface ImportRunner {
  accept(workspaceId: string, id: string, body: ByteSource, o: { readonly maxBytes: number }): Promise<ImportState>;
  /** Resolves when no import is running in this process. */
  idle(): Promise<void>;
  /**
   * Stops the imports of this process where they are, as a crash would: each keeps its
   * committed counts and its spooled file, and `recoverImports` marks it interrupted at the next start.
   */
  close(): Promise<void>;
}

export const createImportRunner = (o: ImportRunnerOptions): ImportRunner => {
  const { db, clock } = o;
  const running = new Set<Promise<void>>();
  const stop = new AbortController();

  const runInBackground = async (
    workspaceId: string,
    id: string,
    claimed: ImportRow,
    path: string,
    opened: { resolve: () => void; reject: (e: unknown) => void },
    heartbeat: NodeJS.Timeout,
  ): Promise<void> => {
    let isOpen = false;
    try {
      await runImport(
        db,
        {
          workspaceId,
          kind: claimed.kind,
          name: claimed.name,
          source: createReadStream(path, { signal: stop.signal }),
          format: claimed.format ?? undefined,
          mapping: claimed.mapping,
          ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
          onOpen: async (x) => {
            await saveImportOpened(db, workspaceId, id, { ...x, now: clock.now() });
            isOpen = true;
            opened.resolve();
          },
          withChunk: (tx, c, sourceId) =>
            saveImportChunk(tx, workspaceId, id, { ...c.progress, counts: { ...c.progress.counts }, sourceId, refusedLines: c.refused, now: clock.now() }),
        },
        clock,
      );
      await finishImport(db, workspaceId, id, { status: 'done', error: null, now: clock.now() });
    } catch (e) {
      // Stopped with the process: left running with its file, for the next start to see.
      if (stop.signal.aborted) {
        if (!isOpen) opened.reject(e);
        return;
      }
      await finishImport(db, workspaceId, id, { status: 'failed', error: reasonOfError(e), now: clock.now() }).catch(() => {});
      o.logger?.warn('import.failed', { workspaceId, importId: id, message: (e as Error).message });
      if (!isOpen) opened.reject(e);
    } finally {
      clearInterval(heartbeat);
    }
    await rm(path, { force: true }).catch(() => {});
  };

  const accept: ImportRunner['accept'] = async (workspaceId, id, body, a) => {
    if (stop.signal.aborted) throw fail('import.server-stopping');
    const claimed = isUuid(id) ? await claimImport(db, workspaceId, id, clock.now()) : null;
    if (!claimed) {
      if (isUuid(id) && (await findImport(db, workspaceId, id))) throw fail('import.file-already-sent');
      throw fail('import.not-found');
    }
    const heartbeat = setInterval(() => {
      touchImport(db, workspaceId, id, clock.now()).catch(() => {});
    }, heartbeatMs);
    heartbeat.unref();
    await mkdir(o.spoolDir, { recursive: true });
    const path = join(o.spoolDir, spoolName(workspaceId, id));
    try {
      await pipeline(Readable.from(bounded(body, a.maxBytes)), createWriteStream(path));
    } catch (e) {
      clearInterval(heartbeat);
      await rm(path, { force: true });
      const tooLarge = isAppError(e) && e.code === 'payload-too-large';
      await finishImport(db, workspaceId, id, {
        status: tooLarge ? 'failed' : 'interrupted',
        error: tooLarge ? reasonOfError(e) : reasonOf({ key: 'import.upload-cut' }),
        now: clock.now(),
      }).catch(() => {});
      throw e;
    }
    const { size } = await stat(path);
    await saveImportReceived(db, workspaceId, id, size, clock.now());
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const opened = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const work = runInBackground(workspaceId, id, claimed, path, { resolve, reject }, heartbeat);
    running.add(work);
    void work.finally(() => running.delete(work));
    await opened;
    return readImport(db, workspaceId, id, clock);
  };

  return {
    accept,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    close: async () => {
      stop.abort();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
};

/**
 * At the start of a process: the uploads it left in its spool folder are imports it was running
 * when it stopped. Each is marked interrupted (its counts are what its committed chunks hold)
 * and its file removed; importing the same file again finishes it without duplicates.
 */
export const recoverImports = async (db: Db, spoolDir: string, clock: Clock): Promise<number> => {
  let names: string[];
  try {
    names = await readdir(spoolDir);
  } catch {
    return 0;
  }
  let marked = 0;
  for (const name of names.filter((n) => n.endsWith(spoolSuffix))) {
    const [workspaceId, id] = name.slice(0, -spoolSuffix.length).split('.');
    if (workspaceId && id && isUuid(workspaceId) && isUuid(id)) {
      marked += await interruptImports(db, workspaceId, [id], reasonOf({ key: 'import.interrupted-by-restart' }), clock.now());
    }
    await rm(join(spoolDir, name), { force: true });
  }
  return marked;
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
