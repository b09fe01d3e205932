import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { compileQueries, matchLines } from '../../app/match-posts.ts';
import type { Command, Io } from '../io.ts';
import { writeOutcomes } from '../json-lines-output.ts';

const HELP = `Usage: relais match --queries FILE [--locale fr|en] < posts.jsonl

FILE is a JSON array [{"id", "query"}] of queries in the relais query language.
Reads JSON lines {"id", "text", "lang"?, "source"?, "author"?, "url"?} on stdin (the language is
detected when "lang" is absent) and writes one line per input, in order:
  {"id", "matches": [ids of the matching queries, sorted]}

An invalid query stops before any post is read: exit status 2, with the query id and the position.
A bad input line is reported on stderr with its line number and skipped; the exit status is then 1.
Messages about queries are in French with --locale fr (default: from LC_ALL, LC_MESSAGES or LANG).
`;

const localeOf = (io: Io, option: string | undefined): 'fr' | 'en' => {
  if (option !== undefined) {
    if (option !== 'fr' && option !== 'en') throw new AppError('bad-request', `--locale must be fr or en, not "${option}"`);
    return option;
  }
  const env = io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG || '';
  return env.toLowerCase().startsWith('fr') ? 'fr' : 'en';
};

export const run: Command = async (args, io) => {
  let values: { help?: boolean | undefined; queries?: string | undefined; locale?: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, queries: { type: 'string', short: 'q' }, locale: { type: 'string' } },
    }));
  } catch (e) {
    throw new AppError('bad-request', `${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!values.queries) throw new AppError('bad-request', `--queries FILE is required\n\n${HELP}`);
  const locale = localeOf(io, values.locale);
  let json: string;
  try {
    json = await readFile(resolve(io.cwd, values.queries), 'utf8');
  } catch (e) {
    throw new AppError('bad-request', `cannot read the query file ${values.queries}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const queries = compileQueries(json, locale);

  // The line iterator pauses stdin while we are busy, and writes wait for stdout to drain.
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  return writeOutcomes('match', matchLines(queries, lines), io);
};
