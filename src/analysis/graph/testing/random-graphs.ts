/**
 * Seeded random edge lists for tests and benchmarks. `powerLawEdges` draws endpoints with a
 * preferential bias (a node's chance grows with the edges it already has), which gives the
 * heavy-tailed degrees of real interaction graphs.
 */
import { seededRandom } from '../../random.ts';

export interface RandomEdges {
  readonly n: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly weight: Float64Array;
}

/** Uniform random edges (self-loops and duplicates possible) with weights in {1, 2, 3} or 1. */
export const uniformEdges = (seed: number, n: number, m: number, weighted = true): RandomEdges => {
  const rnd = seededRandom(seed);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = Math.floor(rnd() * n);
    dst[e] = Math.floor(rnd() * n);
    weight[e] = weighted ? 1 + Math.floor(rnd() * 3) : 1;
  }
  return { n, src, dst, weight };
};

/**
 * m edges over n nodes; each endpoint is, with probability `bias`, the endpoint of an edge drawn
 * earlier (so chosen in proportion to degree), otherwise a uniform node.
 */
export const powerLawEdges = (seed: number, n: number, m: number, bias = 0.8): RandomEdges => {
  const rnd = seededRandom(seed);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m).fill(1);
  const pick = (e: number): number => {
    if (e > 0 && rnd() < bias) {
      const f = Math.floor(rnd() * e);
      return rnd() < 0.5 ? (src[f] as number) : (dst[f] as number);
    }
    return Math.floor(rnd() * n);
  };
  for (let e = 0; e < m; e++) {
    src[e] = pick(e);
    dst[e] = pick(e);
  }
  return { n, src, dst, weight };
};

/** As edge objects with ids `n0`, `n1`, … (for code paths that take `Edge`). */
export const asEdgeObjects = (r: RandomEdges): { source: string; target: string; weight: number }[] => {
  const out = [];
  for (let e = 0; e < r.src.length; e++) out.push({ source: `n${r.src[e]}`, target: `n${r.dst[e]}`, weight: r.weight[e] as number });
  return out;
};
