// What drizzle costs over hand-written SQL through the same connection, on
// PGlite and (when reachable) PostgreSQL: a primary-key read and a page of 50
// mentions. The baseline of each pair is the raw query in the same run;
// pairs alternate in rounds so machine load hits both alike.
// Run: node src/storage/repositories.bench.ts (or npm run bench -- repositories)
import { targets } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { insertUser, findUserById } from './users.repo.ts';
import { insertMentions, listMentions, type NewMention } from './mentions.repo.ts';

const time = async (run: () => Promise<unknown>, n: number): Promise<number> => {
  const start = performance.now();
  for (let i = 0; i < n; i++) await run();
  return (performance.now() - start) / n;
};

for (const target of targets) {
  const skip = await target.skip();
  if (skip) {
    console.log(`${target.name}: skipped (${skip})`);
    continue;
  }
  const database = await target.open();
  const now = new Date('2026-11-01T00:00:00Z');
  const user = await insertUser(database.db, { email: 'bench@example.org', name: 'B', passwordHash: 'x', locale: 'fr', now });
  const ws = (await insertWorkspace(database.db, { name: 'bench', now })).id;
  const items: NewMention[] = Array.from({ length: 2000 }, (_, i) => ({
    network: 'mastodon',
    externalId: `b-${i}`,
    author: { handle: `@u${i % 50}@example.social`, name: `U${i % 50}` },
    text: `Message ${i} à propos du savon à barbe et de l'huile`,
    links: [],
    hashtags: ['barbe'],
    mentions: [],
    lang: 'fr',
    sentiment: { label: 'neutral', score: 0 },
    matchedQueries: [],
    publishedAt: new Date(now.getTime() + i * 60_000),
    fetchedAt: now,
    sourceId: null,
  }));
  for (let i = 0; i < items.length; i += 500) await insertMentions(database.db, ws, items.slice(i, i + 500));

  const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      'user by id',
      () => database.query('select * from users where id = $1', [user.id]),
      () => findUserById(database.db, user.id),
    ],
    [
      'page of 50 mentions',
      () =>
        database.query('select * from mentions where workspace_id = $1 order by published_at desc, id desc limit 51', [ws]),
      () => listMentions(database.db, ws, {}, { limit: 50 }),
    ],
  ];
  const rows = [];
  for (const [name, raw, repo] of pairs) {
    await time(raw, 30);
    await time(repo, 30);
    let rawMs = 0;
    let repoMs = 0;
    for (let round = 0; round < 5; round++) {
      rawMs += await time(raw, 40);
      repoMs += await time(repo, 40);
    }
    rows.push({
      query: name,
      'raw SQL ms (baseline)': +(rawMs / 5).toFixed(3),
      'drizzle repository ms': +(repoMs / 5).toFixed(3),
      'repository / raw': `${(repoMs / rawMs).toFixed(2)}×`,
    });
  }
  console.log(`\n${target.name}`);
  console.table(rows);
  await database.close();
}
