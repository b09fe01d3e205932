import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, type CsrGraph } from './csr.ts';
import { coreNumbers } from './kcore.ts';
import { asEdgeObjects, powerLawEdges, uniformEdges } from './testing/random-graphs.ts';
import { karateEdges, MISSING_DATA } from './testing/datasets.ts';

const cores = (g: CsrGraph): Record<string, number> => {
  const c = coreNumbers(g);
  return Object.fromEntries(g.ids.map((id, i) => [id, c[i] as number]));
};
const graph = (pairs: string, directed = false, selfLoops: 'keep' | 'drop' = 'drop') =>
  buildGraph(
    pairs.split(' ').map((p) => {
      const [source, target] = p.split('-') as [string, string];
      return { source, target };
    }),
    { directed, selfLoops },
  );

/** Reference from the definition: the k-core is what survives repeatedly removing nodes of degree < k. */
const referenceCores = (g: CsrGraph): number[] => {
  const n = g.ids.length;
  const nbrs = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      const t = g.targets[k] as number;
      if (t !== i) {
        nbrs[i]?.add(t);
        nbrs[t]?.add(i);
      }
    }
  }
  const core = new Array<number>(n).fill(0);
  for (let k = 1; ; k++) {
    const alive = new Set<number>(Array.from({ length: n }, (_, i) => i));
    let changed = true;
    while (changed) {
      changed = false;
      for (const v of alive) {
        let d = 0;
        for (const u of nbrs[v] ?? []) if (alive.has(u)) d++;
        if (d < k) {
          alive.delete(v);
          changed = true;
        }
      }
    }
    if (alive.size === 0) return core;
    for (const v of alive) core[v] = k;
  }
};

test('hand-computed: a triangle with a pendant, a 4-clique with a tail', () => {
  assert.deepEqual(cores(graph('a-b b-c c-a c-d')), { a: 2, b: 2, c: 2, d: 1 });
  assert.deepEqual(cores(graph('1-2 1-3 1-4 2-3 2-4 3-4 4-5 5-6')), { 1: 3, 2: 3, 3: 3, 4: 3, 5: 1, 6: 1 });
});

test('self-loops and weights do not count; a lone looped node has core 0', () => {
  const g = buildGraph(
    [
      { source: 'x', target: 'x', weight: 9 },
      { source: 'a', target: 'b', weight: 5 },
      { source: 'a', target: 'a' },
    ],
    { selfLoops: 'keep' },
  );
  assert.deepEqual(cores(g), { x: 0, a: 1, b: 1 });
});

test('directed graphs are read undirected: a → b and b → a are one tie', () => {
  assert.deepEqual(cores(graph('a-b b-a b-c c-a', true)), { a: 2, b: 2, c: 2 });
});

test('random graphs: agrees with the peeling definition', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const r = seed % 2 ? uniformEdges(seed, 10 + seed, 3 * seed + 10, false) : powerLawEdges(seed, 40, 120);
    const g = buildGraph(asEdgeObjects(r), { selfLoops: 'keep' });
    assert.deepEqual([...coreNumbers(g)], referenceCores(g), `seed ${seed}`);
  }
});

test('karate club: the maximum core is 4 (NetworkX core_number)', (t) => {
  const edges = karateEdges();
  if (!edges) return t.skip(MISSING_DATA);
  const g = buildGraph(edges.map(([source, target]) => ({ source, target })));
  const c = cores(g);
  assert.equal(Math.max(...Object.values(c)), 4);
  assert.deepEqual(
    Object.keys(c)
      .filter((id) => c[id] === 4)
      .map(Number)
      .sort((a, b) => a - b),
    [1, 2, 3, 4, 8, 9, 14, 31, 33, 34],
  );
  assert.equal(c['12'], 1);
});
