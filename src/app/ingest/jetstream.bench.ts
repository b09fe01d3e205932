import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { ListeningQuery } from '../../core/listening-query.ts';
import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { startJetstream, subscribeUrl } from '../../sources/bluesky/jetstream.ts';
import { recordedEvents, startFakeJetstream } from '../../sources/bluesky/testing/fake-jetstream.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { freshPglite } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { routePosts, startBlueskyFirehose, type FirehoseMatcher } from './bluesky-firehose.ts';
import { workspaceMatcher } from './matchers.ts';

/**
 * The Bluesky firehose consumer (ADR 0111) against a local Jetstream-shaped server that replays
 * recorded-shaped events as fast as the consumer takes them. The server runs in a worker thread,
 * so the consumer has the main thread (one core) to itself.
 *
 *   1. baseline: a bare WebSocket client that JSON.parses each frame, same server, same events;
 *   2. the consumer: parse + validate + filter + normalise + match against 50 workspaces'
 *      queries, storage stubbed out; with the lag (frames sent − events processed) over time;
 *   3. the same with PGlite storage (startBlueskyFirehose: store matched posts, save the cursor).
 *
 * Run: npm run bench -- jetstream   (EVENTS=100000 by default)
 */

const N = Number(process.env['EVENTS'] ?? 100_000);

if (!isMainThread) {
  const server = await startFakeJetstream(recordedEvents(workerData as number), { chunk: 512 });
  parentPort?.postMessage({ url: server.url });
  const tick = setInterval(() => parentPort?.postMessage({ sent: server.sent() }), 50);
  parentPort?.on('message', async (m: string) => {
    if (m === 'close') {
      clearInterval(tick);
      await server.close();
      process.exit(0);
    }
  });
} else {
  const events = recordedEvents(N);
  const expected = events.filter((e) => e.kind !== 'commit' || e.commit?.collection === 'app.bsky.feed.post').length;

  const startServer = async () => {
    const w = new Worker(new URL(import.meta.url), { workerData: N });
    let sent = 0;
    const url = await new Promise<string>((resolve) =>
      w.on('message', (m: { url?: string; sent?: number }) => {
        if (m.url) resolve(m.url);
        if (m.sent !== undefined) sent = m.sent;
      }),
    );
    return { url, sent: () => sent, close: () => new Promise<void>((r) => (w.postMessage('close'), w.once('exit', () => r()))) };
  };

  // Each workspace listens to three of the 2,000 rare words of the recorded posts (a word, a
  // prefix with a language, a hashtag-or-word): together they match about 7 % of the posts.
  const queries = (ws: number): ListeningQuery[] =>
    [0, 1, 2].map((k) => ({
      id: `q${ws}-${k}`,
      workspaceId: `w${ws}`,
      name: `q${k}`,
      kind: 'trade' as const,
      text: k === 0 ? `mot${ws * 3}` : k === 1 ? `(mot${ws * 3 + 1} OR #mot${ws * 3 + 1}) -spam` : `"mot${ws * 3 + 2}" lang:fr OR mot${ws * 3 + 2} barbier`,
      createdAt: new Date(0),
    }));
  const compiled = Array.from({ length: 50 }, (_, i) => ({ workspaceId: `w${i}`, matcher: workspaceMatcher(`w${i}`, queries(i)) }));
  const matcher: FirehoseMatcher = (post) => {
    const out = [];
    for (const c of compiled) {
      const q = c.matcher.match(post);
      if (q.length) out.push({ workspaceId: c.workspaceId, queryIds: q });
    }
    return out;
  };

  // CPU of this thread only (the server runs in another): a figure that holds on a loaded machine.
  const cpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };

  // 1. Baseline.
  let server = await startServer();
  const baseline = await new Promise<{ ms: number; n: number; cpuMs: number }>((resolve) => {
    const ws = new WebSocket(subscribeUrl(server.url, undefined));
    let n = 0;
    let t0 = 0;
    let c0 = 0;
    ws.addEventListener('message', (ev: MessageEvent) => {
      if (n === 0) {
        t0 = performance.now();
        c0 = cpu();
      }
      JSON.parse(ev.data as string);
      if (++n === expected) {
        ws.close();
        resolve({ ms: performance.now() - t0, n, cpuMs: cpu() - c0 });
      }
    });
  });
  await server.close();

  // 2. The consumer, storage stubbed.
  server = await startServer();
  let routed = 0;
  let matchedPosts = 0;
  const samples: Array<{ s: number; processed: number; lag: number; queued: number }> = [];
  const t0 = performance.now();
  const cpu0 = cpu();
  const consumer = startJetstream({
    url: server.url,
    async onBatch(b) {
      const byWs = routePosts(
        b.posts.map((p) => p.draft),
        matcher,
      );
      for (const list of byWs.values()) routed += list.length;
      matchedPosts += b.posts.length;
    },
  });
  const sampler = setInterval(() => {
    const st = consumer.stats();
    samples.push({ s: (performance.now() - t0) / 1000, processed: st.processed, lag: Math.max(0, server.sent() - st.processed), queued: st.queued });
  }, 500);
  while (consumer.stats().processed < expected) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  const cpuMs = cpu() - cpu0;
  clearInterval(sampler);
  const stats = consumer.stats();
  await consumer.stop();
  await server.close();

  // 3. With PGlite storage, through the firehose runner.
  server = await startServer();
  const db = await freshPglite();
  const clock = fixedClock('2026-12-01T12:00:00Z');
  for (let i = 0; i < 50; i++) {
    const w = await insertWorkspace(db.db, { name: `w${i}`, now: clock.now() });
    await insertSource(db.db, w.id, { kind: 'bluesky', name: 'firehose', config: { mode: 'firehose' }, now: clock.now() });
    for (const q of queries(i)) await insertQuery(db.db, w.id, { name: q.name, kind: q.kind, text: q.text, now: clock.now() });
  }
  const p0 = performance.now();
  const pc0 = cpu();
  const runner = startBlueskyFirehose({ database: db, clock, logger: silentLogger, url: server.url, refreshMs: 60_000 });
  const last = events.at(-1)?.time_us;
  while (runner.stats().cursor !== last) await new Promise((r) => setTimeout(r, 20));
  const pgMs = performance.now() - p0;
  const pgCpuMs = cpu() - pc0;
  const pg = runner.stats();
  await runner.stop();
  const [stored] = await db.query<{ n: number }>('select count(*)::int as n from mentions');
  await db.close();
  await server.close();

  const rate = (n: number, t: number) => Math.round((n / t) * 1000);
  console.log(`Jetstream replay: ${N} recorded-shaped events, ${expected} sent after the server's collection filter (posts, deletes, identity and account events)`);
  console.log(`load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores: wall-clock rates depend on it, CPU rates (this thread's CPU time) much less`);
  console.log('run'.padEnd(42), 'events/s'.padStart(9), 'x base'.padStart(7), 'events/CPU-s'.padStart(13), 'x base'.padStart(7));
  const row = (name: string, n: number, wall: number, cpuT: number) =>
    console.log(
      name.padEnd(42),
      String(rate(n, wall)).padStart(9),
      (rate(n, wall) / rate(baseline.n, baseline.ms)).toFixed(2).padStart(7),
      String(rate(n, cpuT)).padStart(13),
      (rate(n, cpuT) / rate(baseline.n, baseline.cpuMs)).toFixed(2).padStart(7),
    );
  row('baseline: WebSocket + JSON.parse', baseline.n, baseline.ms, baseline.cpuMs);
  row('consumer: parse+filter+normalise+match', stats.processed, ms, cpuMs);
  row('consumer + PGlite storage + cursor', expected, pgMs, pgCpuMs);
  const r2 = rate(stats.processed, ms);
  const r2cpu = rate(stats.processed, cpuMs);
  console.log(`consumer: ${(cpuMs / ms).toFixed(2)} CPU-s per wall-s on its thread; ${stats.overflows} overflow reconnections; ${stats.skipped} unreadable events skipped; ${matchedPosts} posts matched against 150 queries of 50 workspaces → ${routed} workspace mentions`);
  console.log(`PGlite: ${stored?.n ?? 0} mentions stored (${pg.stored} new), ${pg.deleted} deleted, ${pg.batches} batches`);
  console.log('lag over time (consumer, storage stubbed): seconds, events processed, frames sent but not yet processed, queued');
  for (const s of samples) console.log(`  ${s.s.toFixed(1).padStart(5)} s ${String(s.processed).padStart(8)} ${String(s.lag).padStart(8)} ${String(s.queued).padStart(7)}`);
  const half = Math.floor(samples.length / 2);
  const avg = (xs: typeof samples) => xs.reduce((a, s) => a + s.lag, 0) / Math.max(1, xs.length);
  const early = avg(samples.slice(0, half));
  const late = avg(samples.slice(half));
  console.log(`mean lag: first half ${Math.round(early)}, second half ${Math.round(late)} → ${late <= early * 1.5 + 1000 ? 'not growing' : 'GROWING'}`);
  console.log(`target ≥ 2,000 events/s on one core: ${r2 >= 2000 ? 'met' : 'NOT met'} in wall-clock time (${r2}/s), ${r2cpu >= 2000 ? 'met' : 'NOT met'} per CPU-second (${r2cpu}/s)`);
}
