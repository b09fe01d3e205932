import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import type { ColumnMapping } from './mapping.ts';
import type { ImportFormat, RecordProblem } from './records.ts';
import { importWholeFile, type ImportProgress } from './run-import.ts';

/**
 * Import of a file of posts given whole (ADR 0063, 0200). Policy: every readable, valid record is
 * stored (through the ingest pipeline: dedup, analysis, batches); every other record is refused
 * and listed with its line and reason. Nothing is refused silently, and re-importing the same
 * file stores nothing twice. The mentions hang off one `import` source named after the file.
 */
export interface ImportInput {
  readonly workspaceId: string;
  /** File name (format guess, source name). */
  readonly name: string;
  readonly content: string;
  readonly format?: ImportFormat;
  readonly mapping?: ColumnMapping;
  readonly chunkSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
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
  const { out, refused } = await importWholeFile(db, 'posts', input, clock);
  const { stored, duplicates, nearDuplicates } = out.progress.counts;
  return { sourceId: out.sourceId, format: out.format, unit: out.unit, mapping: out.mapping as ColumnMapping, records: out.progress.records, stored, duplicates, nearDuplicates, refused };
};
