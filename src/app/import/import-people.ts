import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import type { PeopleMapping } from './people-mapping.ts';
import type { ImportFormat, RecordProblem } from './records.ts';
import { importWholeFile, type ImportProgress } from './run-import.ts';

export { peopleFields, resolvePeopleMapping, toPersonDraft, type MappedPerson, type PeopleField, type PeopleMapping } from './people-mapping.ts';

/**
 * Import of a file of people given whole (ADR 0172), with the policy of post imports (ADR 0063):
 * every valid record is saved, every other one is refused with its line and reason, and nothing
 * is refused silently. People are saved in chunks, one transaction each, in file order (ADR 0200).
 * A person is known by their handles: a record whose network handle is already in the
 * workspace merges into that person (its values win, tags and roles are added), so importing
 * the same file again, or a file naming someone twice, never duplicates anyone.
 */
export interface PeopleImportInput {
  readonly workspaceId: string;
  /** File name (format guess). */
  readonly name: string;
  readonly content: string;
  readonly format?: ImportFormat;
  readonly mapping?: PeopleMapping;
  readonly chunkSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface PeopleImportReport {
  readonly format: ImportFormat;
  readonly unit: 'line' | 'item';
  readonly mapping: PeopleMapping;
  /** Records read (valid or not). */
  readonly records: number;
  readonly created: number;
  /** Records that named someone already known (by a handle) and changed them. */
  readonly merged: number;
  /** Records that named someone already known and brought nothing new. */
  readonly unchanged: number;
  /** Every refused record, in file order. */
  readonly refused: readonly RecordProblem[];
}

export const importPeople = async (db: Db, input: PeopleImportInput, clock: Clock): Promise<PeopleImportReport> => {
  const { out, refused } = await importWholeFile(db, 'people', input, clock);
  const { created, merged, unchanged } = out.progress.counts;
  return { format: out.format, unit: out.unit, mapping: out.mapping as PeopleMapping, records: out.progress.records, created, merged, unchanged, refused };
};
