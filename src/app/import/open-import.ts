import { fail, failure } from '../../core/errors.ts';
import type { MappingError } from './mapping.ts';
import { isUuid } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import { findWorkspace } from '../../storage/workspaces.repo.ts';
import { guessFormat, readRecords, type ImportFormat, type ReadRecords } from './records.ts';

/**
 * The first steps every import shares (posts, people): the workspace exists, the file reads as
 * records, and the column mapping resolves against its columns. A file whose every record is
 * unreadable names its first problem rather than a mapping it could not check.
 */
export const openImport = async <M>(
  db: Db,
  input: { readonly workspaceId: string; readonly name: string; readonly content: string; readonly format?: ImportFormat | undefined },
  resolve: (columns: readonly string[]) => M | MappingError,
): Promise<{ format: ImportFormat; read: ReadRecords; mapping: M }> => {
  if (!isUuid(input.workspaceId) || !(await findWorkspace(db, input.workspaceId))) throw fail('workspace.not-found');
  const format = input.format ?? guessFormat(input.name, input.content);
  const read = readRecords(input.content, format);
  const mapping = resolve(read.columns);
  if (typeof mapping === 'object' && mapping !== null && 'error' in mapping) {
    if (read.records.length === 0 && read.problems.length > 0) {
      const first = read.problems[0];
      throw fail(format === 'json' ? 'import.unreadable-json' : 'import.unreadable-csv', { line: first?.line ?? 1 }, { message: `${read.unit} ${first?.line}: ${first?.reason}` });
    }
    throw failure((mapping as MappingError).problem, { message: (mapping as MappingError).error });
  }
  return { format, read, mapping: mapping as M };
};
