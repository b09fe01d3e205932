import type { Io } from './io.ts';
import { writeOut } from './io.ts';

/** Output is gathered into chunks of about this size: one write per line is slow on large inputs. */
const CHUNK = 64 * 1024;

export type Outcome<R> = { readonly ok: true; readonly record: R } | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * Writes one JSON line per good outcome, in order, waiting for stdout to drain;
 * reports each bad line on stderr with its number. Returns the exit status:
 * 1 when any line was bad, else 0 (DESIGN §6: bad input exits non-zero).
 */
export const writeOutcomes = async <R>(command: string, outcomes: AsyncIterable<Outcome<R>>, io: Io): Promise<number> => {
  let pending = '';
  let bad = 0;
  for await (const outcome of outcomes) {
    if (outcome.ok) {
      pending += `${JSON.stringify(outcome.record)}\n`;
      if (pending.length >= CHUNK) {
        await writeOut(io.stdout, pending);
        pending = '';
      }
    } else {
      bad++;
      io.stderr.write(`relais ${command}: line ${outcome.line}: ${outcome.message}\n`);
    }
  }
  if (pending) await writeOut(io.stdout, pending);
  if (bad > 0) io.stderr.write(`relais ${command}: ${bad} bad line${bad === 1 ? '' : 's'} skipped\n`);
  return bad > 0 ? 1 : 0;
};
