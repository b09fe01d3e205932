// One alert evaluation (every five minutes per workspace) and one trends computation (on request)
// over a workspace with 30,000 mentions in the last 35 days, 5 queries, a watch list of 20 and own
// accounts, on PGlite and (when reachable) PostgreSQL. Baseline, in the same run and alternating
// rounds: reading the same 35 days of mentions alone (`select id, published_at … where
// workspace_id and published_at >= …`), so each ratio is what the set-based counts, the candidate
// reads and the detectors cost against one plain pass over the rows.
// Also the volume and negative-share series alone: read from the measure rollups (what the
// evaluation does, ADR 0190) against the same buckets grouped from the raw mentions.
// Run: npm run bench -- alerts
import { sql } from 'drizzle-orm';
import { targets } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertMentions, type NewMention } from '../../storage/mentions.repo.ts';
import { addInsertedMentionsToRollups, pruneHourlyRollups } from '../../storage/rollups.repo.ts';
import { alertSeriesBuckets, readQuerySeries, readQuerySeriesFromMentions } from '../../storage/alert-inputs.repo.ts';
import { insertWatchedAuthor, saveAlertSettings } from '../../storage/watch-list.repo.ts';
import { evaluateWorkspaceAlerts } from './evaluate.ts';
import { workspaceTrends } from '../trends.ts';

const rounds = 5;
const total = 30_000;
const DAY = 86_400_000;
const words = ['savon', 'barbe', 'rasoir', 'blaireau', 'huile', 'atelier', 'mousse', 'lame', 'cuir', 'coffret', 'livraison', 'cadeau'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows: string[] = [];
for (const target of targets) {
  const skip = await target.skip();
  if (skip) {
    console.log(`${target.name}: skipped (${skip})`);
    continue;
  }
  const database = await target.open();
  const db = database.db;
  const now = new Date('2026-11-20T12:00:00Z');
  const ws = (await insertWorkspace(db, { name: 'bench', now })).id;
  const qs: string[] = [];
  for (let k = 0; k < 5; k++) qs.push((await insertQuery(db, ws, { name: `q${k}`, kind: k === 0 ? 'brand' : 'trade', text: words[k] ?? 'x', now })).id);
  for (let k = 0; k < 20; k++) await insertWatchedAuthor(db, ws, { network: 'mastodon', handle: `@u${k * 13}@example.social`, role: 'relais', priority: 'normal' }, now);
  await saveAlertSettings(db, ws, { replyTargetHours: 12, ownHandles: ['@shop@example.social'] }, now);
  const items: NewMention[] = Array.from({ length: total }, (_, i) => {
    const at = new Date(now.getTime() - (i / total) * 35 * DAY);
    return {
      network: 'mastodon',
      externalId: `b-${i}`,
      author: { handle: `@u${i % 997}@example.social` },
      text: `${words[i % words.length]} et ${words[(i * 7) % words.length]} ${i % 9 === 0 ? 'une question ?' : ''} #${words[(i * 3) % words.length]} ${'du texte ordinaire '.repeat(4)}`,
      links: [],
      hashtags: [],
      mentions: i % 17 === 0 ? ['@shop'] : [],
      lang: 'fr',
      sentiment: { label: i % 6 === 0 ? 'negative' : 'neutral', score: 0 },
      matchedQueries: qs.filter((_, k) => (i + k) % 3 === 0),
      publishedAt: at,
      fetchedAt: at,
      sourceId: null,
    };
  });
  // Stored as the ingest stores them: inserted and counted in the rollups, batch by batch.
  for (let i = 0; i < items.length; i += 1000) {
    const batch = items.slice(i, i + 1000);
    const fetchedAt = new Date(Math.max(...batch.map((m) => m.fetchedAt.getTime())));
    await db.transaction(async (tx) => {
      const ids = await insertMentions(tx, ws, batch);
      await addInsertedMentionsToRollups(tx, ws, ids, fetchedAt);
    });
  }
  await pruneHourlyRollups(db, now);
  const buckets = alertSeriesBuckets(now, 35);

  const read: number[] = [];
  const evaluate: number[] = [];
  const trends: number[] = [];
  const seriesRollups: number[] = [];
  const seriesRaw: number[] = [];
  const since = new Date(now.getTime() - 35 * DAY).toISOString();
  await evaluateWorkspaceAlerts(db, ws, now); // warm-up, and the first run stores the episodes
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await db.execute(sql`select id, published_at from mentions where workspace_id = ${ws} and published_at >= ${since}::timestamptz`);
    read.push(performance.now() - t);
    t = performance.now();
    await evaluateWorkspaceAlerts(db, ws, now);
    evaluate.push(performance.now() - t);
    t = performance.now();
    await workspaceTrends(db, ws, { window: '24h', now });
    trends.push(performance.now() - t);
    t = performance.now();
    await readQuerySeries(db, ws, { queryIds: qs, buckets, now });
    seriesRollups.push(performance.now() - t);
    t = performance.now();
    await readQuerySeriesFromMentions(db, ws, { queryIds: qs, buckets });
    seriesRaw.push(performance.now() - t);
  }
  const mr = median(read);
  const me = median(evaluate);
  const mt = median(trends);
  const sr = median(seriesRollups);
  const sm = median(seriesRaw);
  rows.push(
    `| ${target.name} | ${total} | ${mr.toFixed(1)} | ${me.toFixed(1)} (${(me / mr).toFixed(1)}×) | ${mt.toFixed(1)} (${(mt / mr).toFixed(1)}×) | ${sr.toFixed(1)} vs ${sm.toFixed(1)} (${(sm / sr).toFixed(0)}× faster) |`,
  );
  await database.close();
}
console.log(`\nAlert evaluation and trends of one workspace (median of ${rounds} rounds)`);
console.log(
  '| database | mentions (35 days) | plain read (baseline), ms | alert evaluation, ms (ratio) | trends 24 h vs 28 days, ms (ratio) | series of 5 queries × 35 days: rollups vs raw GROUP BY, ms |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
