// The dashboard's reads on 1M mentions (ADR 0150). Per target (a dedicated PostgreSQL database,
// dropped after; PGlite in memory): 1M synthetic mentions over a year across 4 workspaces of 5
// queries each, loaded with one insert … select from generate_series per workspace, then the
// rollups built with the very statement the ingest runs (month by month). Then each endpoint's
// work (app/measures/*) is repeated and timed, against the same answer computed from the raw
// mentions with GROUP BY, in the same run. Also the cost the rollups add to an ingest batch.
// Run: npm run bench -- measures. BENCH_N overrides the number of mentions; BENCH_ONLY=pglite|postgres.
import { fixedClock } from '../core/clock.ts';
import type { MeasuresQuery } from '../core/api/measures.ts';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { insertWorkspace } from '../storage/workspaces.repo.ts';
import { insertQuery } from '../storage/queries.repo.ts';
import { insertIngestedMentions, type IngestedMention } from '../storage/mention-ingest.repo.ts';
import { addInsertedMentionsToRollups, rebuildWorkspaceRollups } from '../storage/rollups.repo.ts';
import type { QueryKind } from '../core/listening-query.ts';
import { measureSeries } from './measures/series.ts';
import { foldAuthorLastDays } from './measures/fold-authors.ts';
import { shareOfVoice } from './measures/share-of-voice.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const clock = fixedClock('2026-12-07T12:00:00Z');
const now = clock.now();
const day = 86_400_000;
const yearStart = new Date(now.getTime() - 365 * day);
/** Shares of the mentions per workspace (a large one, a small one). */
const workspaceShares = [0.4, 0.3, 0.2, 0.1];
const queryKinds: readonly QueryKind[] = ['brand', 'competitor', 'competitor', 'trade', 'trade'];
/** Probability that a mention matches each query (in that order). */
const matchRates = [0.3, 0.15, 0.1, 0.4, 0.2];
const authorsPerWorkspace = 20_000;

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};

/** One workspace's mentions in one statement: deterministic pseudo-random fields from hashes of i. */
const load = async (d: TestDatabase, ws: string, queryIds: readonly string[], n: number, offset: number): Promise<void> => {
  const matched = queryIds
    .map((q, j) => `case when abs(hashint4(i * 7 + ${j + 1})) % 1000 < ${Math.round((matchRates[j] ?? 0) * 1000)} then '"${q}"' end`)
    .join(', ');
  await d.query(
    `insert into mentions (workspace_id, network, external_id, author_handle, text, lang, sentiment_label, sentiment_score,
       matched_queries, published_at, fetched_at, metrics)
     select $1::uuid, (array['mastodon', 'bluesky', 'rss', 'hackernews'])[1 + abs(h) % 4], 'bench-' || i,
       '@u' || (abs(hashint4(i * 3)) % ${authorsPerWorkspace}) || '@bench.example', 'mention ' || i, 'fr',
       (array['positive', 'positive', 'positive', 'neutral', 'neutral', 'neutral', 'neutral', 'negative', 'negative', 'negative'])[1 + abs(h) % 10],
       ((abs(h) % 2001) - 1000) / 1000.0,
       ('[' || concat_ws(',', ${matched}) || ']')::jsonb,
       $2::timestamptz + ((abs(hashint4(i * 5)) % ${365 * 86_400})::text || ' seconds')::interval,
       $3::timestamptz,
       case when abs(h) % 2 = 0 then jsonb_build_object('likes', abs(h) % 17, 'reposts', abs(h) % 3) else '{}'::jsonb end
     from (select i, hashint4(i) as h from generate_series(${offset + 1}, ${offset + n}) as i) g`,
    [ws, yearStart.toISOString(), now.toISOString()],
  );
};

/** The same answers computed from the raw mentions (the baseline). */
const rawSeries = (d: TestDatabase, ws: string, from: Date, to: Date, queryId: string | null, grain: 'day' | 'hour' = 'day') => {
  const filter = queryId ? `and matched_queries ? '${queryId}'` : '';
  return Promise.all([
    d.query(
      `select date_trunc('${grain}', published_at, 'UTC') as b, count(*)::int as volume,
         count(*) filter (where sentiment_label = 'positive')::int as positive,
         count(*) filter (where sentiment_label = 'neutral')::int as neutral,
         count(*) filter (where sentiment_label = 'negative')::int as negative,
         sum(sentiment_score::float8) as score_sum,
         count(distinct (network, lower(author_handle)))::int as authors,
         sum(coalesce((metrics->>'likes')::int, 0) + coalesce((metrics->>'reposts')::int, 0) + coalesce((metrics->>'replies')::int, 0)
           + coalesce((metrics->>'quotes')::int, 0) + coalesce((metrics->>'score')::int, 0))::bigint as reach
       from mentions where workspace_id = $1 and published_at >= $2 and published_at < $3 ${filter} group by 1 order by 1`,
      [ws, from.toISOString(), to.toISOString()],
    ),
    d.query(
      `select count(distinct (network, lower(author_handle)))::int as n from mentions
       where workspace_id = $1 and published_at >= $2 and published_at < $3 ${filter}`,
      [ws, from.toISOString(), to.toISOString()],
    ),
  ]);
};
const rawVoices = (d: TestDatabase, ws: string, from: Date, to: Date, voices: readonly string[]) =>
  d.query(
    `select q, date_trunc('day', published_at, 'UTC') as b, count(*)::int as n
     from mentions cross join lateral jsonb_array_elements_text(matched_queries) as q
     where workspace_id = $1 and published_at >= $2 and published_at < $3 and q = any($4::text[]) group by 1, 2`,
    [ws, from.toISOString(), to.toISOString(), `{${voices.join(',')}}`],
  );

const lines: string[] = [];
for (const target of targets.filter((t) => !process.env.BENCH_ONLY || t.name === process.env.BENCH_ONLY)) {
  const skip = await target.skip();
  if (skip) {
    console.log(`${target.name}: skipped (${skip})`);
    continue;
  }
  const d = await target.open();
  try {
    const workspaces: { id: string; queries: string[]; n: number }[] = [];
    let offset = 0;
    let loadMs = 0;
    let rollupMs = 0;
    for (const [w, share] of workspaceShares.entries()) {
      const id = (await insertWorkspace(d.db, { name: `bench ${w}`, now })).id;
      const queries: string[] = [];
      for (const [j, kind] of queryKinds.entries()) queries.push((await insertQuery(d.db, id, { name: `${kind} ${j}`, kind, text: `q${j}`, now })).id);
      const n = Math.round(N * share);
      loadMs += (await time(() => load(d, id, queries, n, offset)))[0];
      offset += n;
      // The ingest's own statement, a month of mentions at a time.
      rollupMs += (await time(() => rebuildWorkspaceRollups(d.db, id, now, { chunkDays: 31 })))[0];
      workspaces.push({ id, queries, n });
      console.log(`${target.name}: workspace ${w + 1} of ${workspaceShares.length} loaded (${fmt(n)} mentions)`);
    }
    // The steady state: autovacuum (PostgreSQL) or the nightly purge (PGlite, which has no
    // autovacuum) leaves the insert-only rollup tables all-visible, so range reads are index-only.
    await d.query('vacuum analyze');
    const sizes = await d.query<{ buckets: number; authors: number }>(
      'select (select count(*) from measure_buckets)::int as buckets, (select count(*) from measure_authors)::int as authors',
    );
    console.log(
      `${target.name}: ${fmt(N)} mentions loaded in ${fmt(loadMs / 1000, 1)} s; rollups built in ${fmt(rollupMs / 1000, 1)} s (${fmt(N / (rollupMs / 1000))} mentions/s): ${fmt(sizes[0]?.buckets ?? 0)} bucket rows, ${fmt(sizes[0]?.authors ?? 0)} author rows`,
    );

    // The dashboard's calls on the largest workspace.
    const big = workspaces[0] as (typeof workspaces)[number];
    const brand = big.queries[0] as string;
    const today = new Date(now.getTime() - (now.getTime() % day));
    const daysBack = (k: number) => new Date(today.getTime() - (k - 1) * day).toISOString();
    const end = new Date(today.getTime() + day);
    const cases: { name: string; run: () => Promise<unknown>; raw: () => Promise<unknown>; check: () => Promise<void> }[] = [];
    const series = (name: string, q: MeasuresQuery, from: Date, queryId: string | null) =>
      cases.push({
        name,
        run: () => measureSeries(d.db, big.id, q, clock),
        raw: () => rawSeries(d, big.id, from, end, queryId, q.grain ?? 'day'),
        // The rollups give the very figures the raw mentions give.
        async check() {
          const [a, [rows, [distinct]]] = await Promise.all([measureSeries(d.db, big.id, q, clock), rawSeries(d, big.id, from, end, queryId)]);
          const volume = (rows as { volume: number }[]).reduce((s, r) => s + r.volume, 0);
          if (a.grain === 'day' && (a.totals.volume !== volume || a.totals.authors !== Number((distinct as { n: number }).n))) {
            throw new Error(`${name}: rollups say ${a.totals.volume} / ${a.totals.authors}, raw mentions ${volume} / ${(distinct as { n: number }).n}`);
          }
        },
      });
    series('all mentions, 30 days by day', {}, new Date(daysBack(30)), null);
    series('all mentions, 365 days by day', { from: daysBack(365) }, new Date(daysBack(365)), null);
    series('brand query, 90 days by day', { from: daysBack(90), queryId: brand }, new Date(daysBack(90)), brand);
    series('all mentions, 7 days by hour', { grain: 'hour' }, new Date(now.getTime() - 7 * day + 3_600_000 - (now.getTime() % 3_600_000)), null);
    const voices = big.queries.slice(0, 3);
    cases.push({
      name: 'share of voice, 90 days by day',
      run: () => shareOfVoice(d.db, big.id, { from: daysBack(90) }, clock),
      raw: () => rawVoices(d, big.id, new Date(daysBack(90)), end, voices),
      async check() {
        const [a, rows] = await Promise.all([shareOfVoice(d.db, big.id, { from: daysBack(90) }, clock), rawVoices(d, big.id, new Date(daysBack(90)), end, voices)]);
        const raw = (rows as { n: number }[]).reduce((s, r) => s + r.n, 0);
        const mine = a.entities.reduce((s, e) => s + e.volume, 0);
        if (raw !== mine) throw new Error(`share of voice: rollups ${mine}, raw ${raw}`);
      },
    });
    cases.push({
      name: 'share of voice, 365 days by day',
      run: () => shareOfVoice(d.db, big.id, { from: daysBack(365) }, clock),
      raw: () => rawVoices(d, big.id, new Date(daysBack(365)), end, voices),
      check: async () => {},
    });
    // The year read before any fold (the cache empty: every day's author rows are read), then the
    // fold job's first fill of the workspace (ADR 0310); the reads below then find the cache full.
    const [coldMs] = await time(() => measureSeries(d.db, big.id, { from: daysBack(365) }, clock));
    const [fillMs] = await time(() => foldAuthorLastDays(d.db, big.id, clock));
    const repeats = target.name === 'postgres' ? 50 : 20;
    const rawRepeats = 5;
    for (const c of cases) {
      await c.check();
      await c.run(); // warm
      const ms: number[] = [];
      for (let i = 0; i < repeats; i++) ms.push((await time(c.run))[0]);
      const rawMs: number[] = [];
      for (let i = 0; i < rawRepeats; i++) rawMs.push((await time(c.raw))[0]);
      lines.push(
        `| ${target.name} | ${c.name} | ${fmt(pct(ms, 50), 1)} | ${fmt(pct(ms, 95), 1)} | ${fmt(pct(rawMs, 50), 0)} | ${fmt(pct(rawMs, 50) / pct(ms, 50), 0)}× |`,
      );
      console.log(`${target.name}: ${c.name} done`);
    }

    const tomorrow = fixedClock(new Date(now.getTime() + day).toISOString());
    // The next day: its first read (yesterday not folded yet: its author rows are read), then the fold of yesterday.
    const [nextDayMs] = await time(() => measureSeries(d.db, big.id, { from: daysBack(364) }, tomorrow));
    const [nextFoldMs] = await time(() => foldAuthorLastDays(d.db, big.id, tomorrow));
    lines.push(`| ${target.name} | all mentions, 365 days: read before any fold (cache empty) | ${fmt(coldMs, 1)} | | | |`);
    lines.push(`| ${target.name} | fold job: first fill of the workspace's series | ${fmt(fillMs, 1)} | | | |`);
    lines.push(`| ${target.name} | all mentions, 365 days: first read of a new day, before its fold | ${fmt(nextDayMs, 1)} | | | |`);
    lines.push(`| ${target.name} | fold job: a new day (yesterday's rows) | ${fmt(nextFoldMs, 1)} | | | |`);

    // What the rollups add to an ingest batch: 1,000 mentions inserted, then counted, vs inserted alone.
    const ws = (await insertWorkspace(d.db, { name: 'ingest cost', now })).id;
    const batch = (k: number): IngestedMention[] =>
      Array.from({ length: 1000 }, (_, i) => ({
        sourceId: null,
        network: 'mastodon',
        externalId: `cost-${k}-${i}`,
        author: { handle: `@u${(k * 1000 + i) % 700}@bench.example` },
        text: `mention ${i}`,
        links: [],
        hashtags: [],
        mentions: [],
        lang: 'fr',
        sentiment: { label: 'neutral', score: 0 },
        matchedQueries: big.queries.filter((_, j) => (i + j) % 3 === 0),
        publishedAt: new Date(now.getTime() - ((k * 1000 + i) % (30 * 24)) * 3_600_000),
        fetchedAt: now,
        metrics: { likes: i % 5 },
        textHash: null,
        nearDuplicateOf: null,
      }));
    const batches = 10;
    const plain: number[] = [];
    const counted: number[] = [];
    for (let k = 0; k < batches; k++) {
      plain.push((await time(() => d.db.transaction((tx) => insertIngestedMentions(tx, ws, batch(2 * k)))))[0]);
      counted.push(
        (
          await time(() =>
            d.db.transaction(async (tx) => {
              const ids = await insertIngestedMentions(tx, ws, batch(2 * k + 1));
              await addInsertedMentionsToRollups(tx, ws, ids.map((r) => r.id), now);
            }),
          )
        )[0],
      );
    }
    lines.push(
      `| ${target.name} | ingest batch of 1,000: insert alone → insert + rollups | ${fmt(pct(plain, 50), 1)} → ${fmt(pct(counted, 50), 1)} | ${fmt(pct(plain, 95), 1)} → ${fmt(pct(counted, 95), 1)} | | ${(pct(counted, 50) / pct(plain, 50)).toFixed(2)}× cost |`,
    );
  } finally {
    await d.close();
  }
}

console.log(`\nDashboard reads on ${fmt(N)} mentions over a year (4 workspaces, 5 queries each), largest workspace ${fmt(N * 0.4)} mentions`);
console.log('| database | call | p50 ms | p95 ms | raw GROUP BY p50 ms | rollups vs raw |');
console.log('|---|---|---:|---:|---:|---:|');
for (const l of lines) console.log(l);
console.log('Target: p95 < 200 ms on PostgreSQL.');
