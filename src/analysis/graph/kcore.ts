/**
 * Core numbers: node v has core number k when it belongs to the k-core (the largest subgraph in
 * which every node has at least k neighbours) but not to the (k+1)-core.
 *
 * Contract: computed on the undirected, unweighted view of the graph (a directed graph is
 * symmetrised first; edge weights are ignored; self-loops do not count, as a person is not their
 * own neighbour). Batagelj & Zaversnik's bucket algorithm, O(n + m).
 */
import { toUndirected, type CsrGraph } from './csr.ts';

export const coreNumbers = (graph: CsrGraph): Int32Array => {
  const g = toUndirected(graph);
  const n = g.ids.length;
  const { offsets, targets } = g;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) if (targets[k] !== i) d++;
    degree[i] = d;
    if (d > maxDegree) maxDegree = d;
  }
  // Nodes sorted by degree in `order`, with `pos` its inverse and `binStart[d]` where degree d starts.
  const binStart = new Int32Array(maxDegree + 2);
  for (let i = 0; i < n; i++) binStart[(degree[i] as number) + 1] = (binStart[(degree[i] as number) + 1] as number) + 1;
  for (let d = 0; d <= maxDegree; d++) binStart[d + 1] = (binStart[d + 1] as number) + (binStart[d] as number);
  const fill = binStart.slice();
  const order = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = degree[i] as number;
    const p = fill[d] as number;
    order[p] = i;
    pos[i] = p;
    fill[d] = p + 1;
  }
  // Peel in degree order; when a neighbour u of v loses one degree, swap u to the front of its bin
  // and move the bin boundary, which keeps `order` sorted by the current degree.
  for (let j = 0; j < n; j++) {
    const v = order[j] as number;
    const dv = degree[v] as number;
    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) {
      const u = targets[k] as number;
      const du = degree[u] as number;
      if (u === v || du <= dv) continue;
      const pu = pos[u] as number;
      const pw = binStart[du] as number;
      const w = order[pw] as number;
      if (u !== w) {
        order[pu] = w;
        pos[w] = pu;
        order[pw] = u;
        pos[u] = pw;
      }
      binStart[du] = pw + 1;
      degree[u] = du - 1;
    }
  }
  return degree;
};
