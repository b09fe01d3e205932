/**
 * Use case behind `relais graph` (DESIGN §6): an edge-list CSV in, per node its PageRank and its
 * community, plus the number of communities and the partition's modularity.
 *
 * Output contract:
 * - `nodes` in order of first appearance in the file (the source of a line before its target).
 * - `community` numbers run 0..communities-1 by decreasing community size (ties: the community
 *   whose first node appears first comes first).
 * - `pagerank` with damping 0.85, dangling nodes' score sent back
 *   to the teleport vector (uniform, or the `around` nodes), weights followed;
 *   the values sum to 1. Undirected unless `directed` (then edges are followed source → target,
 *   and communities maximise directed modularity).
 * - Self-loops are dropped (a person answering their own thread is no tie); `droppedSelfLoops`
 *   says how many, for the caller to report.
 * - Deterministic: Louvain's random order is seeded by `seed` (default 1).
 * - With `around`, `pagerank` is the personalised PageRank around those nodes.
 */
import { parseEdgesCsv } from '../analysis/graph/edges-csv.ts';
import { AppError } from '../core/errors.ts';
import { pagerank, teleportFromSeeds } from '../analysis/graph/pagerank.ts';
import { detectCommunities } from '../analysis/graph/communities.ts';
import { seededRandom } from '../analysis/random.ts';

export interface GraphNodeScore {
  readonly id: string;
  readonly pagerank: number;
  readonly community: number;
}

export interface GraphScores {
  readonly nodes: readonly GraphNodeScore[];
  readonly communities: number;
  readonly modularity: number;
}

export interface GraphScoreRun {
  readonly scores: GraphScores;
  readonly droppedSelfLoops: number;
  readonly pagerankConverged: boolean;
}

export interface GraphScoreOptions {
  readonly directed?: boolean;
  readonly seed?: number;
  /**
   * Personalise PageRank around these node ids (e.g. the people who talk about a topic): the
   * random surfer jumps back to them. Ids absent from the file are a bad request.
   */
  readonly around?: readonly string[];
}

/** Throws AppError('bad-request') naming the line on malformed input. */
export const scoreEdgesCsv = (csv: string, options: GraphScoreOptions = {}): GraphScoreRun => {
  const g = parseEdgesCsv(csv, { directed: options.directed ?? false, selfLoops: 'drop' });
  let teleport: Float64Array | undefined;
  if (options.around && options.around.length > 0) {
    const known = new Set(g.ids);
    const missing = options.around.filter((id) => !known.has(id));
    if (missing.length > 0) throw new AppError('bad-request', `not a node of the graph: ${missing.map((id) => JSON.stringify(id)).join(', ')}`);
    teleport = teleportFromSeeds(g, options.around);
  }
  const pr = pagerank(g, teleport ? { teleport } : {});
  const tribes = detectCommunities(g, { rng: seededRandom(options.seed ?? 1) });
  const nodes = g.ids.map((id, i) => ({ id, pagerank: pr.scores[i] as number, community: tribes.community[i] as number }));
  return {
    scores: { nodes, communities: tribes.count, modularity: tribes.modularity },
    droppedSelfLoops: g.droppedSelfLoops,
    pagerankConverged: pr.converged,
  };
};
