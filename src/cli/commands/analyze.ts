import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { analyzeLines } from '../../app/analyze.ts';
import { writeOut, type Command } from '../io.ts';

const HELP = `Usage: relais analyze < posts.jsonl

Reads JSON lines {"id", "text"} (optionally "lang": a declared language used as a hint) on stdin and
writes one line per input, in order:
  {"id", "lang": "fr"|"en"|…|"und", "sentiment": {"label": "positive"|"neutral"|"negative", "score": -1..1}}

A bad line (not JSON, no "id" or no "text") is reported on stderr with its line number and skipped;
the other lines are still written, in order, and the exit status is then 1.
`;

/** Output is gathered into chunks of about this size: one write per line is slow on large inputs. */
const CHUNK = 64 * 1024;

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
  let pending = '';
  let bad = 0;
  for await (const outcome of analyzeLines(lines)) {
    if (outcome.ok) {
      pending += `${JSON.stringify(outcome.record)}\n`;
      if (pending.length >= CHUNK) {
        await writeOut(io.stdout, pending);
        pending = '';
      }
    } else {
      bad++;
      io.stderr.write(`relais analyze: line ${outcome.line}: ${outcome.message}\n`);
    }
  }
  if (pending) await writeOut(io.stdout, pending);
  if (bad > 0) io.stderr.write(`relais analyze: ${bad} bad line${bad === 1 ? '' : 's'} skipped\n`);
  return bad > 0 ? 1 : 0;
};
