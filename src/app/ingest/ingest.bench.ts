// Ingest throughput: N synthetic mentions through the full pipeline (dedup lookups, language,
// sentiment, the workspace's queries, near-duplicate lookups, batched insert) against, in the
// same run and on a fresh database each, (a) a raw COPY of the very rows the pipeline
// produced (server-side COPY FROM file on PostgreSQL, COPY FROM '/dev/blob' on PGlite) and
// (b) the bulk inserts without analysis or lookups (unnest arrays; COPY into staging).
// The analysis worker is started before the timing, as serve and worker start it at boot, and an
// untimed ingest of the same drafts warms the code (ADR 0300, 0320): the rate is that of a running
// server, not of its first batches. Three rounds, each between two raw COPYs (ADR 0320).
// Run: node src/app/ingest/ingest.bench.ts (or npm run bench -- ingest). BENCH_N overrides N;
// BENCH_ROUNDS the rounds (3); BENCH_ONLY=pglite|postgres measures one target.
import { writeFileSync, rmSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { fixedClock } from '../../core/clock.ts';
import type { MentionDraft } from '../../core/mention.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertIngestedMentions, insertIngestedMentionsByCopy, type IngestedMention } from '../../storage/mention-ingest.repo.ts';
import { loadavg } from 'node:os';
import { storeDrafts } from './store-drafts.ts';
import { analysisPool } from './analysis-pool.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error(`BENCH_ROUNDS must be a whole number of rounds, 1 or more (got ${JSON.stringify(process.env.BENCH_ROUNDS)}).`);
  process.exit(2);
}
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const clock = fixedClock('2026-11-20T09:00:00Z');

// Deterministic generator (no Math.random): the same posts every run.
let seed = 42;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
const fr = ['le savon', 'la barbe', 'mon barbier', 'cette huile', 'le rasoir', 'la mousse', 'le parfum', 'Coupe-Chou', 'Barbe Royale', 'le blaireau'];
const frv = ['est vraiment excellent', 'me déçoit beaucoup', 'sent très bon', 'pique un peu', 'arrive demain', 'coûte trop cher', 'est parfait pour débuter'];
const en = ['this soap', 'my barber', 'the beard oil', 'the razor', 'Coupe-Chou', 'the lather', 'shipping'];
const env = ['is really great', 'was a huge disappointment', 'smells lovely', 'took forever', 'is fine I guess', 'beats everything else'];
const tags = ['#rasage', '#barbe', '#wetshaving', '#coupechou', '', '', ''];

const drafts: MentionDraft[] = Array.from({ length: N }, (_, i) => {
  const french = rnd() < 0.6;
  const text = french
    ? `${pick(fr)} ${pick(frv)}, et ${pick(fr)} ${pick(frv)}. ${pick(tags)} (${i})`
    : `${pick(en)} ${pick(env)} and ${pick(en)} ${pick(env)}. ${pick(tags)} (${i})`;
  return {
    network: 'mastodon',
    externalId: `bench-${i}`,
    url: `https://social.example/@u${i % 997}/${i}`,
    author: { handle: `@u${i % 997}@social.example`, name: `User ${i % 997}` },
    text,
    links: [],
    hashtags: [],
    mentions: [],
    publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000),
  };
});

const queries = [
  'coupe-chou OR coupechou OR #coupechou',
  '"barbe royale"',
  '(rasage OR barbe OR barbier) lang:fr',
  '("beard oil" OR #wetshaving OR lather) lang:en',
  'savon AND parfum',
  'razor -shipping',
];

const setUp = async (db: TestDatabase) => {
  const ws = (await insertWorkspace(db.db, { name: 'bench', now: clock.now() })).id;
  for (const [i, q] of queries.entries()) await insertQuery(db.db, ws, { name: `q${i}`, kind: 'trade', text: q, now: clock.now() });
  return ws;
};

const csvField = (v: string | null): string => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
const copyColumns =
  'workspace_id, source_id, network, external_id, url, author_handle, author_name, author_url, author_avatar_url, text, html, title, links, hashtags, mentions, declared_lang, lang, sentiment_label, sentiment_score, matched_queries, published_at, fetched_at, in_reply_to, thread_root, metrics, text_hash, near_duplicate_of';
const toCsv = (ws: string, rows: readonly Record<string, unknown>[]): string =>
  rows
    .map((r) =>
      copyColumns
        .split(', ')
        .map((c) => (c === 'workspace_id' ? csvField(ws) : csvField(r[c] === null || r[c] === undefined ? null : typeof r[c] === 'object' && !(r[c] instanceof Date) ? JSON.stringify(r[c]) : r[c] instanceof Date ? (r[c] as Date).toISOString() : String(r[c]))))
        .join(','),
    )
    .join('\n');


// CPU time, which the machine's load does not inflate as it does wall time: this process's (with
// its worker thread; PGlite runs here) plus, on PostgreSQL, that of the server backends of the
// phase's fresh database, read from /proc (clock ticks of 10 ms; a backend the pool closed
// before the end of the phase is not counted).
const backendTicks = async (d: TestDatabase): Promise<Map<number, number>> => {
  const out = new Map<number, number>();
  if (d.kind !== 'postgres') return out;
  for (const { pid } of await d.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      // Not on this machine (a remote server): only this process is counted.
    }
  }
  return out;
};
interface Cpu2 {
  readonly own: number;
  readonly server: number;
}
interface Cpu {
  readonly own: NodeJS.CpuUsage;
  readonly server: Map<number, number>;
}
const cpuStart = async (d: TestDatabase): Promise<Cpu> => ({ own: process.cpuUsage(), server: await backendTicks(d) });
/** CPU seconds since `start`: this process, the database server's backends. */
const cpuSince = async (d: TestDatabase, start: Cpu): Promise<Cpu2> => {
  const own = process.cpuUsage(start.own);
  let ticks = 0;
  for (const [pid, t] of await backendTicks(d)) ticks += t - (start.server.get(pid) ?? 0);
  return { own: (own.user + own.system) / 1e6, server: ticks / 100 };
};

// PostgreSQL writes an earlier phase's dirty pages at its next checkpoint, which would then
// fall in whatever phase runs at that moment: every timed phase starts after a checkpoint.
const settle = async (d: TestDatabase): Promise<void> => {
  if (d.kind === 'postgres') await d.query('checkpoint');
};

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const lines: string[] = [];
const cpuLines: string[] = [];

// BENCH_ONLY=pglite|postgres measures one target.
for (const target of targets.filter((t) => !process.env.BENCH_ONLY || t.name === process.env.BENCH_ONLY)) {
  const skip = await target.skip();
  if (skip) {
    console.log(`${target.name}: skipped (${skip})`);
    continue;
  }
  // 1. Full pipeline, its analysis worker started as at boot: as the listening sources store
  // (replayable: batches commit without waiting for the WAL flush, ADR 0300), then as imports do
  // (every batch flushed).
  await analysisPool().start();
  const pipeline = async (replayable: boolean) => {
    const d = await target.open();
    const ws = await setUp(d);
    await settle(d);
    const c = await cpuStart(d);
    const start = performance.now();
    const report = await storeDrafts(drafts, { db: d.db, clock, workspaceId: ws, sourceId: null, batchSize: 1000, replayable });
    const ms = performance.now() - start;
    const cpu = await cpuSince(d, c);
    if (report.stored !== N) throw new Error(`pipeline stored ${report.stored} of ${N}`);
    return { d, ws, ms, cpu };
  };
  // 2. Raw COPY of the same rows.
  const rawCopy = async (rows: readonly Record<string, unknown>[]) => {
    const d = await target.open();
    const ws = await setUp(d);
    const csv = toCsv(ws, rows);
    await settle(d);
    const c = await cpuStart(d);
    const t = performance.now();
    if (target.name === 'pglite') {
      await (d.pglite as PGlite).query(`copy mentions (${copyColumns}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
    } else {
      const file = join(tmpdir(), `relais-bench-${process.pid}.csv`);
      writeFileSync(file, csv);
      chmodSync(file, 0o644);
      try {
        await d.query(`copy mentions (${copyColumns}) from '${file}' with (format csv)`);
      } finally {
        rmSync(file, { force: true });
      }
    }
    const ms = performance.now() - t;
    const cpu = await cpuSince(d, c);
    const copied = Number((await d.query<{ n: number }>('select count(*)::int as n from mentions'))[0]?.n);
    if (copied !== N) throw new Error(`COPY stored ${copied} of ${N}`);
    await d.close();
    return { ms, cpu };
  };

  // The machine's own speed drifts over seconds (a shared VM: the raw COPY alone has read 22k/s
  // and 36k/s in runs minutes apart), so each ratio is taken within a round and the median
  // round's ratio is reported (ADR 0320).
  // And warm: a first ingest of the same drafts, untimed, so the timed runs measure the code as a
  // server runs it after its first batches, not while it is still being compiled; its rows are
  // what the raw COPY copies.
  const warm = await pipeline(true);
  const rows = await warm.d.query<Record<string, unknown>>(`select ${copyColumns} from mentions where workspace_id = $1`, [warm.ws]);
  await warm.d.close();
  // Each round's pipelines run between two raw COPYs (the one before is the previous round's
  // after), and the round's ratio takes their mean: a drift of the machine's speed during the
  // round moves its baseline with it.
  let before = await rawCopy(rows);
  const rounds: { listening: number; flushed: number; copy: number; listeningCpu: Cpu2; flushedCpu: Cpu2; copyCpu: Cpu2 }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const p1 = await pipeline(true);
    await p1.d.close();
    const p2 = await pipeline(false);
    await p2.d.close();
    const after = await rawCopy(rows);
    const copy = (before.ms + after.ms) / 2;
    const copyCpu = { own: (before.cpu.own + after.cpu.own) / 2, server: (before.cpu.server + after.cpu.server) / 2 };
    rounds.push({ listening: p1.ms, flushed: p2.ms, copy, listeningCpu: p1.cpu, flushedCpu: p2.cpu, copyCpu });
    console.log(
      `${target.name} round ${r + 1}: COPY ${Math.round(before.ms)} ms, listening ${Math.round(p1.ms)} ms, flushed ${Math.round(p2.ms)} ms, COPY ${Math.round(after.ms)} ms (ratios ${(copy / p1.ms).toFixed(2)} / ${(copy / p2.ms).toFixed(2)})`,
    );
    before = after;
  }
  const listeningRatios = rounds.map((x) => x.copy / x.listening);
  const flushedRatios = rounds.map((x) => x.copy / x.flushed);
  const pipelineMs = median(rounds.map((x) => x.listening));
  const flushedMs = median(rounds.map((x) => x.flushed));
  const copyMs = median(rounds.map((x) => x.copy));
  const medianCpu = (pick: (x: (typeof rounds)[number]) => Cpu2): Cpu2 => ({ own: median(rounds.map((x) => pick(x).own)), server: median(rounds.map((x) => pick(x).server)) });
  const pipelineCpu = medianCpu((x) => x.listeningCpu);
  const flushedCpu = medianCpu((x) => x.flushedCpu);
  const copyCpu = medianCpu((x) => x.copyCpu);

  // 3. The bulk inserts alone (rows already analysed), same batch size, one transaction per batch:
  // unnest arrays (ADR 0062) and COPY into a staging table (ADR 0131, what the pipeline uses).
  const prepared: IngestedMention[] = rows.map((r, i) => ({
    ...(drafts[i] as MentionDraft),
    externalId: String(r.external_id),
    sourceId: null,
    lang: String(r.lang),
    sentiment: { label: r.sentiment_label as 'neutral', score: Number(r.sentiment_score) },
    matchedQueries: r.matched_queries as string[],
    fetchedAt: clock.now(),
    textHash: (r.text_hash as string | null) ?? null,
    nearDuplicateOf: null,
  }));
  const bulk = async (insert: typeof insertIngestedMentions): Promise<number> => {
    const d = await target.open();
    const ws = await setUp(d);
    await settle(d);
    const start = performance.now();
    for (let i = 0; i < prepared.length; i += 1000) await d.db.transaction((tx) => insert(tx, ws, prepared.slice(i, i + 1000)));
    const ms = performance.now() - start;
    await d.close();
    return ms;
  };
  const insertMs = await bulk(insertIngestedMentions);
  const copyInsertMs = await bulk(insertIngestedMentionsByCopy);

  const rate = (ms: number) => (N / ms) * 1000;
  lines.push(
    `| ${target.name} | raw COPY (baseline) | ${fmt(rate(copyMs))} | 1.00 | |`,
    `| ${target.name} | bulk insert (unnest arrays), no analysis | ${fmt(rate(insertMs))} | ${(copyMs / insertMs).toFixed(2)} | |`,
    `| ${target.name} | bulk insert (COPY into staging), no analysis | ${fmt(rate(copyInsertMs))} | ${(copyMs / copyInsertMs).toFixed(2)} | |`,
    `| ${target.name} | full ingest pipeline (listening sources) | ${fmt(rate(pipelineMs))} | **${median(listeningRatios).toFixed(2)}** | ${listeningRatios.map((x) => x.toFixed(2)).join(' ')} |`,
    `| ${target.name} | full ingest pipeline, every batch flushed (imports) | ${fmt(rate(flushedMs))} | **${median(flushedRatios).toFixed(2)}** | ${flushedRatios.map((x) => x.toFixed(2)).join(' ')} |`,
  );
  const total = (c: { own: number; server: number }): number => c.own + c.server;
  const server = (c: { server: number }): string => (target.name === 'postgres' ? c.server.toFixed(1) : 'in process');
  cpuLines.push(
    `| ${target.name} | raw COPY (baseline) | ${copyCpu.own.toFixed(1)} | ${server(copyCpu)} | ${total(copyCpu).toFixed(1)} | 1.00 |`,
    `| ${target.name} | full ingest pipeline (listening sources) | ${pipelineCpu.own.toFixed(1)} | ${server(pipelineCpu)} | ${total(pipelineCpu).toFixed(1)} | ${(total(copyCpu) / total(pipelineCpu)).toFixed(2)} |`,
    `| ${target.name} | full ingest pipeline, every batch flushed (imports) | ${flushedCpu.own.toFixed(1)} | ${server(flushedCpu)} | ${total(flushedCpu).toFixed(1)} | ${(total(copyCpu) / total(flushedCpu)).toFixed(2)} |`,
  );
  console.log(`${target.name}: done (pipeline ${Math.round(pipelineMs)} ms, flushed ${Math.round(flushedMs)} ms, copy ${Math.round(copyMs)} ms, inserts ${Math.round(insertMs)} / ${Math.round(copyInsertMs)} ms)`);
}

console.log(`\nIngest of ${fmt(N)} synthetic mentions (${queries.length} queries), one fresh database per run; ${ROUNDS} rounds of (pipeline, pipeline flushed) between raw COPYs`);
console.log('| database | path | mentions/s (median round) | ratio to COPY (median of the rounds) | each round |');
console.log('|---|---|---:|---:|---|');
for (const l of lines) console.log(l);
console.log('Target: full pipeline ≥ 0.50 of raw COPY. The analysis worker was started before the timing, as serve and worker start it at boot, and an untimed ingest of the same drafts warmed the code first. A round\'s COPY rate is the mean of the COPYs before and after it.');
console.log('Listening sources (feeds, APIs, the firehose) save their position with their mentions and commit batches without waiting for the WAL flush; imports flush every batch (ADR 0300). PGlite has one mode.');
console.log(`\nCPU seconds for the same ${fmt(N)} mentions (work done, whatever the load; medians of the rounds): this process (with its analysis worker), the server's backends`);
console.log('| database | path | this process | server | total | COPY total / this total |');
console.log('|---|---|---:|---:|---:|---:|');
for (const l of cpuLines) console.log(l);
console.log(`Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; wall-clock rates, so other processes slow every row).`);
