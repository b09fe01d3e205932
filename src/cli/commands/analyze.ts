import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { analyzeLines } from '../../app/analyze.ts';
import type { Command } from '../io.ts';
import { writeOutcomes } from '../json-lines-output.ts';

const HELP = `Usage: relais analyze < posts.jsonl

Reads JSON lines {"id", "text"} (optionally "lang": a declared language used as a hint) on stdin and
writes one line per input, in order:
  {"id", "lang": "fr"|"en"|…|"und", "sentiment": {"label": "positive"|"neutral"|"negative", "score": -1..1}}

A bad line (not JSON, no "id" or no "text") is reported on stderr with its line number and skipped;
the other lines are still written, in order, and the exit status is then 1.
`;

export const run: Command = async (args, io) => {
  let values: { help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw new AppError('bad-request', `${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  return writeOutcomes('analyze', analyzeLines(lines), io);
};
