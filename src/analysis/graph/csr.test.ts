import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, createGraphBuilder, edgeCount, inStrengths, strengths, toUndirected, type CsrGraph } from './csr.ts';
import { asEdgeObjects, uniformEdges } from './testing/random-graphs.ts';

/** The graph as a sorted list of "source>target:weight" strings, by id. */
const arcs = (g: CsrGraph): string[] => {
  const out: string[] = [];
  for (let i = 0; i < g.ids.length; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) {
      out.push(`${g.ids[i]}>${g.ids[g.targets[k] as number]}:${g.weights[k]}`);
    }
  }
  return out.sort();
};

test('nodes are numbered in order of first appearance, source before target', () => {
  const g = buildGraph([
    { source: 'c', target: 'a' },
    { source: 'b', target: 'c' },
    { source: 'a', target: 'd' },
  ]);
  assert.deepEqual(g.ids, ['c', 'a', 'b', 'd']);
  assert.equal(g.offsets.length, 5);
});

test('undirected: each edge in both rows; duplicates (either way round) sum their weights', () => {
  const g = buildGraph([
    { source: 'a', target: 'b', weight: 2 },
    { source: 'b', target: 'a', weight: 0.5 },
    { source: 'b', target: 'c' },
  ]);
  assert.deepEqual(arcs(g), ['a>b:2.5', 'b>a:2.5', 'b>c:1', 'c>b:1']);
  assert.equal(edgeCount(g), 2);
  assert.deepEqual([...strengths(g)], [2.5, 3.5, 1]);
});

test('directed: a→b and b→a stay distinct; rows are sorted by target index', () => {
  const g = buildGraph(
    [
      { source: 'a', target: 'c' },
      { source: 'a', target: 'b' },
      { source: 'b', target: 'a', weight: 3 },
      { source: 'a', target: 'c' },
    ],
    { directed: true },
  );
  assert.deepEqual(g.ids, ['a', 'c', 'b']);
  assert.deepEqual([...g.targets.subarray(g.offsets[0], g.offsets[1])], [1, 2]);
  assert.deepEqual(arcs(g), ['a>b:1', 'a>c:2', 'b>a:3']);
  assert.equal(edgeCount(g), 3);
  assert.deepEqual([...strengths(g)], [3, 0, 3]);
  assert.deepEqual([...inStrengths(g)], [3, 2, 1]);
});

test('self-loops: dropped and counted by default; kept once (and counted twice in a degree) on request', () => {
  const edges = [
    { source: 'a', target: 'a', weight: 2 },
    { source: 'a', target: 'b' },
    { source: 'b', target: 'b' },
  ];
  const dropped = buildGraph(edges);
  assert.equal(dropped.droppedSelfLoops, 2);
  assert.deepEqual(arcs(dropped), ['a>b:1', 'b>a:1']);
  const kept = buildGraph(edges, { selfLoops: 'keep' });
  assert.equal(kept.droppedSelfLoops, 0);
  assert.deepEqual(arcs(kept), ['a>a:2', 'a>b:1', 'b>a:1', 'b>b:1']);
  assert.equal(edgeCount(kept), 3);
  assert.deepEqual([...strengths(kept)], [5, 3]);
  const directed = buildGraph(edges, { selfLoops: 'keep', directed: true });
  assert.deepEqual([...strengths(directed)], [3, 1]);
});

test('a node seen only in a dropped self-loop still exists, with no edges', () => {
  const g = buildGraph([{ source: 'x', target: 'x' }, { source: 'a', target: 'b' }]);
  assert.deepEqual(g.ids, ['x', 'a', 'b']);
  assert.equal(g.offsets[1], 0);
});

test('weights: negative or non-finite refused, zero kept', () => {
  const b = createGraphBuilder();
  assert.throws(() => b.add('a', 'b', -1), RangeError);
  assert.throws(() => b.add('a', 'b', Number.NaN), RangeError);
  assert.throws(() => b.add('a', 'b', Infinity), RangeError);
  b.add('a', 'b', 0);
  assert.deepEqual(arcs(b.build()), ['a>b:0', 'b>a:0']);
});

test('toUndirected merges both directions with summed weights and keeps the numbering', () => {
  const d = buildGraph(
    [
      { source: 'a', target: 'b', weight: 2 },
      { source: 'b', target: 'a', weight: 3 },
      { source: 'c', target: 'a' },
    ],
    { directed: true },
  );
  const u = toUndirected(d);
  assert.equal(u.directed, false);
  assert.deepEqual(u.ids, d.ids);
  assert.deepEqual(arcs(u), ['a>b:5', 'a>c:1', 'b>a:5', 'c>a:1']);
});

test('random edge lists: the CSR equals a naive map of maps (directed and undirected, with loops)', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const edges = asEdgeObjects(uniformEdges(seed, 5 + seed, 4 * seed));
    for (const directed of [false, true]) {
      const g = buildGraph(edges, { directed, selfLoops: 'keep' });
      const naive = new Map<string, number>();
      for (const e of edges) {
        const add = (s: string, t: string) => naive.set(`${s}>${t}`, (naive.get(`${s}>${t}`) ?? 0) + e.weight);
        add(e.source, e.target);
        if (!directed && e.source !== e.target) add(e.target, e.source);
      }
      const expected = [...naive].map(([k, w]) => `${k}:${w}`).sort();
      assert.deepEqual(arcs(g), expected, `seed ${seed} directed ${directed}`);
      for (let i = 0; i < g.ids.length; i++) {
        const row = [...g.targets.subarray(g.offsets[i], g.offsets[i + 1])];
        assert.deepEqual(row, [...row].sort((a, b) => a - b));
      }
    }
  }
});
