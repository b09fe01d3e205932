import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { scoreEdgesCsv } from '../../app/graph-scores.ts';
import { writeOut, type Command } from '../io.ts';

const HELP = `Usage: relais graph --edges FILE.csv [--directed] [--seed N] [--around ID]…

FILE.csv has the header source,target or source,target,weight, then one edge per line
(FILE "-" reads standard input). Edges are undirected unless --directed; duplicate edges add
their weights; self-loops are ignored (reported on stderr).
Writes one JSON object:
  {"nodes": [{"id", "pagerank", "community"}], "communities": N, "modularity": Q}
nodes in order of first appearance in the file; communities (Louvain) numbered 0..N-1 from the
largest; PageRank with damping 0.85, summing to 1. --seed fixes Louvain's random order (default 1).
--around ID (repeatable) personalises PageRank around those nodes (e.g. the people of a topic).
`;

export const run: Command = async (args, io) => {
  let values: {
    help?: boolean | undefined;
    edges?: string | undefined;
    directed?: boolean | undefined;
    seed?: string | undefined;
    around?: string[] | undefined;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        help: { type: 'boolean', short: 'h' },
        edges: { type: 'string', short: 'e' },
        directed: { type: 'boolean', short: 'd' },
        seed: { type: 'string' },
        around: { type: 'string', multiple: true },
      },
    }));
  } catch (e) {
    throw new AppError('bad-request', `${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    await writeOut(io.stdout, HELP);
    return 0;
  }
  if (!values.edges) throw new AppError('bad-request', `--edges FILE.csv is required\n\n${HELP}`);
  let seed = 1;
  if (values.seed !== undefined) {
    if (!/^\d{1,9}$/.test(values.seed)) throw new AppError('bad-request', `--seed must be a whole number, not "${values.seed}"`);
    seed = Number(values.seed);
  }
  let csv: string;
  try {
    csv = values.edges === '-' ? await text(io.stdin) : await readFile(resolve(io.cwd, values.edges), 'utf8');
  } catch (e) {
    throw new AppError('bad-request', `cannot read ${values.edges}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let run;
  try {
    run = scoreEdgesCsv(csv, { directed: values.directed ?? false, seed, around: values.around ?? [] });
  } catch (e) {
    // Name the file with the line, so "line 7: …" is actionable.
    if (e instanceof AppError && e.code === 'bad-request') throw new AppError('bad-request', `${values.edges}: ${e.message}`);
    throw e;
  }
  if (run.droppedSelfLoops > 0) {
    io.stderr.write(`relais graph: ${run.droppedSelfLoops} self-loop${run.droppedSelfLoops === 1 ? '' : 's'} ignored\n`);
  }
  if (!run.pagerankConverged) io.stderr.write('relais graph: PageRank stopped at its iteration cap before converging\n');
  await writeOut(io.stdout, `${JSON.stringify(run.scores)}\n`);
  return 0;
};
