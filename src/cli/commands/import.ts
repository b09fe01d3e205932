import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importPosts } from '../../app/import/import-posts.ts';
import { parseMapping } from '../../app/import/mapping.ts';
import { systemClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { EXIT_USAGE, type Command } from '../io.ts';
import { openConfiguredDatabase } from '../database.ts';

const help = `Usage: relais import FILE --workspace ID [--map text=body,author=user,…] [--format csv|json]

Imports a CSV (header row; , ; or tab) or JSON (array or JSON Lines) file of
posts into a workspace, through the same pipeline as the feeds: duplicates
skipped, language, sentiment and the workspace's queries. Valid lines are
stored; every refused line is listed with its number and reason, and the exit
status is then 1. Importing the same file again stores nothing twice.

  --map      field=column pairs; fields: text, author, date, url, id, network, title
             (unmapped fields are guessed from usual column names; text is required)
  --format   csv or json (default: from the file name, then the content)
  --quiet    no progress on stderr
`;

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      map: { type: 'string' },
      format: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(help);
    return 0;
  }
  const file = positionals[0];
  if (!file || !values.workspace) {
    io.stderr.write(help);
    return EXIT_USAGE;
  }
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'json') throw new AppError('bad-request', `--format: expected csv or json, not "${values.format}"`);
  const mapping = parseMapping(values.map ?? '');
  if ('error' in mapping) throw new AppError('bad-request', `--map: ${mapping.error}`);
  let content: string;
  try {
    content = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new AppError('bad-request', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const database = await openConfiguredDatabase(io, 'import');
  try {
    let lastShown = 0;
    const report = await importPosts(
      database.db,
      {
        workspaceId: values.workspace,
        name: basename(file),
        content,
        mapping,
        ...(values.format ? { format: values.format } : {}),
        onProgress: (done, total) => {
          if (values.quiet || (done < total && done - lastShown < 5000)) return;
          lastShown = done;
          io.stderr.write(`  ${done}/${total} posts\n`);
        },
      },
      systemClock,
    );
    for (const p of report.refused) io.stdout.write(`${report.unit} ${p.line}: refused: ${p.reason}\n`);
    io.stdout.write(
      `${report.records} ${report.unit === 'line' ? 'records' : 'items'} read: ${report.stored} stored, ${report.duplicates} already there, ${report.refused.length} refused` +
        `${report.nearDuplicates > 0 ? `, ${report.nearDuplicates} flagged as near duplicates` : ''}.\n`,
    );
    return report.refused.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
};
