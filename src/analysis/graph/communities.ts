/**
 * Communities (tribes) by Louvain modularity optimisation, through graphology-communities-louvain,
 * and modularity computed here independently, so the library's figure is checked, not trusted.
 *
 * Contract:
 * - Deterministic: Louvain's random visiting order comes from the injected `rng`.
 * - Louvain's partition is then refined by single-node moves (community-refine.ts), which only
 *   ever raises the modularity.
 * - Communities are numbered 0..count-1 by decreasing size; equal sizes are ordered by their
 *   first node in node order (first appearance in the edge list).
 * - Undirected graphs use Newman's modularity; directed graphs the directed modularity of
 *   Leicht & Newman (the one graphology's directed Louvain optimises). Self-loops follow the
 *   NetworkX convention: a loop is one internal edge and adds twice its weight to an undirected degree.
 * - A graph without edge weight has modularity 0 and one community per node.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { inStrengths, strengths, type CsrGraph } from './csr.ts';
import { refineByNodeMoves } from './community-refine.ts';
import type { Rng } from '../random.ts';

// The package is CommonJS (`module.exports = louvain`) while its types declare an ES default
// export: under Node's ESM interop the default import is already the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface CommunityOptions {
  readonly rng: Rng;
  /** Modularity resolution γ; default 1 (higher gives more, smaller communities). */
  readonly resolution?: number;
}

export interface Communities {
  /** Community number of each node, by node index. */
  readonly community: Int32Array;
  readonly count: number;
  /** Modularity of the partition, computed by `modularity` below. */
  readonly modularity: number;
  /** Modularity as graphology's Louvain reported it, before the node-move refinement. */
  readonly louvainModularity: number;
  /** Modularity of graphology's partition computed by `modularity` (equals `louvainModularity` up to rounding). */
  readonly unrefinedModularity: number;
}

export const detectCommunities = (g: CsrGraph, options: CommunityOptions): Communities => {
  const n = g.ids.length;
  const resolution = options.resolution ?? 1;
  const raw = new Int32Array(n);
  let louvainModularity = 0;
  if (totalWeight(g) > 0) {
    const graph = toGraphology(g);
    const result = louvain.detailed(graph, { rng: options.rng, resolution, getEdgeWeight: 'weight' });
    for (let i = 0; i < n; i++) raw[i] = result.communities[String(i)] ?? -1;
    louvainModularity = result.modularity;
  } else {
    for (let i = 0; i < n; i++) raw[i] = i;
  }
  const louvainPartition = renumberBySize(raw).community;
  const unrefinedModularity = modularity(g, louvainPartition, resolution);
  const { community, count } = renumberBySize(refineByNodeMoves(g, louvainPartition, resolution));
  return { community, count, modularity: modularity(g, community, resolution), louvainModularity, unrefinedModularity };
};

/** Node keys are the indices as strings: ids may be anything, indices are unique and short. */
const toGraphology = (g: CsrGraph): DirectedGraph | UndirectedGraph => {
  const options = { multi: false, allowSelfLoops: true };
  const graph = g.directed ? new DirectedGraph(options) : new UndirectedGraph(options);
  const n = g.ids.length;
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (let i = 0; i < n; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const t = g.targets[k] as number;
      // Undirected edges are stored in both rows; give graphology each once.
      if (!g.directed && t < i) continue;
      graph.addEdge(String(i), String(t), { weight: g.weights[k] as number });
    }
  }
  return graph;
};

const totalWeight = (g: CsrGraph): number => {
  let s = 0;
  for (const w of g.weights) s += w;
  return s;
};

/** Renumbers arbitrary labels to 0..count-1 by decreasing size, ties by first member's index. */
export const renumberBySize = (labels: Int32Array): { community: Int32Array; count: number } => {
  const first = new Map<number, number>();
  const size = new Map<number, number>();
  labels.forEach((c, i) => {
    if (!first.has(c)) first.set(c, i);
    size.set(c, (size.get(c) ?? 0) + 1);
  });
  const order = [...first.keys()].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0) || (first.get(a) ?? 0) - (first.get(b) ?? 0));
  const number = new Map<number, number>();
  order.forEach((c, k) => number.set(c, k));
  return { community: labels.map((c) => number.get(c) ?? -1), count: order.length };
};

/**
 * Modularity of a partition (`community[i]` for node i, any non-negative integers).
 * Undirected: Q = Σ_c [ L_c / m − γ (D_c / 2m)² ], L_c the weight of edges inside c, D_c the sum
 * of degrees in c, m the total edge weight. Directed: Q = Σ_c [ L_c / m − γ D⁺_c D⁻_c / m² ].
 */
export const modularity = (g: CsrGraph, community: Int32Array, resolution = 1): number => {
  const n = g.ids.length;
  if (community.length !== n) throw new RangeError(`partition has ${community.length} entries for ${n} nodes`);
  let communities = 0;
  for (const c of community) {
    if (c < 0) throw new RangeError('community numbers must be ≥ 0');
    if (c + 1 > communities) communities = c + 1;
  }
  const internal = new Float64Array(communities);
  const out = new Float64Array(communities);
  const inn = new Float64Array(communities);
  const sOut = strengths(g);
  const sIn = g.directed ? inStrengths(g) : sOut;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = community[i] as number;
    out[c] = (out[c] as number) + (sOut[i] as number);
    inn[c] = (inn[c] as number) + (sIn[i] as number);
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const t = g.targets[k] as number;
      const w = g.weights[k] as number;
      // An undirected non-loop edge is seen from both ends: count half each time.
      const share = g.directed || t === i ? w : w / 2;
      m += share;
      if (community[t] === c) internal[c] = (internal[c] as number) + share;
    }
  }
  if (m === 0) return 0;
  let q = 0;
  for (let c = 0; c < communities; c++) {
    const expected = g.directed ? ((out[c] as number) * (inn[c] as number)) / (m * m) : ((out[c] as number) / (2 * m)) ** 2;
    q += (internal[c] as number) / m - resolution * expected;
  }
  return q;
};
