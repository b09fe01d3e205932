/**
 * PageRank on a synthetic directed graph of 1M edges (seeded, preferential: heavy-tailed degrees):
 * the typed-array implementation against graphology-metrics' PageRank and against a plain
 * Map-based implementation (the baseline any of us would write first). Same damping, same
 * stopping rule (L1 change < 1e-9, at most 200 iterations), same graph.
 * Run: `npm run bench -- pagerank` (runs with --expose-gc, so memory figures are after a collection).
 */
import { performance } from 'node:perf_hooks';
import { DirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { createGraphBuilder, edgeCount, type CsrGraph } from './csr.ts';
import { pagerank, personalizedPagerank } from './pagerank.ts';
import { coreNumbers } from './kcore.ts';
import { powerLawEdges } from './testing/random-graphs.ts';

// CommonJS with an ES default in its types: under Node's interop the default import is the function.
const graphologyPagerank = pagerankModule as unknown as typeof pagerankModule.default;

const NODES = 100_000;
const EDGES = 1_000_000;
const TOLERANCE = 1e-9;
const MAX_ITERATIONS = 200;
/** Runs of the typed-array PageRank (median); the baselines are slow, so they run once. */
const RUNS = 3;

const gc = (globalThis as { gc?: () => void }).gc;
const usedBytes = (): number => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const edges = powerLawEdges(20261122, NODES, EDGES);
const id = (i: number) => `u${i}`;

interface Result {
  readonly name: string;
  readonly buildMs: number;
  readonly graphBytes: number;
  readonly runMs: number;
  readonly top: string[];
  readonly note: string;
}

const topOf = (entries: Iterable<[string, number]>, k = 5): string[] =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([key]) => key);

const timeRuns = (fn: () => void, runs = RUNS): number => {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
};

const typedArrays = (): Result => {
  const before = usedBytes();
  const t0 = performance.now();
  // The builder (and its edge buffer) goes out of scope once built, as in the product.
  const build = (): CsrGraph => {
    const b = createGraphBuilder({ directed: true });
    for (let e = 0; e < EDGES; e++) b.add(id(edges.src[e] as number), id(edges.dst[e] as number), 1);
    return b.build();
  };
  let g: CsrGraph | undefined = build();
  const buildMs = performance.now() - t0;
  const graphBytes = usedBytes() - before;
  let iterations = 0;
  let scores: Float64Array = new Float64Array(0);
  const runMs = timeRuns(() => {
    const r = pagerank(g as CsrGraph, { tolerance: TOLERANCE, maxIterations: MAX_ITERATIONS });
    iterations = r.iterations;
    scores = r.scores;
  });
  const top = topOf(g.ids.map((x, i) => [x, scores[i] as number] as [string, number]));
  const seeds = g.ids.slice(0, 100);
  const pprMs = timeRuns(() => personalizedPagerank(g as CsrGraph, seeds, { tolerance: TOLERANCE, maxIterations: MAX_ITERATIONS }));
  const coreMs = timeRuns(() => coreNumbers(g as CsrGraph));
  const note = `${g.ids.length} nodes, ${edgeCount(g)} distinct edges, ${iterations} iterations; personalised (100 seeds) ${pprMs.toFixed(0)} ms; k-core ${coreMs.toFixed(0)} ms`;
  g = undefined;
  return { name: 'relais typed arrays (CSR)', buildMs, graphBytes, runMs, top, note };
};

const graphologyMetrics = (): Result => {
  const before = usedBytes();
  const t0 = performance.now();
  let graph: DirectedGraph | undefined = new DirectedGraph({ allowSelfLoops: false });
  for (let e = 0; e < EDGES; e++) {
    const s = id(edges.src[e] as number);
    const t = id(edges.dst[e] as number);
    if (s === t) continue;
    graph.mergeNode(s);
    graph.mergeNode(t);
    graph.updateEdge(s, t, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  }
  const buildMs = performance.now() - t0;
  const graphBytes = usedBytes() - before;
  const n = graph.order;
  let scores: Record<string, number> = {};
  // graphology-metrics stops when the L1 change < N × tolerance: scale it to the same rule.
  const runMs = timeRuns(() => {
    scores = graphologyPagerank(graph as DirectedGraph, { getEdgeWeight: 'weight', alpha: 0.85, tolerance: TOLERANCE / n, maxIterations: MAX_ITERATIONS });
  }, 1);
  const note = `${n} nodes, ${graph.size} edges`;
  graph = undefined;
  return { name: 'graphology-metrics pagerank', buildMs, graphBytes, runMs, top: topOf(Object.entries(scores)), note };
};

/** The baseline: adjacency as Map<string, Map<string, number>>, scores in Maps, same algorithm. */
const mapBased = (): Result => {
  const before = usedBytes();
  const t0 = performance.now();
  let adj: Map<string, Map<string, number>> | undefined = new Map();
  for (let e = 0; e < EDGES; e++) {
    const s = id(edges.src[e] as number);
    const t = id(edges.dst[e] as number);
    if (!adj.has(t)) adj.set(t, new Map());
    if (s === t) {
      if (!adj.has(s)) adj.set(s, new Map());
      continue;
    }
    let row = adj.get(s);
    if (!row) adj.set(s, (row = new Map()));
    row.set(t, (row.get(t) ?? 0) + 1);
  }
  const buildMs = performance.now() - t0;
  const graphBytes = usedBytes() - before;
  let scores = new Map<string, number>();
  let iterations = 0;
  const a = adj;
  const runMs = timeRuns(() => {
    const n = a.size;
    const out = new Map<string, number>();
    for (const [s, row] of a) {
      let sum = 0;
      for (const w of row.values()) sum += w;
      out.set(s, sum);
    }
    let x = new Map<string, number>();
    for (const s of a.keys()) x.set(s, 1 / n);
    iterations = 0;
    for (;;) {
      iterations++;
      let dangling = 0;
      const next = new Map<string, number>();
      for (const s of a.keys()) next.set(s, 0);
      for (const [s, row] of a) {
        const o = out.get(s) ?? 0;
        const xs = x.get(s) ?? 0;
        if (o === 0) {
          dangling += xs;
          continue;
        }
        for (const [t, w] of row) next.set(t, (next.get(t) ?? 0) + (0.85 * xs * w) / o);
      }
      let delta = 0;
      for (const [s, v] of next) {
        const y = v + (0.85 * dangling + 0.15) / n;
        next.set(s, y);
        delta += Math.abs(y - (x.get(s) ?? 0));
      }
      x = next;
      if (delta < TOLERANCE || iterations >= MAX_ITERATIONS) break;
    }
    scores = x;
  }, 1);
  const note = `${a.size} nodes, ${iterations} iterations`;
  adj = undefined;
  return { name: 'Map-based baseline', buildMs, graphBytes, runMs, top: topOf(scores), note };
};

if (!gc) process.stdout.write('(run with --expose-gc for memory figures after a collection, as `npm run bench` does)\n');
const results = [typedArrays(), graphologyMetrics(), mapBased()];
const [ours] = results as [Result, ...Result[]];
process.stdout.write(`PageRank, directed power-law graph: ${NODES} nodes, ${EDGES} edge draws; relais: median of ${RUNS} runs, baselines: 1 run\n\n`);
const header = ['implementation', 'build', 'graph memory', 'pagerank', 'time ÷ relais', 'memory ÷ relais', 'top 5'];
const table = results.map((r) => [
  r.name,
  `${r.buildMs.toFixed(0)} ms`,
  mb(r.graphBytes),
  `${r.runMs.toFixed(0)} ms`,
  `${(r.runMs / ours.runMs).toFixed(2)}×`,
  `${(r.graphBytes / ours.graphBytes).toFixed(2)}×`,
  r.top.join(' '),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ');
process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`);
for (const row of table) process.stdout.write(`${line(row)}\n`);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.name}: ${r.note}\n`);
const agree = results.every((r) => r.top.join() === ours.top.join());
process.stdout.write(`top 5 identical across implementations: ${agree ? 'yes' : 'NO'}\n`);
