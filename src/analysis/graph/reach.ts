/**
 * Relays and bridges (DESIGN §2, "Become someone"): who reaches the most qualified people within
 * two hops, and who ties several tribes together.
 *
 * Contract:
 * - Reach follows edges from the node (on a directed graph, orient edges the way a message
 *   travels: source → target); weights are ignored, a person is reached or not.
 * - The reach of v is the number of distinct qualified nodes at distance 1 or 2 from v, v itself
 *   excluded. `qualified[i]` is 1 for the people who count (e.g. on-topic authors); without it,
 *   everyone counts. Unique audience: a person reached through several paths counts once.
 * - Bridge score of v: the participation coefficient 1 − Σ_c (w_vc / w_v)², where w_vc is the
 *   weight of v's edges into community c (loops excluded): 0 when all ties are in one tribe,
 *   approaching 1 when they spread evenly over many.
 */
import type { CsrGraph } from './csr.ts';

export interface ReachOptions {
  /** 1 for the nodes that count, by node index; default all. */
  readonly qualified?: Uint8Array;
}

/**
 * Two-hop qualified reach of each node in `nodes` (default all). Cost: Σ over the asked nodes of
 * their two-hop neighbourhood, with one shared marker array (no set per node).
 */
export const twoHopReach = (g: CsrGraph, nodes?: Iterable<number>, options: ReachOptions = {}): Map<number, number> => {
  const n = g.ids.length;
  const qualified = options.qualified;
  if (qualified && qualified.length !== n) throw new RangeError(`qualified has ${qualified.length} entries for ${n} nodes`);
  // seenBy[u] = 1 + the node whose neighbourhood last marked u: no clearing between nodes.
  const seenBy = new Int32Array(n);
  const out = new Map<number, number>();
  const { offsets, targets } = g;
  for (const v of nodes ?? Array.from({ length: n }, (_, i) => i)) {
    if (!(v >= 0 && v < n)) throw new RangeError(`node ${v} is not in the graph`);
    const stamp = v + 1;
    seenBy[v] = stamp;
    let count = 0;
    const visit = (u: number) => {
      if (seenBy[u] === stamp) return false;
      seenBy[u] = stamp;
      if (!qualified || qualified[u] === 1) count++;
      return true;
    };
    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) visit(targets[k] as number);
    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) {
      const u = targets[k] as number;
      for (let j = offsets[u] as number; j < (offsets[u + 1] as number); j++) visit(targets[j] as number);
    }
    out.set(v, count);
  }
  return out;
};

/** Participation coefficient of every node for a partition (`community[i]`), see the contract. */
export const bridgeScores = (g: CsrGraph, community: Int32Array): Float64Array => {
  const n = g.ids.length;
  if (community.length !== n) throw new RangeError(`partition has ${community.length} entries for ${n} nodes`);
  const scores = new Float64Array(n);
  const perCommunity = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    perCommunity.clear();
    let total = 0;
    for (let k = g.offsets[v] as number; k < (g.offsets[v + 1] as number); k++) {
      const u = g.targets[k] as number;
      if (u === v) continue;
      const w = g.weights[k] as number;
      const c = community[u] as number;
      perCommunity.set(c, (perCommunity.get(c) ?? 0) + w);
      total += w;
    }
    if (total === 0) continue;
    let concentration = 0;
    for (const w of perCommunity.values()) concentration += (w / total) ** 2;
    scores[v] = 1 - concentration;
  }
  return scores;
};
