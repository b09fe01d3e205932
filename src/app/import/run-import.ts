import type { Clock } from '../../core/clock.ts';
import { fail, failure } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { MentionDraft } from '../../core/mention.ts';
import type { PersonDraft } from '../../core/person.ts';
import type { Db } from '../../storage/db.ts';
import { savePeople } from '../../storage/people.repo.ts';
import { insertSource, listSources, recordSourceSuccess } from '../../storage/sources.repo.ts';
import { findWorkspace } from '../../storage/workspaces.repo.ts';
import { storeDrafts } from '../ingest/store-drafts.ts';
import { blueskyAuthorsOf } from '../ingest/bluesky-authors.ts';
import { saveHandleHints } from '../../storage/bluesky-identities.repo.ts';
import { resolvePeopleMapping, toPersonDraft, type PeopleMapping } from './people-mapping.ts';
import { resolveMapping, toDraft, type ColumnMapping } from './mapping.ts';
import { openRecordStream, type ByteSource, type StreamItem } from './record-stream.ts';
import { refusal, type ImportFormat, type RawRecord, type RecordProblem } from './records.ts';

/**
 * One import of a file of posts or people, read as a stream and saved chunk by chunk (ADR 0200).
 *
 * Semantics: records are read in file order and settled in chunks of `chunkSize`; each chunk is
 * one transaction holding its saved records and, through `withChunk`, the caller's bookkeeping
 * (progress, refused lines). Every valid record is saved; every other one is refused with its
 * line and reason (ADR 0063). A failure (the database, the upload cut) stops the import after
 * the last committed chunk: what precedes it is saved and reported, nothing after it is, and
 * importing the same file again stores nothing twice (posts by id or content hash, people by
 * handle), so it finishes the job.
 */
export type ImportKind = 'posts' | 'people';

export interface ImportCounts {
  /** Posts: new mentions, already stored ones, near duplicates of recent ones. */
  readonly stored: number;
  readonly duplicates: number;
  readonly nearDuplicates: number;
  /** People: new, updated, named again with nothing new. */
  readonly created: number;
  readonly merged: number;
  readonly unchanged: number;
}

export const noCounts: ImportCounts = { stored: 0, duplicates: 0, nearDuplicates: 0, created: 0, merged: 0, unchanged: 0 };

export interface ImportProgress {
  /** Bytes of the file consumed by the reader. */
  readonly bytesRead: number;
  /** Records read, valid or not (lines that could not be read count too). */
  readonly records: number;
  readonly refused: number;
  /** The last line (or item) settled: everything up to it is saved or refused. */
  readonly lastLine: number;
  readonly counts: ImportCounts;
}

export interface ImportChunk {
  /** This chunk's refused records, in file order. */
  readonly refused: readonly RecordProblem[];
  /** Totals once this chunk is committed. */
  readonly progress: ImportProgress;
}

export interface OpenedImport {
  readonly format: ImportFormat;
  readonly unit: 'line' | 'item';
  readonly mapping: Readonly<Record<string, string>>;
}

export interface RunImportInput {
  readonly workspaceId: string;
  readonly kind: ImportKind;
  /** File name: format guess, and the import source's name for posts. */
  readonly name: string;
  readonly source: ByteSource;
  readonly format?: ImportFormat | undefined;
  readonly mapping?: Readonly<Record<string, string>> | undefined;
  /** Records per chunk (one transaction each). */
  readonly chunkSize?: number;
  /** The format and mapping are settled, before anything is saved. */
  readonly onOpen?: (opened: OpenedImport) => Promise<void>;
  /** Inside each chunk's transaction (after its records are saved): write what must be committed with them. */
  readonly withChunk?: (tx: Db, chunk: ImportChunk, sourceId: string | null) => Promise<void>;
  /** After each committed chunk. */
  readonly onChunk?: (chunk: ImportChunk) => void;
  /**
   * Where an earlier run of the same file stopped (ADR 0290): the records up to its last settled
   * line are committed with these counts, so they are read past, neither saved nor counted again.
   */
  readonly resume?: { readonly progress: ImportProgress; readonly sourceId: string | null } | undefined;
  /** Stops the import before its next chunk is saved. */
  readonly signal?: AbortSignal | undefined;
}

export interface ImportOutcome extends OpenedImport {
  /** Posts: the `import` source the mentions hang off (null when nothing was valid). */
  readonly sourceId: string | null;
  readonly progress: ImportProgress;
}

export const defaultChunkSize = 500;
/** A chunk is also closed after this long, so progress moves on a slow upload. */
const chunkMs = 1000;
/** Records looked at before settling the mapping (JSON columns are the keys they use). */
const headRecords = 100;

export const runImport = async (db: Db, input: RunImportInput, clock: Clock): Promise<ImportOutcome> => {
  if (!isUuid(input.workspaceId) || !(await findWorkspace(db, input.workspaceId))) throw fail('workspace.not-found');
  const stream = await openRecordStream(input.source, { name: input.name, format: input.format });
  const iterator = stream.items;
  const head: StreamItem[] = [];
  let headCount = 0;
  while (headCount < headRecords) {
    const n = await iterator.next();
    if (n.done) break;
    head.push(n.value);
    if ('record' in n.value) headCount++;
  }
  const columns = stream.format === 'csv' ? stream.columns() : [...new Set(head.flatMap((i) => ('record' in i ? Object.keys(i.record.fields) : [])))];
  const resolved = input.kind === 'posts' ? resolveMapping(columns, (input.mapping ?? {}) as ColumnMapping) : resolvePeopleMapping(columns, (input.mapping ?? {}) as PeopleMapping);
  if ('error' in resolved) {
    await iterator.return(undefined);
    // A file whose start is all unreadable names its first problem, not a mapping it could not check.
    const first = head.find((i): i is { problem: RecordProblem } => 'problem' in i);
    if (headCount === 0 && first) {
      throw fail(stream.format === 'json' ? 'import.unreadable-json' : 'import.unreadable-csv', { line: first.problem.line }, { message: `${stream.unit} ${first.problem.line}: ${first.problem.reason}` });
    }
    throw failure(resolved.problem, { message: resolved.error });
  }
  const mapping = resolved as Record<string, string>;
  const opened: OpenedImport = { format: stream.format, unit: stream.unit, mapping };
  await input.onOpen?.(opened);

  const chunkSize = input.chunkSize ?? defaultChunkSize;
  const importedAt = clock.now();
  let sourceId: string | null = input.resume?.sourceId ?? null;
  let progress: ImportProgress = input.resume?.progress ?? { bytesRead: 0, records: 0, refused: 0, lastLine: 0, counts: noCounts };
  /** Lines up to this one were settled by an earlier run. */
  const settledBefore = progress.lastLine;
  let refused: RecordProblem[] = [];
  let posts: MentionDraft[] = [];
  let people: { draft: PersonDraft; line: number }[] = [];
  let read = progress.records;
  let lastLine = progress.lastLine;
  let chunkStarted = Date.now();

  const flush = async (): Promise<void> => {
    input.signal?.throwIfAborted();
    const chunkRefused = refused;
    const chunkPosts = posts;
    const chunkPeople = people;
    refused = [];
    posts = [];
    people = [];
    const base = { bytesRead: stream.bytesRead(), records: read, lastLine };
    const settle = (counts: ImportCounts, extra: readonly RecordProblem[]): ImportChunk => {
      const all = extra.length > 0 ? [...chunkRefused, ...extra].sort((a, b) => a.line - b.line) : chunkRefused;
      return { refused: all, progress: { ...base, refused: progress.refused + all.length, counts } };
    };
    let chunk: ImportChunk;
    if (input.kind === 'posts' && chunkPosts.length > 0) {
      if (sourceId === null) {
        // One source per file name: importing the same file again adds to it.
        const name = `Import: ${input.name}`.slice(0, 120);
        const existing = (await listSources(db, input.workspaceId)).find((s) => s.kind === 'import' && s.name === name);
        sourceId = existing?.id ?? (await insertSource(db, input.workspaceId, { kind: 'import', name, now: importedAt })).id;
      }
      let settled: ImportChunk | null = null;
      // Bluesky posts named by their AT URI are stored by DID (mapping.ts), matched and hinted as the pulled ones are (ADR 0280).
      const authors = await blueskyAuthorsOf(db, chunkPosts);
      await storeDrafts(chunkPosts, {
        db,
        clock,
        workspaceId: input.workspaceId,
        sourceId,
        batchSize: chunkSize,
        authorAliases: authors.aliases,
        withLastBatch: async (tx, r) => {
          await saveHandleHints(tx, authors.hints, clock.now());
          const c = progress.counts;
          settled = settle({ ...c, stored: c.stored + r.stored, duplicates: c.duplicates + r.duplicates, nearDuplicates: c.nearDuplicates + r.nearDuplicates }, []);
          await input.withChunk?.(tx, settled, sourceId);
        },
      });
      chunk = settled ?? settle(progress.counts, []);
    } else if (input.kind === 'people' && chunkPeople.length > 0) {
      chunk = await db.transaction(async (tx) => {
        const outcomes = await savePeople(tx, input.workspaceId, chunkPeople.map((p) => p.draft), clock.now());
        const counts = { ...progress.counts };
        const conflicts: RecordProblem[] = [];
        outcomes.forEach((o, i) => {
          if (o.kind === 'conflict') {
            conflicts.push(refusal(chunkPeople[i]?.line ?? 0, { key: 'import.handles-conflict', params: { count: o.personIds.length, ids: o.personIds.join(', ') } }));
          } else counts[o.kind]++;
        });
        const c = settle(counts, conflicts);
        await input.withChunk?.(tx, c, null);
        return c;
      });
    } else {
      chunk = settle(progress.counts, []);
      if (input.withChunk) await db.transaction((tx) => input.withChunk?.(tx, chunk, sourceId) ?? Promise.resolve());
    }
    progress = chunk.progress;
    // The time to save does not count: a chunk closes early only when reading is slow.
    chunkStarted = Date.now();
    input.onChunk?.(chunk);
  };

  const take = async (item: StreamItem): Promise<void> => {
    if (('problem' in item ? item.problem.line : item.record.line) <= settledBefore) return;
    read++;
    if ('problem' in item) {
      refused.push(item.problem);
      lastLine = Math.max(lastLine, item.problem.line);
    } else {
      const r: RawRecord = item.record;
      lastLine = Math.max(lastLine, r.line);
      if (input.kind === 'posts') {
        const m = toDraft(r, mapping as ColumnMapping, importedAt);
        if (m.ok) posts.push(m.draft);
        else refused.push(refusal(r.line, m.problem));
      } else {
        const p = toPersonDraft(r, mapping as PeopleMapping);
        if (p.ok) people.push({ draft: p.draft, line: r.line });
        else refused.push(refusal(r.line, p.problem, p.reason));
      }
    }
    const pending = posts.length + people.length + refused.length;
    if (pending >= chunkSize || (pending > 0 && Date.now() - chunkStarted >= chunkMs)) await flush();
  };

  for (const item of head) await take(item);
  for (let n = await iterator.next(); !n.done; n = await iterator.next()) await take(n.value);
  // The last chunk, even when empty: its progress carries the whole file's bytes.
  await flush();
  if (sourceId !== null) await recordSourceSuccess(db, input.workspaceId, sourceId, clock.now());
  return { ...opened, sourceId, progress };
};

/** A file given whole (the CLI, the JSON import routes): what a whole-file input carries. */
export interface WholeFileInput {
  readonly workspaceId: string;
  readonly name: string;
  readonly content: string;
  readonly format?: ImportFormat | undefined;
  readonly mapping?: Readonly<Record<string, string>> | undefined;
  readonly chunkSize?: number | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/** Runs the import of a file given whole, and gathers every refused record in file order. */
export const importWholeFile = async (db: Db, kind: ImportKind, input: WholeFileInput, clock: Clock): Promise<{ out: ImportOutcome; refused: RecordProblem[] }> => {
  const refused: RecordProblem[] = [];
  const out = await runImport(
    db,
    {
      workspaceId: input.workspaceId,
      kind,
      name: input.name,
      source: [input.content],
      format: input.format,
      mapping: input.mapping,
      ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}),
      onChunk: (c) => {
        refused.push(...c.refused);
        input.onProgress?.(c.progress);
      },
    },
    clock,
  );
  return { out, refused };
};
