/**
 * Evaluation of the graph scores (Q: Louvain then node-move refinement, unless said otherwise) on ../shared/data/graph-benchmarks (see its SOURCE.md):
 * karate club, email-Eu-core and ego-Facebook, with the published or NetworkX anchors beside.
 * Run: `npm run eval -- graph` (or `node src/analysis/graph/graph.eval.ts`).
 */
import { performance } from 'node:perf_hooks';
import { buildGraph, edgeCount, type CsrGraph } from './csr.ts';
import { pagerank } from './pagerank.ts';
import { detectCommunities, modularity } from './communities.ts';
import { coreNumbers } from './kcore.ts';
import { seededRandom } from '../random.ts';
import { adjustedRandIndex, normalizedMutualInformation } from './partition-agreement.ts';
import { egoFacebookEdges, emailEuCore, karateEdges, karateFactions, MISSING_DATA } from './testing/datasets.ts';

interface Row {
  readonly graph: string;
  readonly measure: string;
  readonly relais: string;
  readonly anchor: string;
}
const rows: Row[] = [];
const row = (graph: string, measure: string, relais: string, anchor: string) => rows.push({ graph, measure, relais, anchor });
const f4 = (x: number) => x.toFixed(4);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

const fromPairs = (pairs: readonly (readonly [string, string])[], directed = false, selfLoops: 'drop' | 'keep' = 'drop'): CsrGraph =>
  buildGraph(
    pairs.map(([source, target]) => ({ source, target })),
    { directed, selfLoops },
  );

/**
 * NetworkX's `to_undirected()` of the email graph keeps one unweighted edge per pair, where the
 * product sums u→v and v→u into weight 2: this gives the NetworkX graph, for a like-for-like row.
 */
const uniquePairs = (pairs: readonly (readonly [string, string])[]): (readonly [string, string])[] => {
  const seen = new Set<string>();
  const out: (readonly [string, string])[] = [];
  for (const [u, v] of pairs) {
    const key = u < v ? `${u} ${v}` : `${v} ${u}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([u, v]);
  }
  return out;
};

const topIds = (g: CsrGraph, scores: Float64Array, k: number): string[] =>
  [...scores.keys()]
    .sort((a, b) => (scores[b] as number) - (scores[a] as number))
    .slice(0, k)
    .map((i) => g.ids[i] as string);

/** Louvain over seeds 0..runs-1: the product's default seed (1), the best, and the spread. */
const louvainRuns = (g: CsrGraph, runs: number) => {
  const qs: number[] = [];
  const raw: number[] = [];
  const counts: number[] = [];
  for (let s = 0; s < runs; s++) {
    const c = detectCommunities(g, { rng: seededRandom(s) });
    qs.push(c.modularity);
    raw.push(c.unrefinedModularity);
    counts.push(c.count);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const spread = (xs: number[]) => `${f4(Math.max(...xs))} / ${f4(mean(xs))} / ${f4(Math.min(...xs))}`;
  return { qs, raw, counts, best: Math.max(...qs), refined: spread(qs), louvainOnly: spread(raw) };
};

const karate = () => {
  const pairs = karateEdges();
  const factions = karateFactions();
  if (!pairs || !factions) return row('karate', '(data)', MISSING_DATA, '');
  const g = fromPairs(pairs);
  row('karate', 'nodes / edges', `${g.ids.length} / ${edgeCount(g)}`, '34 / 78 [published]');
  const pr = pagerank(g);
  const top = topIds(g, pr.scores, 6);
  const at = (id: string) => f4(pr.scores[g.ids.indexOf(id)] as number);
  row('karate', 'PageRank top 6', top.join(' '), '34 1 33 3 2 32 [NetworkX]');
  row('karate', 'PageRank of 34 / 1', `${at('34')} / ${at('1')}`, '0.1009 / 0.0970 [NetworkX]');
  const c1 = detectCommunities(g, { rng: seededRandom(1) });
  row('karate', 'Q, default seed 1 (communities)', `${f4(c1.modularity)} (${c1.count})`, 'in [0.39, 0.42], 4 groups');
  const runs = louvainRuns(g, 50);
  row('karate', 'Q over seeds 0-49, best / mean / worst', runs.refined, 'best 0.4198 (global optimum) [published]');
  row('karate', '  graphology Louvain alone (no refinement)', runs.louvainOnly, '');
  row('karate', 'runs reaching 0.4198 / 4 groups', `${runs.qs.filter((q) => q > 0.4197).length}/50 / ${runs.counts.filter((c) => c === 4).length}/50`, '11/50 / 50/50 [NetworkX]');
  row('karate', '  graphology Louvain alone reaching 0.4198', `${runs.raw.filter((q) => q > 0.4197).length}/50`, '');
  const split = Int32Array.from(g.ids, (id) => (factions.get(id) === 'Officer' ? 1 : 0));
  row('karate', 'Q of the two factions', f4(modularity(g, split)), '0.3582 [NetworkX]');
  row('karate', 'NMI / ARI, Louvain vs factions', `${f4(normalizedMutualInformation(c1.community, split))} / ${f4(adjustedRandIndex(c1.community, split))}`, '(no anchor: 4 groups vs 2)');
  row('karate', 'max core number', String(Math.max(...coreNumbers(g))), '4 [NetworkX core_number]');
};

const email = () => {
  const data = emailEuCore();
  if (!data) return row('email-Eu-core', '(data)', MISSING_DATA, '');
  const directedKeep = fromPairs(data.edges, true, 'keep');
  row('email-Eu-core', 'nodes / directed edges (with loops)', `${directedKeep.ids.length} / ${edgeCount(directedKeep)}`, '1005 / 25571 [published]');
  const prd = pagerank(directedKeep);
  row('email-Eu-core', 'PageRank top 5, directed, loops kept', topIds(directedKeep, prd.scores, 5).join(' '), '1 130 160 62 86 [NetworkX]');
  const directed = fromPairs(data.edges, true);
  row('email-Eu-core', 'PageRank top 5, directed, loops dropped (product)', topIds(directed, pagerank(directed).scores, 5).join(' '), '(loops change the ranks)');
  const g = fromPairs(data.edges);
  row('email-Eu-core', 'undirected edges (no loops)', String(edgeCount(g)), '16064 [SOURCE.md]');
  row('email-Eu-core', 'PageRank top 5, undirected, reciprocal mails summed', topIds(g, pagerank(g).scores, 5).join(' '), '160 121 82 107 86 [NetworkX]');
  const t0 = performance.now();
  const c = detectCommunities(g, { rng: seededRandom(1) });
  row('email-Eu-core', 'Q (communities), seed 1, time', `${f4(c.modularity)} (${c.count}), ${ms(t0)}`, '0.413 (28) [NetworkX seed 42]');
  const runs = louvainRuns(g, 10);
  row('email-Eu-core', 'Q over seeds 0-9, best / mean / worst', runs.refined, '');
  row('email-Eu-core', '  graphology Louvain alone', runs.louvainOnly, '');
  const simple = fromPairs(uniquePairs(data.edges));
  const cs = detectCommunities(simple, { rng: seededRandom(1) });
  row('email-Eu-core', 'as NetworkX: unweighted, loops dropped: Q (communities)', `${f4(cs.modularity)} (${cs.count})`, '0.413 (28) [NetworkX seed 42]');
  row('email-Eu-core', '  PageRank top 5 of that graph', topIds(simple, pagerank(simple).scores, 5).join(' '), '160 121 82 107 86 [NetworkX]');
  const dept = Int32Array.from(g.ids, (id) => Number(data.departments.get(id) ?? -1));
  row('email-Eu-core', 'Q of the 42 departments (weighted / unweighted)', `${f4(modularity(g, dept))} / ${f4(modularity(simple, dept))}`, '0.288 [NetworkX]');
  const nmis: number[] = [];
  const aris: number[] = [];
  for (let s = 0; s < 10; s++) {
    const cs = detectCommunities(g, { rng: seededRandom(s) });
    nmis.push(normalizedMutualInformation(cs.community, dept));
    aris.push(adjustedRandIndex(cs.community, dept));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  row('email-Eu-core', 'NMI vs departments, seed 1 / mean of seeds 0-9', `${f4(nmis[1] as number)} / ${f4(mean(nmis))}`, '(no published anchor)');
  row('email-Eu-core', 'ARI vs departments, seed 1 / mean of seeds 0-9', `${f4(aris[1] as number)} / ${f4(mean(aris))}`, '(no published anchor)');
};

const facebook = () => {
  const pairs = egoFacebookEdges();
  if (!pairs) return row('ego-Facebook', '(data)', MISSING_DATA, '');
  let t0 = performance.now();
  const g = fromPairs(pairs);
  const build = ms(t0);
  row('ego-Facebook', 'nodes / edges', `${g.ids.length} / ${edgeCount(g)}`, '4039 / 88234 [published]');
  row('ego-Facebook', 'build CSR', build, '');
  t0 = performance.now();
  const pr = pagerank(g);
  row('ego-Facebook', 'PageRank time (iterations)', `${ms(t0)} (${pr.iterations})`, '');
  row('ego-Facebook', 'PageRank top 5', topIds(g, pr.scores, 5).join(' '), '3437 107 1684 0 1912 [NetworkX]');
  t0 = performance.now();
  const c = detectCommunities(g, { rng: seededRandom(1) });
  row('ego-Facebook', 'Q (communities), seed 1, time', `${f4(c.modularity)} (${c.count}), ${ms(t0)}`, '0.835 (16) [NetworkX seed 42]');
  const runs = louvainRuns(g, 5);
  row('ego-Facebook', 'Q over seeds 0-4, best / mean / worst', runs.refined, '');
  row('ego-Facebook', '  graphology Louvain alone', runs.louvainOnly, '');
  t0 = performance.now();
  const cores = coreNumbers(g);
  row('ego-Facebook', 'max core number, time', `${Math.max(...cores)}, ${ms(t0)}`, '');
};

const started = performance.now();
karate();
email();
facebook();

const widths = (['graph', 'measure', 'relais', 'anchor'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ');
process.stdout.write(`${line(['graph', 'measure', 'relais', 'anchor'])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`);
for (const r of rows) process.stdout.write(`${line([r.graph, r.measure, r.relais, r.anchor])}\n`);
process.stdout.write(`\ntotal ${ms(started)}; heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB\n`);
