/**
 * PageRank and personalised PageRank by power iteration over a CSR graph.
 *
 * Contract:
 * - Random surfer: with probability `damping` follow an out-edge chosen in proportion to its
 *   weight, otherwise jump to a node drawn from the teleport vector (uniform for plain PageRank,
 *   concentrated on seed nodes for personalised PageRank).
 * - A node whose out-edges weigh 0 in total (dangling) hands all of its score to the teleport
 *   vector, so the seeds of a personalised PageRank keep the mass instead of leaking it to everyone
 *   (NetworkX does the same by default).
 * - Undirected edges are followed both ways; a kept self-loop is one edge back to the node.
 * - Iterates until the L1 change between two iterations is below `tolerance` or `maxIterations`
 *   is reached (`converged` says which). Scores are non-negative and sum to 1.
 */
import type { CsrGraph } from './csr.ts';

export interface PageRankOptions {
  /** Probability of following an edge; default 0.85. */
  readonly damping?: number;
  /** L1 change between iterations under which the iteration stops; default 1e-9. */
  readonly tolerance?: number;
  /** Default 200. */
  readonly maxIterations?: number;
  /** Teleport distribution over nodes (length n, non-negative, not all 0; normalised here). Default uniform. */
  readonly teleport?: Float64Array;
}

export interface PageRankResult {
  readonly scores: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** L1 change of the last iteration. */
  readonly delta: number;
}

export const pagerank = (g: CsrGraph, options: PageRankOptions = {}): PageRankResult => {
  const n = g.ids.length;
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 200;
  if (!(damping >= 0 && damping <= 1)) throw new RangeError(`damping must be within [0, 1], not ${damping}`);
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, converged: true, delta: 0 };
  const p = normalisedTeleport(n, options.teleport);
  const { offsets, targets, weights } = g;

  // Inverse out-strength, 0 for dangling nodes: one multiplication per node in the hot loop.
  const invOut = new Float64Array(n);
  const dangling: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) s += weights[k] as number;
    if (s > 0) invOut[i] = 1 / s;
    else dangling.push(i);
  }

  let x = Float64Array.from(p);
  let next = new Float64Array(n);
  let iterations = 0;
  let delta = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    let danglingMass = 0;
    for (const i of dangling) danglingMass += x[i] as number;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const share = damping * (x[i] as number) * (invOut[i] as number);
      if (share === 0) continue;
      const end = offsets[i + 1] as number;
      for (let k = offsets[i] as number; k < end; k++) {
        const t = targets[k] as number;
        next[t] = (next[t] as number) + share * (weights[k] as number);
      }
    }
    const jump = damping * danglingMass + (1 - damping);
    delta = 0;
    for (let i = 0; i < n; i++) {
      const v = (next[i] as number) + jump * (p[i] as number);
      next[i] = v;
      delta += Math.abs(v - (x[i] as number));
    }
    [x, next] = [next, x];
    if (delta < tolerance) break;
  }
  // Power iteration preserves the total up to rounding; renormalise so the contract holds exactly.
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i] as number;
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) / total;
  return { scores: x, iterations, converged: delta < tolerance, delta };
};

const normalisedTeleport = (n: number, teleport: Float64Array | undefined): Float64Array => {
  if (teleport === undefined) return new Float64Array(n).fill(1 / n);
  if (teleport.length !== n) throw new RangeError(`teleport vector has ${teleport.length} entries for ${n} nodes`);
  let sum = 0;
  for (const v of teleport) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`teleport entries must be finite and ≥ 0, not ${v}`);
    sum += v;
  }
  if (sum <= 0) throw new RangeError('teleport vector is all zero');
  return teleport.map((v) => v / sum);
};

/**
 * The teleport vector of a personalised PageRank: uniform over the seed nodes that exist in the
 * graph (e.g. the people who talk about a topic), or weighted when `seeds` maps id → weight.
 * Seeds absent from the graph are ignored; throws RangeError when none is present.
 */
export const teleportFromSeeds = (g: CsrGraph, seeds: Iterable<string> | ReadonlyMap<string, number>): Float64Array => {
  const index = new Map<string, number>();
  g.ids.forEach((id, i) => index.set(id, i));
  const v = new Float64Array(g.ids.length);
  let found = 0;
  const entries: Iterable<readonly [string, number]> =
    seeds instanceof Map ? seeds.entries() : [...(seeds as Iterable<string>)].map((s) => [s, 1] as const);
  for (const [id, w] of entries) {
    const i = index.get(id);
    if (i === undefined) continue;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`seed weight of ${id} must be finite and ≥ 0, not ${w}`);
    v[i] = (v[i] as number) + w;
    if (w > 0) found++;
  }
  if (found === 0) throw new RangeError('none of the seeds is a node of the graph');
  return v;
};

/** Convenience: personalised PageRank with the teleport vector concentrated on `seeds`. */
export const personalizedPagerank = (
  g: CsrGraph,
  seeds: Iterable<string> | ReadonlyMap<string, number>,
  options: Omit<PageRankOptions, 'teleport'> = {},
): PageRankResult => pagerank(g, { ...options, teleport: teleportFromSeeds(g, seeds) });
