import type { Clock } from '../../core/clock.ts';
import type { MentionDraft } from '../../core/mention.ts';
import type { Db } from '../../storage/db.ts';
import { insertSource, listSources, recordSourceSuccess } from '../../storage/sources.repo.ts';
import { storeDrafts } from '../ingest/store-drafts.ts';
import { resolveMapping, toDraft, type ColumnMapping } from './mapping.ts';
import { openImport } from './open-import.ts';
import type { ImportFormat, RecordProblem } from './records.ts';

/**
 * Import of a file of posts (ADR 0063). Policy: every readable, valid record is stored (through
 * the ingest pipeline: dedup, analysis, batches); every other record is refused and listed
 * with its line and reason. Nothing is refused silently, and re-importing the same file
 * stores nothing twice. The mentions hang off one `import` source named after the file.
 */
export interface ImportInput {
  readonly workspaceId: string;
  /** File name (format guess, source name). */
  readonly name: string;
  readonly content: string;
  readonly format?: ImportFormat;
  readonly mapping?: ColumnMapping;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  readonly sourceId: string | null;
  readonly format: ImportFormat;
  readonly unit: 'line' | 'item';
  readonly mapping: ColumnMapping;
  /** Records read (valid or not). */
  readonly records: number;
  readonly stored: number;
  /** Valid, but already stored (same id) or repeated in the file. */
  readonly duplicates: number;
  readonly nearDuplicates: number;
  /** Every refused record, in file order. */
  readonly refused: readonly RecordProblem[];
}

export const importPosts = async (db: Db, input: ImportInput, clock: Clock): Promise<ImportReport> => {
  const { format, read, mapping } = await openImport<ColumnMapping>(db, input, (columns) => resolveMapping(columns, input.mapping ?? {}));
  const refused: RecordProblem[] = [...read.problems];
  const drafts: MentionDraft[] = [];
  const now = clock.now();
  for (const r of read.records) {
    const m = toDraft(r, mapping, now);
    if (m.ok) drafts.push(m.draft);
    else refused.push({ line: r.line, reason: m.reason });
  }
  refused.sort((a, b) => a.line - b.line);
  let sourceId: string | null = null;
  let report = { stored: 0, duplicates: 0, nearDuplicates: 0 };
  if (drafts.length > 0) {
    // One source per file name: importing the same file again adds to it.
    const name = `Import: ${input.name}`.slice(0, 120);
    const existing = (await listSources(db, input.workspaceId)).find((s) => s.kind === 'import' && s.name === name);
    sourceId = existing?.id ?? (await insertSource(db, input.workspaceId, { kind: 'import', name, now })).id;
    report = await storeDrafts(drafts, {
      db,
      clock,
      workspaceId: input.workspaceId,
      sourceId,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    await recordSourceSuccess(db, input.workspaceId, sourceId, clock.now());
  }
  return { sourceId, format, unit: read.unit, mapping, records: read.records.length + read.problems.length, ...report, refused };
};
