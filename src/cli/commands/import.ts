import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { peopleFields } from '../../app/import/people-mapping.ts';
import { runImport, type ImportProgress } from '../../app/import/run-import.ts';
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
  --quiet      no progress on stderr (shown only when stderr is a terminal)
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
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new AppError('bad-request', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const database = await openConfiguredDatabase(io, 'import');
  try {
    const workspace = await resolveWorkspace(database.db, values.workspace);
    // Progress only for a person watching a terminal: stdout and redirected stderr stay as they were.
    const tty = !values.quiet && (io.stderr as { isTTY?: boolean }).isTTY === true;
    let shownAt = 0;
    const shown = (p: ImportProgress, last: boolean) => {
      if (!tty || (!last && Date.now() - shownAt < 200)) return;
      shownAt = Date.now();
      const percent = size > 0 ? Math.floor((100 * p.bytesRead) / size) : 100;
      const saved = kind === 'people' ? p.counts.created + p.counts.merged + p.counts.unchanged : p.counts.stored + p.counts.duplicates;
      io.stderr.write(`\r  ${percent} % · ${p.records} read · ${saved} ${kind === 'people' ? 'saved' : 'stored or already there'} · ${p.refused} refused${last ? '\n' : ''}`);
    };
    const mapping = kind === 'people' ? peopleMapping : postsMapping;
    if ('error' in mapping) throw new AppError('bad-request', `--map: ${mapping.error}`);
    let latest: ImportProgress | null = null;
    let unit = 'line';
    const out = await runImport(
      database.db,
      {
        workspaceId: workspace.id,
        kind,
        name: basename(file),
        source: createReadStream(path),
        format,
        mapping,
        onOpen: async (o) => {
          unit = o.unit;
        },
        onChunk: (c) => {
          // Refused lines as they come, in file order: a huge file never holds its report in memory.
          for (const p of c.refused) io.stdout.write(`${unit} ${p.line}: refused: ${p.reason}\n`);
          latest = c.progress;
          shown(c.progress, false);
        },
      },
      systemClock,
    );
    if (latest) shown(latest, true);
    const { progress: p } = out;
    const read = `${p.records} ${out.unit === 'line' ? 'records' : 'items'} read`;
    if (kind === 'people') {
      io.stdout.write(`${read}: ${p.counts.created} people added, ${p.counts.merged} updated, ${p.counts.unchanged} already up to date, ${p.refused} refused.\n`);
    } else {
      io.stdout.write(
        `${read}: ${p.counts.stored} stored, ${p.counts.duplicates} already there, ${p.refused} refused` +
          `${p.counts.nearDuplicates > 0 ? `, ${p.counts.nearDuplicates} flagged as near duplicates` : ''}.\n`,
      );
    }
    return p.refused > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
};
