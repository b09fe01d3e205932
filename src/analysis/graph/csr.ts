/**
 * A compact graph in compressed sparse row form, built from edge lists with string node ids.
 *
 * Contract:
 * - Nodes are numbered 0..n-1 in order of first appearance in the edge list (the source of an edge
 *   before its target). `ids[i]` is the string id of node i.
 * - Row i (`targets[offsets[i] .. offsets[i+1])`) lists the out-neighbours of i in increasing index
 *   order, each once: duplicate edges are merged and their weights summed.
 * - Undirected graphs store each edge u–v in both rows u and v; a self-loop u–u is stored once, in
 *   row u. Graph-theoretic conventions (a loop adds twice its weight to the degree) are applied by
 *   the algorithms that need them, see `strengths`.
 * - Self-loops are dropped unless `selfLoops: 'keep'`: in an interaction graph, a person replying
 *   to their own thread is not a tie, and a loop inflates a node's own PageRank. `droppedSelfLoops`
 *   counts the edge lines dropped, so callers can say so.
 * - Weights must be finite and non-negative (a zero weight keeps the edge but carries no flow).
 */

export interface Edge {
  readonly source: string;
  readonly target: string;
  /** Defaults to 1. */
  readonly weight?: number;
}

export interface CsrGraph {
  readonly directed: boolean;
  readonly ids: readonly string[];
  /** n + 1 entries; row i spans offsets[i] .. offsets[i+1]. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  /** Self-loop edges that were in the input and are not in the graph. */
  readonly droppedSelfLoops: number;
}

export interface BuildOptions {
  readonly directed?: boolean;
  readonly selfLoops?: 'drop' | 'keep';
}

/** Growable parallel arrays of edge endpoints and weights (avoid one object per edge). */
class EdgeBuffer {
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  w = new Float64Array(1024);
  length = 0;

  push(s: number, d: number, weight: number): void {
    if (this.length === this.src.length) {
      const cap = this.src.length * 2;
      const src = new Int32Array(cap);
      src.set(this.src);
      const dst = new Int32Array(cap);
      dst.set(this.dst);
      const w = new Float64Array(cap);
      w.set(this.w);
      this.src = src;
      this.dst = dst;
      this.w = w;
    }
    this.src[this.length] = s;
    this.dst[this.length] = d;
    this.w[this.length] = weight;
    this.length++;
  }
}

/** Builds a graph from edges given as objects. */
export const buildGraph = (edges: Iterable<Edge>, options: BuildOptions = {}): CsrGraph => {
  const builder = createGraphBuilder(options);
  for (const e of edges) builder.add(e.source, e.target, e.weight ?? 1);
  return builder.build();
};

export interface GraphBuilder {
  /** Adds one edge; throws RangeError on a weight that is negative or not finite. */
  add(source: string, target: string, weight?: number): void;
  build(): CsrGraph;
}

/** An incremental builder, for callers that stream edges (a parser) without materialising them. */
export const createGraphBuilder = (options: BuildOptions = {}): GraphBuilder => {
  const directed = options.directed ?? false;
  const keepLoops = options.selfLoops === 'keep';
  const index = new Map<string, number>();
  const ids: string[] = [];
  const buf = new EdgeBuffer();
  let dropped = 0;
  const nodeOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      index.set(id, i);
    }
    return i;
  };
  return {
    add(source, target, weight = 1) {
      if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`edge weight must be a finite number ≥ 0, not ${weight}`);
      const s = nodeOf(source);
      const t = nodeOf(target);
      if (s === t) {
        if (!keepLoops) {
          dropped++;
          return;
        }
        buf.push(s, s, weight);
        return;
      }
      buf.push(s, t, weight);
      if (!directed) buf.push(t, s, weight);
    },
    build() {
      return { ...compress(ids.length, buf), directed, ids, droppedSelfLoops: dropped };
    },
  };
};

/**
 * Sorts the edges by (source, target) with two stable counting sorts (by target, then by source),
 * O(n + m) with no comparison sort, then merges runs of equal pairs by summing their weights.
 */
const compress = (n: number, buf: EdgeBuffer): Pick<CsrGraph, 'offsets' | 'targets' | 'weights'> => {
  const m = buf.length;
  const byTarget = countingOrder(n, buf.dst, m, null);
  const order = countingOrder(n, buf.src, m, byTarget);
  const offsets = new Int32Array(n + 1);
  let targets = new Int32Array(m);
  let weights = new Float64Array(m);
  let k = 0;
  let prevS = -1;
  let prevT = -1;
  for (let j = 0; j < m; j++) {
    const e = order[j] as number;
    const s = buf.src[e] as number;
    const t = buf.dst[e] as number;
    const w = buf.w[e] as number;
    if (s === prevS && t === prevT) {
      weights[k - 1] = (weights[k - 1] as number) + w;
      continue;
    }
    targets[k] = t;
    weights[k] = w;
    offsets[s + 1] = (offsets[s + 1] as number) + 1;
    k++;
    prevS = s;
    prevT = t;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  if (k < m) {
    targets = targets.slice(0, k);
    weights = weights.slice(0, k);
  }
  return { offsets, targets, weights };
};

/** Stable counting sort of edge positions by `key`, applied to `input` order (or 0..m-1). */
const countingOrder = (n: number, key: Int32Array, m: number, input: Int32Array | null): Int32Array => {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[(key[e] as number) + 1] = (start[(key[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const out = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const e = input === null ? j : (input[j] as number);
    const b = key[e] as number;
    out[start[b] as number] = e;
    start[b] = (start[b] as number) + 1;
  }
  return out;
};

export const nodeCount = (g: CsrGraph): number => g.ids.length;

/** Stored edges: each undirected non-loop edge counts once (it is stored twice). */
export const edgeCount = (g: CsrGraph): number => {
  if (g.directed) return g.targets.length;
  let loops = 0;
  for (let i = 0; i < g.ids.length; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) if (g.targets[k] === i) loops++;
  }
  return (g.targets.length - loops) / 2 + loops;
};

/**
 * Weighted degree of every node. Directed: out-strength. Undirected: the degree of graph theory,
 * where a self-loop adds twice its weight (as NetworkX and graphology count it).
 */
export const strengths = (g: CsrGraph): Float64Array => {
  const n = g.ids.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const w = g.weights[k] as number;
      sum += !g.directed && g.targets[k] === i ? 2 * w : w;
    }
    s[i] = sum;
  }
  return s;
};

/** Weighted in-degree of every node (equal to `strengths` on an undirected graph). */
export const inStrengths = (g: CsrGraph): Float64Array => {
  if (!g.directed) return strengths(g);
  const s = new Float64Array(g.ids.length);
  for (let k = 0; k < g.targets.length; k++) {
    const t = g.targets[k] as number;
    s[t] = (s[t] as number) + (g.weights[k] as number);
  }
  return s;
};

/** The undirected graph with the same nodes (same numbering): u→v and v→u become one edge u–v of summed weight. */
export const toUndirected = (g: CsrGraph): CsrGraph => {
  if (!g.directed) return g;
  const buf = new EdgeBuffer();
  for (let i = 0; i < g.ids.length; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const t = g.targets[k] as number;
      const w = g.weights[k] as number;
      buf.push(i, t, w);
      if (t !== i) buf.push(t, i, w);
    }
  }
  return { ...compress(g.ids.length, buf), directed: false, ids: g.ids, droppedSelfLoops: g.droppedSelfLoops };
};
