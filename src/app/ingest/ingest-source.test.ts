import { renderReason } from '../../core/messages.ts';
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { findSourceDetails } from '../../storage/source-fetch.repo.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { ingestSource, parseErrorsBeforeDisable } from './ingest-source.ts';
import { rssDocument, startFeedServer, type FeedServer } from './testing/feed-server.ts';

const items = [
  { id: 'a1', title: 'Savon Coupe-Chou', text: "J'adore le savon à barbe Coupe-Chou, une mousse magnifique et un parfum délicieux." },
  { id: 'a2', title: 'Shaving review', text: 'This shaving soap is terrible, it dried my skin and the scent is awful.' },
  { id: 'a3', title: 'Nouvelles', text: 'Le salon des artisans ouvre ses portes samedi à Lyon, entrée libre pour tous.' },
];

for (const target of targets) {
  describe(`ingest of a feed on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let server: FeedServer;
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
    let workspaceId = '';
    let brandQuery = '';

    before(async () => {
      database = await target.open();
      server = await startFeedServer();
      const ws = await insertWorkspace(database.db, { name: 'W', now: clock.now() });
      workspaceId = ws.id;
      brandQuery = (await insertQuery(database.db, workspaceId, { name: 'brand', kind: 'brand', text: 'coupe-chou', now: clock.now() })).id;
    });
    after(async () => {
      await server.close();
      await database.close();
    });
    beforeEach(() => server.respond({ status: 404 }));

    const newSource = async (name: string) =>
      (await insertSource(database.db, workspaceId, { kind: 'rss', name, url: server.url, now: clock.now() })).id;
    const stored = async (sourceId: string) => (await listMentions(database.db, workspaceId, { sourceId }, { limit: 200 })).items;

    it('stores new items once, with language, sentiment and matched queries; 304 and repeats store nothing', async () => {
      const id = await newSource('one');
      server.respond({ body: rssDocument(items), etag: '"v1"' });
      const first = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(first.outcome, 'stored');
      assert.equal(first.outcome === 'stored' && first.stored, 3);
      const rows = await stored(id);
      assert.equal(rows.length, 3);
      const byId = new Map(rows.map((m) => [m.externalId, m]));
      assert.equal(byId.get('a1')?.lang, 'fr');
      assert.equal(byId.get('a2')?.lang, 'en');
      assert.deepEqual(byId.get('a1')?.matchedQueries, [brandQuery]);
      assert.deepEqual(byId.get('a2')?.matchedQueries, []);
      assert.equal(byId.get('a1')?.sentiment?.label, 'positive');
      assert.equal(byId.get('a2')?.sentiment?.label, 'negative');
      const after1 = await findSourceDetails(database.db, workspaceId, id);
      assert.equal(after1?.state.etag, '"v1"');
      assert.ok(after1?.lastSuccessAt);
      assert.equal(after1?.nextFetchAt?.getTime(), clock.now().getTime() + 900_000);

      // Conditional GET: the server answers 304, nothing is stored.
      clock.advance(1000);
      const second = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(second.outcome, 'not-modified');
      assert.equal(server.requests.at(-1)?.ifNoneMatch, '"v1"');

      // A new version repeating the old items plus one: only the new one is stored.
      server.respond({ body: rssDocument([...items, { id: 'a4', title: 'Encore', text: 'Un quatrième billet sur le rasage traditionnel et ses outils.' }]), etag: '"v2"' });
      const third = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(third.outcome === 'stored' && third.stored, 1);
      assert.equal(third.outcome === 'stored' && third.duplicates, 3);
      assert.equal((await stored(id)).length, 4);
    });

    it('flags the same text arriving through another source as a near duplicate', async () => {
      const first = await newSource('first');
      const second = await newSource('second');
      const text = 'Un texte assez long pour être reconnu quand il revient par une autre source.';
      server.respond({ body: rssDocument([{ id: 'n1', title: 't', text }]) });
      await ingestSource({ db: database.db, clock, fetcher }, first);
      server.respond({ body: rssDocument([{ id: 'n2', title: 't', text: `${text.toUpperCase()} https://x.example/y` }]) });
      const r = await ingestSource({ db: database.db, clock, fetcher }, second);
      assert.equal(r.outcome === 'stored' && r.nearDuplicates, 1);
      const [orig] = await database.query<{ id: string }>(`select id from mentions where external_id = 'n1'`);
      const [copy] = await database.query<{ near_duplicate_of: string | null }>(`select near_duplicate_of from mentions where external_id = 'n2'`);
      assert.equal(copy?.near_duplicate_of, orig?.id);
    });

    it('records errors as health, backs off, honours Retry-After, and disables after repeated parse errors', async () => {
      const id = await newSource('broken');
      server.respond({ status: 503, headers: { 'retry-after': '7200' } });
      const r1 = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(r1.outcome, 'failed');
      let s = await findSourceDetails(database.db, workspaceId, id);
      assert.equal(s?.errorCount, 1);
      assert.match(s?.lastError ?? '', /503/);
      // Kept as a key too, said in the reader's language (ADR 0250).
      assert.equal(s?.lastErrorProblem?.key, 'fetch.http-status');
      assert.match(renderReason({ text: s.lastError ?? '', problem: s.lastErrorProblem }, 'fr'), /a répondu avec le code HTTP 503\.$/);
      assert.equal(s?.nextFetchAt?.getTime(), clock.now().getTime() + 7200_000);
      assert.equal(s?.status, 'active');

      server.respond({ body: 'not a feed at all' });
      for (let i = 0; i < parseErrorsBeforeDisable; i++) await ingestSource({ db: database.db, clock, fetcher }, id);
      s = await findSourceDetails(database.db, workspaceId, id);
      // One 503 and then parse errors: the streak is 4, and the third parse error in a row disabled it.
      assert.equal(s?.status, 'disabled');
      assert.match(s?.disabledReason ?? '', /failed fetches in a row ending with a parse error/);
      const why = { text: s?.disabledReason ?? '', problem: s?.disabledReasonProblem ?? null };
      assert.match(renderReason(why, 'fr'), /^Désactivée après 3 relevés échoués de suite, le dernier illisible : Le service a répondu, mais pas ce qu’attend une source de ce type\.$/);
      assert.match(renderReason(why, 'en'), /^disabled after 3 failed fetches in a row ending with a parse error: The service answered, but not what a source of this kind expects\.$/);
      const skipped = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(skipped.outcome, 'skipped');
    });

    it('a success ends the error streak', async () => {
      const id = await newSource('flaky');
      server.respond({ status: 500 });
      await ingestSource({ db: database.db, clock, fetcher }, id);
      server.respond({ body: rssDocument(items.slice(0, 1)) });
      await ingestSource({ db: database.db, clock, fetcher }, id);
      const s = await findSourceDetails(database.db, workspaceId, id);
      assert.equal(s?.errorCount, 0);
      assert.equal(s?.status, 'active');
    });

    it('410 Gone disables the source with the reason', async () => {
      const id = await newSource('gone');
      server.respond({ status: 410 });
      const r = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(r.outcome === 'failed' && r.disabled, true);
      const s = await findSourceDetails(database.db, workspaceId, id);
      assert.equal(s?.status, 'disabled');
      assert.match(s?.disabledReason ?? '', /410/);
      assert.match(renderReason({ text: s?.disabledReason ?? '', problem: s?.disabledReasonProblem ?? null }, 'fr'), /a été supprimé \(HTTP 410\)/);
    });

    it('refuses a loopback feed when private networks are not allowed', async () => {
      const id = await newSource('ssrf');
      server.respond({ body: rssDocument(items) });
      const r = await ingestSource({ db: database.db, clock, fetcher: createSafeFetch({ timeoutMs: 5000 }) }, id);
      assert.equal(r.outcome, 'failed');
      assert.match(r.outcome === 'failed' ? r.error : '', /private or reserved/);
      assert.equal((await stored(id)).length, 0);
    });
  });
}
