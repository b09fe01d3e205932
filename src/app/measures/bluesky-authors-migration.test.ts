import { foldAuthorLastDays } from './fold-authors.ts';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { fixedClock } from '../../core/clock.ts';
import type { Network } from '../../core/mention.ts';
import { migrateDatabase } from '../../storage/db.ts';
import { insertMentions, type NewMention } from '../../storage/mentions.repo.ts';
import { countDistinctAuthors } from '../../storage/measures.repo.ts';
import { addInsertedMentionsToRollups, allMentionsSeries } from '../../storage/rollups.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { backfillRollups } from './backfill.ts';

/**
 * Migration `bluesky_authors_by_did` (ADR 0280) on a database as it was before it: Bluesky
 * mentions stored by handle (search, notifications) take the DID of their AT URI, the handles
 * become hints, and the rollups of the workspaces touched are rebuilt by the backfill, so a person
 * read by search and by the firehose is one author in every bucket and in the authors' cache.
 */

const ALICE = 'did:plc:alice4vjzxlhycy5yhmhrb6ei';
const BOB = 'did:plc:bob7bxkr3tlvzqmt2zrsxu5b';
const CAROL = 'did:plc:carolbxkr3tlvzqmt2zrsxu5b';

const clock = fixedClock('2026-12-07T12:00:00Z');
const daysAgo = (n: number, hour = 10) => new Date(Date.parse('2026-12-07T00:00:00Z') - n * 86_400_000 + hour * 3_600_000);

const mention = (externalId: string, author: string, at: Date, o: { network?: Network; queries?: string[] } = {}): NewMention => ({
  sourceId: null,
  network: o.network ?? 'bluesky',
  externalId,
  author: { handle: author },
  text: `texte ${externalId}`,
  links: [],
  hashtags: [],
  mentions: [],
  lang: 'fr',
  sentiment: { label: 'neutral', score: 0 },
  matchedQueries: o.queries ?? [],
  publishedAt: at,
  fetchedAt: at,
});

const post = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

/** A database migrated up to, not including, `tag`. */
const openBefore = async (target: (typeof targets)[number], tag: string): Promise<TestDatabase> => {
  const old = await target.open({ migrate: false });
  const dir = mkdtempSync(join(tmpdir(), 'relais-migrations-'));
  try {
    cpSync(fileURLToPath(new URL('../../storage/migrations', import.meta.url)), dir, { recursive: true });
    const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === tag);
    assert.ok(at > 0, `no migration ${tag}`);
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    if (old.kind === 'pglite') await migratePglite(old.db as never, { migrationsFolder: dir });
    else await migratePg(old.db as never, { migrationsFolder: dir });
    return old;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

for (const target of targets) {
  describe(`Bluesky authors by DID: the migration of stored mentions on ${target.name}`, { skip: await target.skip() }, () => {
    it('rewrites handles to the DIDs of their posts, keeps the hints, and the rebuilt rollups count each person once', async () => {
      const d = await openBefore(target, '0014_bluesky_authors_by_did');
      try {
        const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => d.query<T>(text, params);
        const ws = (await insertWorkspace(d.db, { name: 'W', now: clock.now() })).id;
        const other = (await insertWorkspace(d.db, { name: 'Mastodon only', now: clock.now() })).id;
        const query = '6f1c3b9e-5d2a-4c7b-8e1f-0a9b8c7d6e5f';
        await d.db.transaction(async (tx) => {
          const ids = await insertMentions(tx, ws, [
            // Alice read by search (her handle), and by the firehose (her DID), the same days.
            mention(post(ALICE, '3k1'), 'alice.example.com', daysAgo(3), { queries: [query] }),
            mention(post(ALICE, '3k2'), 'Alice.Example.com', daysAgo(2)),
            mention(post(ALICE, '3k3'), ALICE, daysAgo(3, 11), { queries: [query] }),
            mention(post(ALICE, '3k4'), ALICE, daysAgo(0, 9)),
            mention(post(BOB, '3k5'), 'bob.example.com', daysAgo(2)),
            // The AppView's name for a handle that failed its check: not a hint.
            mention(post(CAROL, '3k6'), 'handle.invalid', daysAgo(2)),
            // An import that names a Bluesky author without a post URI: left as it is.
            mention('csv-line-4', 'dave.example.com', daysAgo(2)),
            mention('toot-1', '@alice@piaille.example', daysAgo(2), { network: 'mastodon' }),
          ]);
          await addInsertedMentionsToRollups(tx, ws, ids, clock.now());
          await addInsertedMentionsToRollups(tx, other, await insertMentions(tx, other, [mention('toot-2', '@bob@piaille.example', daysAgo(1), { network: 'mastodon' })]), clock.now());
        });
        // Alice's DID was verified before (the firehose's resolver); Bob's never seen.
        await q(`insert into bluesky_identities (did, handle, resolved_at, expires_at) values ($1, 'alice.example.com', $2, $3)`, [ALICE, clock.now(), new Date(clock.now().getTime() + 86_400_000)]);
        const range = async (db: TestDatabase, w: string, series: string) => countDistinctAuthors(db.db, w, series, 'day', daysAgo(6, 0), daysAgo(0, 0), clock.now());
        // Before: Alice is two authors (and the authors' cache, filled by the fold job, says so too).
        await foldAuthorLastDays(d.db, ws, clock);
        assert.equal(await range(d, ws, allMentionsSeries), 6);
        assert.equal(await range(d, ws, query), 2);
        assert.ok((await q<{ n: number }>(`select count(*)::int as n from measure_author_last_days where workspace_id = $1`, [ws]))[0]?.n);
        const otherBefore = await q(`select series_id, grain, bucket, volume, authors from measure_buckets where workspace_id = $1 order by 1, 2, 3`, [other]);

        await migrateDatabase(d);
        // A worker stores a batch before this start's backfill runs: its buckets must not hide the
        // workspace from the rebuild (rollup_rebuilds lists it).
        await d.db.transaction(async (tx) => {
          await addInsertedMentionsToRollups(tx, ws, await insertMentions(tx, ws, [mention(post(BOB, '3k7'), BOB, daysAgo(1))]), clock.now());
        });
        assert.deepEqual(await backfillRollups(d.db, clock), [ws], 'only the workspace whose authors changed is rebuilt');

        assert.deepEqual(
          (await q<{ external_id: string; author_handle: string }>(`select external_id, author_handle from mentions where workspace_id = $1 order by external_id`, [ws])).map((r) => [r.external_id, r.author_handle]),
          [
            [post(ALICE, '3k1'), ALICE],
            [post(ALICE, '3k2'), ALICE],
            [post(ALICE, '3k3'), ALICE],
            [post(ALICE, '3k4'), ALICE],
            [post(BOB, '3k5'), BOB],
            [post(BOB, '3k7'), BOB],
            [post(CAROL, '3k6'), CAROL],
            ['csv-line-4', 'dave.example.com'],
            ['toot-1', '@alice@piaille.example'],
          ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
        );
        // Every bucket counts the authors its mentions have now, in the rollups and in the cache.
        const buckets = await q<{ series_id: string; grain: string; bucket: Date; authors: number; raw: number }>(
          `select b.series_id, b.grain, b.bucket, b.authors,
             (select count(distinct md5(m.network || ':' || lower(m.author_handle)))::int from mentions m
               where m.workspace_id = b.workspace_id and date_trunc(b.grain, m.published_at, 'UTC') = b.bucket
                 and (b.series_id = $2::uuid or m.matched_queries ? b.series_id::text)) as raw
           from measure_buckets b where b.workspace_id = $1 order by 1, 2, 3`,
          [ws, allMentionsSeries],
        );
        assert.ok(buckets.length >= 5);
        for (const b of buckets) assert.equal(Number(b.authors), Number(b.raw), `${b.series_id} ${b.grain} ${String(b.bucket)}`);
        assert.deepEqual(
          buckets.filter((b) => b.series_id === query && b.grain === 'day').map((b) => Number(b.authors)),
          [1],
          'the query’s day: Alice once, not her handle and her DID',
        );
        assert.equal(await range(d, ws, allMentionsSeries), 5, 'Alice, Bob, Carol, the imported author, the Mastodon one');
        assert.equal(await range(d, ws, query), 1);
        // The workspace that had no Bluesky author by handle kept its rollups as they were.
        assert.deepEqual(await q(`select series_id, grain, bucket, volume, authors from measure_buckets where workspace_id = $1 order by 1, 2, 3`, [other]), otherBefore);

        // The handles became hints for the resolver, never verified handles; Alice's, already verified, asks for nothing.
        const ids = await q<{ did: string; handle: string | null; hint: string | null; pending: boolean }>(`select did, handle, hint, pending from bluesky_identities order by did`);
        assert.deepEqual(
          ids.map((r) => [r.did, r.handle, r.hint, r.pending]),
          [
            [ALICE, 'alice.example.com', null, false],
            [BOB, null, 'bob.example.com', true],
          ],
        );
        // Run again (a second start): nothing more to rewrite, nothing rebuilt.
        assert.deepEqual(await backfillRollups(d.db, clock), []);
      } finally {
        await d.close();
      }
    });
  });
}
