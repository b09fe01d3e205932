import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { ListeningQuery } from '../../core/listening-query.ts';
import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { startJetstream, subscribeUrl, type JetstreamBatch } from '../../sources/bluesky/jetstream.ts';
import { recordedEvents, startFakeJetstream } from '../../sources/bluesky/testing/fake-jetstream.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { freshPglite } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { routePosts, startBlueskyFirehose, type FirehoseMatcher } from './bluesky-firehose.ts';
import { createIdentityResolver } from '../../sources/bluesky/identity.ts';
import { didDocument, startDidDirectory } from '../../sources/bluesky/testing/did-directory.ts';
import { startLocalDns } from '../../sources/bluesky/testing/dns-server.ts';
import { ALICE, BOB, BRAND } from '../../sources/bluesky/testing/records.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { createMatcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';

/**
 * The Bluesky firehose consumer (ADR 0111) against a local Jetstream-shaped server that replays
 * recorded-shaped events as fast as the consumer takes them. The server runs in a worker thread,
 * so the consumer has the main thread (one core) to itself.
 *
 *   1. baseline: a bare WebSocket client that JSON.parses each frame, same server, same events;
 *   2. the consumer: parse + validate + filter + normalise + match against 50 workspaces'
 *      queries, storage stubbed out, as fast as it goes;
 *   3. live: the server sends 2,000 events/s (the relay's peak) stamped with their send time,
 *      with a burst of 10,000 at once; the lag (now − send time of the last event handled) is
 *      printed over time and must not grow;
 *   4. as 2 with PGlite storage (startBlueskyFirehose: store matched posts, save the cursor,
 *      authors' DIDs resolved to handles in the background against a local directory).
 * Rates are given per wall-clock second and per CPU-second of the consumer's thread: on a
 * loaded machine the first measures the machine, the second the code.
 *
 * Run: npm run bench -- jetstream   (EVENTS=100000, LIVE_EVENTS=50000 by default; IDENTITIES=off
 * runs step 4 without resolving authors, for comparison)
 */

const N = Number(process.env['EVENTS'] ?? 100_000);

interface ServerSpec {
  readonly n: number;
  readonly ratePerSecond?: number;
  readonly burst?: { after: number; size: number };
}

if (!isMainThread) {
  const spec = workerData as ServerSpec;
  const server = await startFakeJetstream(recordedEvents(spec.n), {
    chunk: 512,
    ...(spec.ratePerSecond ? { ratePerSecond: spec.ratePerSecond } : {}),
    ...(spec.burst ? { burst: spec.burst } : {}),
  });
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

  const startServer = async (spec: ServerSpec = { n: N }) => {
    const w = new Worker(new URL(import.meta.url), { workerData: spec });
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
  // One index of every workspace's queries, as the global matcher builds it (global-matcher.ts):
  // one pass over a post's tokens whatever the number of workspaces.
  const oneIndex = createMatcher();
  for (let i = 0; i < 50; i++) {
    for (const q of queries(i)) {
      const parsed = parseQuery(q.text);
      if (parsed.ok) oneIndex.add(`${q.workspaceId}\u0000${q.id}`, parsed.ast);
    }
  }
  const matcher: FirehoseMatcher = (post) => {
    const byWorkspace = new Map<string, string[]>();
    for (const key of oneIndex.match(post)) {
      const cut = key.indexOf('\u0000');
      const ws = key.slice(0, cut);
      const list = byWorkspace.get(ws) ?? [];
      list.push(key.slice(cut + 1));
      byWorkspace.set(ws, list);
    }
    return [...byWorkspace].map(([workspaceId, queryIds]) => ({ workspaceId, queryIds }));
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
  let maxQueued = 0;
  const onBatch = async (b: JetstreamBatch) => {
    const byWs = routePosts(
      b.posts.map((p) => p.draft),
      matcher,
    );
    for (const list of byWs.values()) routed += list.length;
    matchedPosts += b.posts.length;
  };
  const t0 = performance.now();
  const cpu0 = cpu();
  const consumer = startJetstream({
    url: server.url,
    async onBatch(b) {
      maxQueued = Math.max(maxQueued, consumer.stats().queued);
      await onBatch(b);
    },
  });
  while (consumer.stats().processed < expected) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  const cpuMs = cpu() - cpu0;
  const stats = consumer.stats();
  await consumer.stop();
  await server.close();

  // 3. Live: 2,000 events/s (the relay's peak), with a burst of 10,000 at once after a quarter;
  // the lag is now − the send time of the last event handled.
  const LIVE = Number(process.env['LIVE_EVENTS'] ?? 50_000);
  const liveSpec: ServerSpec = { n: LIVE, ratePerSecond: 2000, burst: { after: Math.floor(LIVE * 0.25), size: 10_000 } };
  const liveExpected = recordedEvents(LIVE).filter((e) => e.kind !== 'commit' || e.commit?.collection === 'app.bsky.feed.post').length;
  server = await startServer(liveSpec);
  const phase2 = { routed, matchedPosts };
  const samples: Array<{ s: number; processed: number; lagMs: number; queued: number }> = [];
  const l0 = performance.now();
  const lc0 = cpu();
  const live = startJetstream({ url: server.url, onBatch });
  const sampler = setInterval(() => {
    const st = live.stats();
    if (st.cursor !== undefined) samples.push({ s: (performance.now() - l0) / 1000, processed: st.processed, lagMs: Date.now() - st.cursor / 1000, queued: st.queued });
  }, 500);
  while (live.stats().processed < liveExpected) await new Promise((r) => setTimeout(r, 5));
  const liveMs = performance.now() - l0;
  const liveCpu = cpu() - lc0;
  clearInterval(sampler);
  await live.stop();
  await server.close();

  // 4. With PGlite storage, through the firehose runner.
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
  // Authors resolved to handles (ADR 0210) against a local directory and DNS: the consumer only
  // notes the DIDs; the resolutions run beside it, on the same thread, so their cost is counted.
  const plc = await startDidDirectory();
  const dns = await startLocalDns();
  for (const [did, handle] of [[ALICE, 'alice.test'], [BOB, 'bob.test'], [BRAND, 'coupechou.test']] as const) {
    plc.docs.set(did, didDocument(did, handle));
    dns.records.set(`_atproto.${handle}`, [`did=${did}`]);
  }
  const resolve = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 }), plcUrl: plc.url, dnsServers: [dns.server] });
  const withIdentities = process.env['IDENTITIES'] !== 'off';
  const runner = startBlueskyFirehose({ database: db, clock, logger: silentLogger, url: server.url, refreshMs: 60_000, ...(withIdentities ? { identities: { resolve } } : {}) });
  const last = events.at(-1)?.time_us;
  while (runner.stats().cursor !== last) await new Promise((r) => setTimeout(r, 20));
  const pgMs = performance.now() - p0;
  const pgCpuMs = cpu() - pc0;
  const pg = runner.stats();
  await runner.identities?.idle();
  const ids = runner.identities?.stats();
  await runner.stop();
  await plc.close();
  await dns.close();
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
  console.log(`consumer: ${(cpuMs / ms).toFixed(2)} CPU-s per wall-s on its thread; ${stats.overflows} overflow reconnections; ${stats.skipped} unreadable events skipped; ${phase2.matchedPosts} posts matched against 150 queries of 50 workspaces → ${phase2.routed} workspace mentions`);
  console.log(`PGlite: ${stored?.n ?? 0} mentions stored (${pg.stored} new), ${pg.deleted} deleted, ${pg.batches} batches`);
  console.log(
    withIdentities
      ? `identities: ${ids?.resolved ?? 0} resolutions (${ids?.verified ?? 0} verified; identity events make a known DID be checked again) in the background, ${ids?.events ?? 0} identity events noted, ${ids?.dropped ?? 0} dropped`
      : 'identities: off (IDENTITIES=off)',
  );
  console.log(`consumer: queue never above ${maxQueued} events (bound 20,000)`);
  console.log(
    `live at 2,000 events/s with a burst of ${liveSpec.burst?.size} after ${liveSpec.burst?.after}: ${liveExpected} events in ${(liveMs / 1000).toFixed(1)} s, ${(liveCpu / liveMs).toFixed(2)} CPU-s per wall-s on the consumer's thread`,
  );
  console.log('  time     handled   lag (ms)  queued');
  for (const x of samples) console.log(`  ${x.s.toFixed(1).padStart(5)} s ${String(x.processed).padStart(8)} ${String(Math.round(x.lagMs)).padStart(10)} ${String(x.queued).padStart(7)}`);
  // Before the burst the lag must hold steady; after it, it must fall back (not keep growing).
  const burstAt = ((liveSpec.burst?.after ?? 0) / 2000) * 1000;
  const before = samples.filter((x) => x.s * 1000 < burstAt);
  const peakAt = samples.reduce((best, x) => (x.lagMs > best.lagMs ? x : best), samples[0] ?? { s: 0, processed: 0, lagMs: 0, queued: 0 });
  const end = samples.at(-1)?.lagMs ?? 0;
  const steady = before.length ? `${Math.round(Math.min(...before.map((x) => x.lagMs)))}–${Math.round(Math.max(...before.map((x) => x.lagMs)))} ms` : 'n/a';
  console.log(
    `lag: before the burst ${steady}; peak ${Math.round(peakAt.lagMs)} ms at ${peakAt.s.toFixed(1)} s; at the end ${Math.round(end)} ms → ${end < peakAt.lagMs * 0.9 || peakAt.lagMs < 1000 ? 'absorbed, not growing' : 'GROWING (the consumer did not catch up)'}`,
  );
  console.log(`target ≥ 2,000 events/s on one core: ${r2 >= 2000 ? 'met' : 'NOT met'} in wall-clock time (${r2}/s), ${r2cpu >= 2000 ? 'met' : 'NOT met'} per CPU-second (${r2cpu}/s)`);
}
