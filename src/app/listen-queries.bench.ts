// The query editor's preview (POST …/queries/preview) over its full window of 5,000 stored
// mentions, on PGlite and (when reachable) PostgreSQL. Baseline: reading the same 5,000 most
// recent mentions alone (listMentions), in the same run, alternating rounds, so the ratio is
// what compiling and matching the query adds to the read.
// Run: node src/app/listen-queries.bench.ts (or npm run bench)
import { targets } from '../storage/testing/databases.ts';
import { insertWorkspace } from '../storage/workspaces.repo.ts';
import { insertMentions, listMentions, type NewMention } from '../storage/mentions.repo.ts';
import { previewQuery, previewWindow } from './listen-queries.ts';

const rounds = 5;
const words = ['savon', 'barbe', 'rasoir', 'blaireau', 'huile', 'atelier', 'coupe-chou', 'mousse', 'lame', 'cuir'];
const query = '("savon à barbe" OR blaireau* OR #rasage) lang:fr -emploi';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const rows: string[] = [];
for (const target of targets) {
  const skip = await target.skip();
  if (skip) {
    console.log(`${target.name}: skipped (${skip})`);
    continue;
  }
  const database = await target.open();
  const now = new Date('2026-11-01T00:00:00Z');
  const ws = (await insertWorkspace(database.db, { name: 'bench', now })).id;
  // More than the window, so the preview reads exactly `previewWindow` rows.
  const total = previewWindow + 1000;
  const items: NewMention[] = Array.from({ length: total }, (_, i) => ({
    network: 'mastodon',
    externalId: `p-${i}`,
    author: { handle: `@u${i % 97}@example.social`, name: `U${i % 97}` },
    text: `Message ${i} : ${words[i % words.length]} et ${words[(i * 7) % words.length]} ${i % 5 === 0 ? 'savon à barbe' : ''} ${i % 11 === 0 ? '#rasage' : ''} ${'du texte ordinaire '.repeat(8)}`,
    links: [],
    hashtags: i % 11 === 0 ? ['rasage'] : [],
    mentions: [],
    lang: i % 3 === 0 ? 'en' : 'fr',
    sentiment: { label: 'neutral', score: 0 },
    matchedQueries: [],
    publishedAt: new Date(now.getTime() + i * 60_000),
    fetchedAt: now,
    sourceId: null,
  }));
  for (let i = 0; i < items.length; i += 500) await insertMentions(database.db, ws, items.slice(i, i + 500));

  const read: number[] = [];
  const preview: number[] = [];
  let matched = 0;
  let scanned = 0;
  await previewQuery(database.db, ws, query); // warm-up
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await listMentions(database.db, ws, {}, { limit: previewWindow });
    read.push(performance.now() - t);
    t = performance.now();
    const p = await previewQuery(database.db, ws, query, { limit: 20 });
    preview.push(performance.now() - t);
    matched = p.matched;
    scanned = p.scanned;
  }
  const mr = median(read);
  const mp = median(preview);
  rows.push(`| ${target.name} | ${scanned} | ${matched} | ${mr.toFixed(1)} | ${mp.toFixed(1)} | ${(mp / mr).toFixed(2)}× |`);
  await database.close();
}
console.log(`\nQuery preview over the ${previewWindow} most recent mentions (median of ${rounds} rounds)`);
console.log('| database | scanned | matched | read only (baseline), ms | preview, ms | preview / read |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
