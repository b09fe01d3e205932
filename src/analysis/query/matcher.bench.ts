/**
 * Matcher benchmark: 1k, 10k and 100k synthetic queries over 100k synthetic posts
 * of ~200 characters (see testing/synthetic-corpus.ts). Baseline, measured in the
 * same run: the plain reference evaluator (tokenise the post, walk every query's
 * tree), timed on a sample of posts and extrapolated per post; both must agree on
 * that sample. Run: `npm run bench -- matcher` (or `node --expose-gc` on this file).
 */
import { loadavg } from 'node:os';
import type { MatchablePost, QueryNode } from './ast.ts';
import { createMatcher } from './matcher.ts';
import { parseQuery } from './parse.ts';
import { normalizeText } from '../text/normalize.ts';
import { createCorpus, makePost, makeQuery, type QueryMix } from './testing/synthetic-corpus.ts';
import { matchReference } from './testing/reference-evaluator.ts';

const POSTS = 100_000;
const VOCABULARY = 200_000;
const RUNS: Array<{ queries: number; mix: QueryMix }> = [
  { queries: 1_000, mix: 'names' },
  { queries: 10_000, mix: 'names' },
  { queries: 100_000, mix: 'names' },
  { queries: 100_000, mix: 'broad' },
];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

const corpus = createCorpus(42, VOCABULARY);
const posts: MatchablePost[] = Array.from({ length: POSTS }, () => makePost(corpus));
const bytes = posts.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
process.stdout.write(`${POSTS} posts, ${mb(bytes)} MB of text, ${(bytes / POSTS).toFixed(0)} bytes per post on average\n\n`);

interface Row {
  queries: number;
  mix: QueryMix;
  cpuPostsPerSec: string;
  build: string;
  heap: string;
  rss: string;
  postsPerSec: string;
  mbPerSec: string;
  matchesPerPost: string;
  refPostsPerSec: string;
  refSample: number;
  ratio: string;
  addRemove: string;
}
const rows: Row[] = [];
let lastRatio = 0;
let lastRate = 0;
let lastCpuRate = 0;

for (const { queries: n, mix } of RUNS) {
  const qc = createCorpus(1000 + n, VOCABULARY);
  const texts = Array.from({ length: n }, () => makeQuery(qc, mix));
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const matcher = createMatcher();
  const asts = new Map<string, QueryNode>();
  texts.forEach((q, i) => {
    const r = parseQuery(q);
    if (!r.ok) throw new Error(`synthetic query refused: ${q} (${r.error.code})`);
    const id = `q${String(i).padStart(6, '0')}`;
    asts.set(id, r.ast);
    matcher.add(id, r.ast);
  });
  const build = performance.now() - t0;
  gc();
  const after = process.memoryUsage();

  for (let i = 0; i < 5000; i++) matcher.match(posts[i] as MatchablePost);
  let matches = 0;
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  for (let i = 0; i < POSTS; i++) matches += matcher.match(posts[i] as MatchablePost).length;
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(c1);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  // Reference on a sample, checked for agreement with the matcher.
  const sample = Math.max(20, Math.min(2000, Math.round(4_000_000 / n)));
  const t2 = performance.now();
  const expected: string[][] = [];
  for (let i = 0; i < sample; i++) expected.push(matchReference(asts, posts[i] as MatchablePost));
  const refSeconds = (performance.now() - t2) / 1000;
  for (let i = 0; i < sample; i++) {
    const got = matcher.match(posts[i] as MatchablePost);
    if (JSON.stringify(got) !== JSON.stringify(expected[i])) throw new Error(`matcher and reference disagree on post ${i}`);
  }

  // Incremental updates on the full index: remove then re-add 1,000 queries.
  const ids = [...asts.keys()].slice(0, 1000);
  const t3 = performance.now();
  for (const id of ids) matcher.remove(id);
  for (const id of ids) matcher.add(id, asts.get(id) as QueryNode);
  const updateMicros = ((performance.now() - t3) * 1000) / (2 * ids.length);

  const rate = POSTS / seconds;
  const refRate = sample / refSeconds;
  if (mix === 'names') {
    lastRatio = rate / refRate;
    lastRate = rate;
    lastCpuRate = POSTS / cpuSeconds;
  }
  rows.push({
    queries: n,
    mix,
    cpuPostsPerSec: (POSTS / cpuSeconds).toFixed(0),
    build: `${build.toFixed(0)} ms`,
    heap: `${mb(after.heapUsed - before.heapUsed)} MB`,
    rss: `${mb(after.rss - before.rss)} MB`,
    postsPerSec: rate.toFixed(0),
    mbPerSec: (bytes / 1048576 / seconds).toFixed(1),
    matchesPerPost: (matches / POSTS).toFixed(2),
    refPostsPerSec: refRate.toFixed(0),
    refSample: sample,
    ratio: `${(rate / refRate).toFixed(0)}×`,
    addRemove: `${updateMicros.toFixed(1)} µs`,
  });
  process.stdout.write(`${n} ${mix} queries done (${matcher.stats().atoms} distinct atoms)\n`);

  if (n === 100_000 && mix === 'names') {
    // The alternative DESIGN §4 rejects: one RegExp of every single-word term, which only finds
    // terms (no phrases, prefixes, fields or boolean logic). Timed on a sample.
    const terms = new Set<string>();
    const collect = (q: QueryNode): void => {
      if (q.type === 'word') terms.add(q.value);
      else if (q.type === 'not') collect(q.child);
      else if (q.type === 'and' || q.type === 'or') q.children.forEach(collect);
    };
    asts.forEach(collect);
    const escaped = [...terms].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    const reSample = 500;
    let termHits = 0;
    const t5 = performance.now();
    for (let i = 0; i < reSample; i++) termHits += normalizeText((posts[i] as MatchablePost).text).match(re)?.length ?? 0;
    const reSeconds = (performance.now() - t5) / 1000;
    process.stdout.write(
      `one RegExp of the ${terms.size} single-word terms (terms only, no logic), on ${reSample} posts: ` +
        `${(reSample / reSeconds).toFixed(0)} posts/s, ${((bytes / POSTS) * reSample / 1048576 / reSeconds).toFixed(2)} MB/s, ${termHits} term hits\n`,
    );

    const big = { text: posts.slice(0, 5000).map((p) => p.text).join(' ') };
    const t4 = performance.now();
    const found = matcher.match(big).length;
    process.stdout.write(`one ${mb(Buffer.byteLength(big.text))} MB post against ${n} queries: ${(performance.now() - t4).toFixed(0)} ms, ${found} queries match\n`);
  }
}

process.stdout.write('\n');
console.table(rows.map((r) => ({
  queries: r.queries,
  mix: r.mix,
  'build (parse+add)': r.build,
  'heap Δ': r.heap,
  'RSS Δ': r.rss,
  'posts/s': r.postsPerSec,
  'posts/CPU-s': r.cpuPostsPerSec,
  'MB/s': r.mbPerSec,
  'matches/post': r.matchesPerPost,
  'reference posts/s': `${r.refPostsPerSec} (sample ${r.refSample})`,
  'vs reference': r.ratio,
  'add/remove': r.addRemove,
})));
process.stdout.write(
  `load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine (posts/s is wall time, posts/CPU-s is this process's CPU time)\n` +
  `targets at 100k "names" queries: ≥ 50,000 posts/s on one core, counted per CPU-second of this single-threaded process ` +
    `(${lastCpuRate >= 50_000 ? 'met' : 'NOT met'}: ${lastCpuRate.toFixed(0)}; wall clock ${lastRate.toFixed(0)}, which other processes on this machine slow down), ` +
    `≥ 100× the reference (${lastRatio >= 100 ? 'met' : 'NOT met'}: ${lastRatio.toFixed(0)}×)\n` +
    'reference posts/s is measured on the sample shown and extrapolated; one core, single thread.\n',
);
