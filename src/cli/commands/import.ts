import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importPeople, peopleFields } from '../../app/import/import-people.ts';
import { importPosts } from '../../app/import/import-posts.ts';
import { parseMapping } from '../../app/import/mapping.ts';
import { resolveWorkspace } from '../../app/workspaces/resolve.ts';
import { systemClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { EXIT_USAGE, type Command } from '../io.ts';
import { openConfiguredDatabase } from '../database.ts';

const help = `Usage: relais import FILE --workspace WORKSPACE [--kind posts|people] [--map field=column,…] [--format csv|json]

Imports a CSV (header row; , ; or tab) or JSON (array or JSON Lines) file into a
workspace. Valid lines are stored; every refused line is listed with its number
and reason, and the exit status is then 1. Importing the same file again stores
nothing twice.

  --workspace  the workspace's id, name or slug (e.g. "Atelier Léa" or atelier-lea)
  --kind       posts (default): through the same pipeline as the feeds (duplicates
               skipped, language, sentiment, the workspace's queries);
               people: people and their handles; someone already known by one
               of their handles is updated, never duplicated
  --map        field=column pairs (unmapped fields are guessed from usual column names)
               posts:  text, author, date, url, id, network, title (text is required)
               people: name, handles, network, handle, profile_url, bio, tags, roles,
                       notes, and one column per network: ${peopleFields.slice(9).join(', ')}
                       (at least one handle is required; roles: customer, prospect,
                       relay, leader, partner, press, competitor)
  --format     csv or json (default: from the file name, then the content)
  --quiet      no progress on stderr
`;

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      kind: { type: 'string' },
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
  const kind = values.kind ?? 'posts';
  if (kind !== 'posts' && kind !== 'people') throw new AppError('bad-request', `--kind: expected posts or people, not "${kind}"`);
  const given = values.format;
  if (given !== undefined && given !== 'csv' && given !== 'json') throw new AppError('bad-request', `--format: expected csv or json, not "${given}"`);
  const format: 'csv' | 'json' | undefined = given === 'csv' || given === 'json' ? given : undefined;
  const peopleMapping = parseMapping(values.map ?? '', peopleFields);
  const postsMapping = parseMapping(values.map ?? '');
  const mappingError = kind === 'people' ? ('error' in peopleMapping ? peopleMapping.error : undefined) : 'error' in postsMapping ? postsMapping.error : undefined;
  if (mappingError !== undefined) throw new AppError('bad-request', `--map: ${mappingError}`);
  let content: string;
  try {
    content = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new AppError('bad-request', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const database = await openConfiguredDatabase(io, 'import');
  try {
    const workspace = await resolveWorkspace(database.db, values.workspace);
    let lastShown = 0;
    const onProgress = (done: number, total: number) => {
      if (values.quiet || (done < total && done - lastShown < 5000)) return;
      lastShown = done;
      io.stderr.write(`  ${done}/${total} ${kind}\n`);
    };
    const common = { workspaceId: workspace.id, name: basename(file), content, onProgress, ...(format ? { format } : {}) };
    if (kind === 'people' && !('error' in peopleMapping)) {
      const report = await importPeople(database.db, { ...common, mapping: peopleMapping }, systemClock);
      for (const p of report.refused) io.stdout.write(`${report.unit} ${p.line}: refused: ${p.reason}\n`);
      io.stdout.write(
        `${report.records} ${report.unit === 'line' ? 'records' : 'items'} read: ${report.created} people added, ${report.merged} updated, ` +
          `${report.unchanged} already up to date, ${report.refused.length} refused.\n`,
      );
      return report.refused.length > 0 ? 1 : 0;
    }
    if ('error' in postsMapping) throw new AppError('bad-request', `--map: ${postsMapping.error}`);
    const report = await importPosts(database.db, { ...common, mapping: postsMapping }, systemClock);
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
