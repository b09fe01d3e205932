import type { Clock } from '../../core/clock.ts';
import { fail, isAppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import {
  claimImport, finishImport, findImport, insertImport, listImportRefusals, saveImportChunk, saveImportOpened, touchImport,
  type ImportRow,
} from '../../storage/imports.repo.ts';
import type { ByteSource } from './record-stream.ts';
import type { ImportFormat, RecordProblem } from './records.ts';
import { runImport, type ImportKind } from './run-import.ts';

/**
 * Imports followed from the web (ADR 0200): created first (kind, name, size, mapping), then the
 * file is sent as the body of one upload request, which the receiving process reads as a stream
 * and saves chunk by chunk, writing each chunk's counts and refused lines in its transaction.
 * Any process (another replica, the same one) answers the progress from the database while the
 * upload runs. An upload cut short, or a process gone, leaves an import that reads as
 * interrupted: every count in it is committed, and sending the same file again finishes it.
 */
export const heartbeatMs = 10_000;
/** A running import whose heartbeat is older than this lost its upload or its process. */
export const staleAfterMs = 60_000;
/** Refused lines returned with an import's state; the CSV report has them all. */
export const refusedShown = 200;

export interface ImportState extends ImportRow {
  readonly refusedLines: readonly RecordProblem[];
}

const stale = (row: ImportRow, now: Date): ImportRow =>
  row.status === 'running' && now.getTime() - row.updatedAt.getTime() > staleAfterMs
    ? { ...row, status: 'interrupted', error: row.error ?? `no news from the upload since ${row.updatedAt.toISOString()}` }
    : row;

export const createImport = (
  db: Db,
  workspaceId: string,
  i: { kind: ImportKind; name: string; format?: ImportFormat | undefined; mapping?: Readonly<Record<string, string>> | undefined; size?: number | undefined; userId: string | null },
  clock: Clock,
): Promise<ImportRow> =>
  insertImport(db, workspaceId, { kind: i.kind, name: i.name, format: i.format, mapping: { ...(i.mapping ?? {}) }, bytesTotal: i.size ?? null, createdBy: i.userId, now: clock.now() });

export const readImport = async (db: Db, workspaceId: string, id: string, clock: Clock): Promise<ImportState> => {
  const row = isUuid(id) ? await findImport(db, workspaceId, id) : null;
  if (!row) throw fail('import.not-found');
  return { ...stale(row, clock.now()), refusedLines: await listImportRefusals(db, workspaceId, id, { afterLine: 0, limit: refusedShown }) };
};

/** Counts the bytes of the upload and stops it past `maxBytes`. */
async function* bounded(body: ByteSource, maxBytes: number): AsyncGenerator<Uint8Array | string> {
  let n = 0;
  for await (const c of body) {
    n += typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength;
    if (n > maxBytes) throw fail('import.file-too-large', { bytes: maxBytes });
    yield c;
  }
}

/**
 * Reads and saves the file of a waiting import. A file that cannot be imported at all (no text
 * column, a mapping to a missing column) fails the import with that reason and is thrown as a
 * bad request; any later failure leaves the import failed or interrupted, with its counts.
 */
export const uploadImport = async (
  db: Db,
  workspaceId: string,
  id: string,
  body: ByteSource,
  clock: Clock,
  o: { readonly maxBytes: number; readonly chunkSize?: number },
): Promise<ImportState> => {
  const claimed = isUuid(id) ? await claimImport(db, workspaceId, id, clock.now()) : null;
  if (!claimed) {
    if (isUuid(id) && (await findImport(db, workspaceId, id))) throw fail('import.file-already-sent');
    throw fail('import.not-found');
  }
  const heartbeat = setInterval(() => {
    touchImport(db, workspaceId, id, clock.now()).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  let opened = false;
  try {
    await runImport(
      db,
      {
        workspaceId,
        kind: claimed.kind,
        name: claimed.name,
        source: bounded(body, o.maxBytes),
        format: claimed.format ?? undefined,
        mapping: claimed.mapping,
        ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
        onOpen: async (x) => {
          opened = true;
          await saveImportOpened(db, workspaceId, id, { ...x, now: clock.now() });
        },
        withChunk: (tx, c, sourceId) =>
          saveImportChunk(tx, workspaceId, id, { ...c.progress, counts: { ...c.progress.counts }, sourceId, refusedLines: c.refused, now: clock.now() }),
      },
      clock,
    );
    await finishImport(db, workspaceId, id, { status: 'done', error: null, now: clock.now() });
  } catch (e) {
    const message = isAppError(e) ? e.message : (e as Error).message;
    // The body stream breaks when the client goes away mid-upload.
    const cut = !isAppError(e) && /abort|terminated|premature|ECONNRESET|closed/i.test(message);
    await finishImport(db, workspaceId, id, { status: cut ? 'interrupted' : 'failed', error: message.slice(0, 500), now: clock.now() }).catch(() => {});
    // Before the first chunk nothing is saved: the request itself was wrong.
    if (!opened || (isAppError(e) && e.code === 'payload-too-large')) throw e;
  } finally {
    clearInterval(heartbeat);
  }
  return readImport(db, workspaceId, id, clock);
};

const csvCell = (s: string): string => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The refused lines of an import as CSV (`line,reason`, or `item,reason`), read a page at a time. */
export async function* refusalsCsv(db: Db, workspaceId: string, id: string): AsyncGenerator<string> {
  const row = isUuid(id) ? await findImport(db, workspaceId, id) : null;
  if (!row) throw fail('import.not-found');
  yield `${row.unit},reason\n`;
  let after = 0;
  for (;;) {
    const page = await listImportRefusals(db, workspaceId, id, { afterLine: after, limit: 2000 });
    if (page.length === 0) return;
    yield page.map((r) => `${r.line},${csvCell(r.reason)}\n`).join('');
    after = page[page.length - 1]?.line ?? after;
  }
}
