import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, type CsrGraph } from './csr.ts';
import { bridgeScores, twoHopReach } from './reach.ts';
import { asEdgeObjects, powerLawEdges } from './testing/random-graphs.ts';

const graph = (pairs: string, directed = false) =>
  buildGraph(
    pairs.split(' ').map((p) => {
      const [source, target] = p.split('-') as [string, string];
      return { source, target };
    }),
    { directed },
  );
const byId = (g: CsrGraph, m: Map<number, number>) => Object.fromEntries([...m].map(([i, v]) => [g.ids[i], v]));

/** Reference: breadth-first search to depth 2 with a Set. */
const referenceReach = (g: CsrGraph, v: number, qualified?: Uint8Array): number => {
  const seen = new Set<number>([v]);
  let frontier = [v];
  for (let depth = 0; depth < 2; depth++) {
    const next: number[] = [];
    for (const x of frontier) {
      for (let k = g.offsets[x] as number; k < (g.offsets[x + 1] as number); k++) {
        const u = g.targets[k] as number;
        if (!seen.has(u)) {
          seen.add(u);
          next.push(u);
        }
      }
    }
    frontier = next;
  }
  seen.delete(v);
  return [...seen].filter((u) => !qualified || qualified[u] === 1).length;
};

test('hand-computed: a path a-b-c-d-e; a star reaches through its hub', () => {
  const path = graph('a-b b-c c-d d-e');
  assert.deepEqual(byId(path, twoHopReach(path)), { a: 2, b: 3, c: 4, d: 3, e: 2 });
  const star = graph('h-x h-y h-z z-w');
  assert.deepEqual(byId(star, twoHopReach(star)), { h: 4, x: 3, y: 3, z: 4, w: 2 });
});

test('directed: reach follows the edges; unique audience counted once; qualified only', () => {
  const g = graph('a-b a-c b-d c-d d-a', true);
  assert.deepEqual(byId(g, twoHopReach(g)), { a: 3, b: 2, c: 2, d: 3 });
  const qualified = Uint8Array.from(g.ids, (id) => (id === 'd' ? 1 : 0));
  assert.deepEqual(byId(g, twoHopReach(g, [0], { qualified })), { a: 1 });
  assert.throws(() => twoHopReach(g, [9]), /not in the graph/);
});

test('random graphs: agrees with a breadth-first reference', () => {
  for (let seed = 1; seed <= 10; seed++) {
    for (const directed of [false, true]) {
      const g = buildGraph(asEdgeObjects(powerLawEdges(seed, 60, 150)), { directed });
      const qualified = Uint8Array.from(g.ids, (_, i) => (i % 3 === 0 ? 1 : 0));
      const got = twoHopReach(g, undefined, { qualified });
      for (let v = 0; v < g.ids.length; v++) assert.equal(got.get(v), referenceReach(g, v, qualified), `seed ${seed} node ${v}`);
    }
  }
});

test('bridge scores: 0 inside one tribe, 1 − Σ share² across tribes', () => {
  // Two triangles joined by c-d: c has 2 ties in its tribe and 1 outside: 1 − (2/3)² − (1/3)² = 4/9.
  const g = graph('a-b b-c c-a c-d d-e e-f f-d');
  const s = bridgeScores(g, new Int32Array([0, 0, 0, 1, 1, 1]));
  assert.equal(s[0], 0);
  assert.ok(Math.abs((s[2] as number) - 4 / 9) < 1e-12);
  assert.ok(Math.abs((s[3] as number) - 4 / 9) < 1e-12);
  assert.throws(() => bridgeScores(g, new Int32Array(2)), /partition/);
});
