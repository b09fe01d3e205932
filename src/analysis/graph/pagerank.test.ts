import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, type CsrGraph } from './csr.ts';
import { pagerank, personalizedPagerank, teleportFromSeeds } from './pagerank.ts';
import { asEdgeObjects, uniformEdges } from './testing/random-graphs.ts';
import { karateEdges, MISSING_DATA } from './testing/datasets.ts';

const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
const byId = (g: CsrGraph, scores: Float64Array): Record<string, number> =>
  Object.fromEntries(g.ids.map((id, i) => [id, scores[i] as number]));
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

/**
 * Reference: the textbook definition on a dense transition matrix, iterated many times.
 * x' = d (Pᵀ x + (dangling mass) v) + (1 − d) v, with P row-normalised by weight.
 */
const referencePagerank = (g: CsrGraph, teleport?: number[], damping = 0.85): number[] => {
  const n = g.ids.length;
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const row = A[i] as number[];
      const t = g.targets[k] as number;
      row[t] = (row[t] as number) + (g.weights[k] as number);
    }
  }
  const total = teleport ? teleport.reduce((a, b) => a + b, 0) : n;
  const v = teleport ? teleport.map((t) => t / total) : new Array<number>(n).fill(1 / n);
  let x = [...v];
  for (let it = 0; it < 2000; it++) {
    const next = new Array<number>(n).fill(0);
    let danglingMass = 0;
    for (let i = 0; i < n; i++) {
      const row = A[i] as number[];
      const out = row.reduce((a, b) => a + b, 0);
      if (out === 0) danglingMass += x[i] as number;
      else for (let j = 0; j < n; j++) next[j] = (next[j] as number) + (damping * (x[i] as number) * (row[j] as number)) / out;
    }
    x = next.map((y, j) => y + (damping * danglingMass + 1 - damping) * (v[j] as number));
  }
  return x;
};

test('hand-computed: a → b, b dangling (its mass goes back to everyone)', () => {
  const g = buildGraph([{ source: 'a', target: 'b' }], { directed: true });
  const r = byId(g, pagerank(g, { tolerance: 1e-14 }).scores);
  // x_a = 0.425 x_b + 0.075 and x_a + x_b = 1 give x_a = 0.5 / 1.425.
  close(r.a as number, 0.5 / 1.425, 1e-12, 'a');
  close(r.b as number, 1 - 0.5 / 1.425, 1e-12, 'b');
});

test('hand-computed: undirected star of 3 leaves, and a cycle', () => {
  const star = buildGraph(['x', 'y', 'z'].map((leaf) => ({ source: 'c', target: leaf })));
  const s = byId(star, pagerank(star, { tolerance: 1e-14 }).scores);
  // x_c = 0.85 (1 − x_c) + 0.0375, so x_c = 0.8875 / 1.85; the leaves share the rest.
  close(s.c as number, 0.8875 / 1.85, 1e-12, 'centre');
  for (const leaf of ['x', 'y', 'z']) close(s[leaf] as number, (1 - 0.8875 / 1.85) / 3, 1e-12, leaf);
  const cycle = buildGraph(['1', '2', '3', '4', '5'].map((a, i, all) => ({ source: a, target: all[(i + 1) % 5] as string })), { directed: true });
  for (const v of pagerank(cycle).scores) close(v, 0.2, 1e-12, 'cycle');
});

test('weights: flow follows edge weight (a → b weight 3, a → c weight 1)', () => {
  const g = buildGraph(
    [
      { source: 'a', target: 'b', weight: 3 },
      { source: 'a', target: 'c', weight: 1 },
      { source: 'b', target: 'a' },
      { source: 'c', target: 'a' },
    ],
    { directed: true },
  );
  const r = byId(g, pagerank(g, { tolerance: 1e-14 }).scores);
  // b and c get only a's flow (plus the same teleport), so b − 0.05 = 3 (c − 0.05).
  close((r.b as number) - 0.05, 3 * ((r.c as number) - 0.05), 1e-12, 'b vs c');
});

test('random weighted graphs: agrees with the dense reference within 1e-9, sums to 1', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const edges = asEdgeObjects(uniformEdges(seed, 3 + (seed % 17), 2 + seed * 3));
    for (const directed of [false, true]) {
      const g = buildGraph(edges, { directed, selfLoops: seed % 2 === 0 ? 'keep' : 'drop' });
      const r = pagerank(g, { tolerance: 1e-13, maxIterations: 1000 });
      assert.ok(r.converged);
      close(sum(r.scores), 1, 1e-12, 'sum');
      const ref = referencePagerank(g);
      ref.forEach((v, i) => close(r.scores[i] as number, v, 1e-9, `seed ${seed} directed ${directed} node ${i}`));
    }
  }
});

test('personalised PageRank: agrees with the reference; mass stays where the seeds can reach', () => {
  for (let seed = 1; seed <= 15; seed++) {
    const g = buildGraph(asEdgeObjects(uniformEdges(seed, 12, 20)), { directed: true });
    const seeds = g.ids.slice(0, 2);
    const r = personalizedPagerank(g, seeds, { tolerance: 1e-13, maxIterations: 1000 });
    close(sum(r.scores), 1, 1e-12, 'sum');
    const ref = referencePagerank(g, g.ids.map((id) => (seeds.includes(id) ? 1 : 0)));
    ref.forEach((v, i) => close(r.scores[i] as number, v, 1e-9, `seed ${seed} node ${i}`));
  }
  // Two components: seeds in the first, so the second gets nothing, not even through dangling nodes.
  const g = buildGraph(
    [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'x', target: 'y' },
    ],
    { directed: true },
  );
  const r = byId(g, personalizedPagerank(g, ['a']).scores);
  assert.equal(r.x, 0);
  assert.equal(r.y, 0);
  assert.ok((r.a as number) > (r.b as number) && (r.b as number) > 0 && (r.c as number) > 0);
});

test('weighted seeds and teleport validation', () => {
  const g = buildGraph([{ source: 'a', target: 'b' }]);
  assert.deepEqual([...teleportFromSeeds(g, new Map([['a', 3], ['zz', 5]]))], [3, 0]);
  assert.throws(() => teleportFromSeeds(g, ['nobody']), /none of the seeds/);
  assert.throws(() => teleportFromSeeds(g, new Map([['a', -1]])), RangeError);
  assert.throws(() => pagerank(g, { teleport: new Float64Array([0, 0]) }), /all zero/);
  assert.throws(() => pagerank(g, { teleport: new Float64Array([1]) }), /entries/);
  assert.throws(() => pagerank(g, { damping: 1.5 }), /damping/);
});

test('iteration cap: stops and says it did not converge', () => {
  const g = buildGraph(asEdgeObjects(uniformEdges(3, 50, 200)), { directed: true });
  const r = pagerank(g, { maxIterations: 2, tolerance: 1e-15 });
  assert.equal(r.iterations, 2);
  assert.equal(r.converged, false);
  close(sum(r.scores), 1, 1e-12, 'sum');
  assert.deepEqual(pagerank(buildGraph([])).scores, new Float64Array(0));
});

test('karate club: matches NetworkX (alpha 0.85) on the top 6, leaders 34 and 1 first', (t) => {
  const edges = karateEdges();
  if (!edges) return t.skip(MISSING_DATA);
  const g = buildGraph(edges.map(([source, target]) => ({ source, target })));
  const r = byId(g, pagerank(g).scores);
  const networkx: Record<string, number> = { '34': 0.10092, '1': 0.097, '33': 0.07169, '3': 0.05708, '2': 0.05288, '32': 0.03716 };
  for (const [id, v] of Object.entries(networkx)) close(r[id] as number, v, 1e-5, `node ${id}`);
  const top = Object.entries(r).sort((a, b) => b[1] - a[1]).map(([id]) => id);
  assert.deepEqual(top.slice(0, 2), ['34', '1']);
});
