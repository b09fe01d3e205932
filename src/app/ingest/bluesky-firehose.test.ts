import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { postUri } from '../../sources/bluesky/syntax.ts';
import { recordedEvents, startFakeJetstream, tidOf, type FakeJetstream, type JetstreamEvent } from '../../sources/bluesky/testing/fake-jetstream.ts';
import { openDatabase, type Database } from '../../storage/db.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { findSource, insertSource } from '../../storage/sources.repo.ts';
import { renderReason } from '../../core/messages.ts';
import { readStreamCursor } from '../../storage/stream-cursors.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { createHandleResolver, createIdentityResolver } from '../../sources/bluesky/identity.ts';
import { identityStates } from '../../storage/bluesky-identities.repo.ts';
import { ALICE, BOB, BRAND } from '../../sources/bluesky/testing/records.ts';
import { didDocument, startDidDirectory } from '../../sources/bluesky/testing/did-directory.ts';
import { startLocalDns } from '../../sources/bluesky/testing/dns-server.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { JETSTREAM_STREAM, startBlueskyFirehose, type FirehoseRunner } from './bluesky-firehose.ts';

/** The global firehose consumer end to end: a Jetstream-shaped server → matched, stored mentions per workspace. */

const until = async (cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const textOf = (e: JetstreamEvent): string => (e.commit?.record as { text?: unknown } | undefined)?.text as string;

/** What a workspace listening to `word` must hold after `events`: its posts, minus the deleted ones. */
const expectedFor = (events: readonly JetstreamEvent[], word: RegExp): string[] => {
  const deleted = new Set(events.filter((e) => e.commit?.operation === 'delete').map((e) => postUri(e.did, e.commit?.rkey ?? '')));
  const posts = events.filter((e) => e.commit?.collection === 'app.bsky.feed.post' && e.commit.operation !== 'delete' && typeof textOf(e) === 'string' && word.test(textOf(e)));
  return [...new Set(posts.map((e) => postUri(e.did, e.commit?.rkey ?? '')))].filter((u) => !deleted.has(u)).sort();
};

const fast = { batchSize: 100, batchWaitMs: 5, rewindMicros: 50_000, backoff: { initialMs: 5, maxMs: 50 } };

for (const target of targets) {
  describe(`Bluesky firehose on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    const servers: FakeJetstream[] = [];
    const runners: FirehoseRunner[] = [];
    const clock = fixedClock('2026-12-01T12:00:00Z');
    let barber = '';
    let cycling = '';
    let unsubscribed = '';

    before(async () => {
      database = await target.open();
      const db = database.db;
      const now = clock.now();
      barber = (await insertWorkspace(db, { name: 'Barbier', now })).id;
      cycling = (await insertWorkspace(db, { name: 'Vélo', now })).id;
      unsubscribed = (await insertWorkspace(db, { name: 'Sans firehose', now })).id;
      await insertSource(db, barber, { kind: 'bluesky', name: 'Bluesky', config: { mode: 'firehose' }, now });
      await insertSource(db, cycling, { kind: 'bluesky', name: 'Bluesky', config: { mode: 'firehose' }, now });
      await insertSource(db, unsubscribed, { kind: 'bluesky', name: 'Recherche', config: { mode: 'search', q: 'barbier' }, now });
      await insertQuery(db, barber, { name: 'métier', kind: 'trade', text: 'barbier', now });
      await insertQuery(db, cycling, { name: 'vélo', kind: 'trade', text: 'velo OR bordeaux', now });
      await insertQuery(db, unsubscribed, { name: 'métier', kind: 'trade', text: 'barbier', now });
    });
    after(async () => {
      for (const r of runners) await r.stop();
      for (const s of servers) await s.close();
      await database.close();
    });

    const stored = async (workspaceId: string): Promise<string[]> =>
      (await database.query<{ external_id: string }>('select external_id from mentions where workspace_id = $1 order by external_id', [workspaceId])).map(
        (r) => r.external_id,
      );

    const run = (url: string, db: Database = database): FirehoseRunner => {
      const r = startBlueskyFirehose({ database: db, clock, logger: silentLogger, url, refreshMs: 200, electionMs: 100, jetstream: fast });
      runners.push(r);
      return r;
    };

    it('stores each post only in the workspaces whose queries match, honours deletes, saves the cursor', async () => {
      const events = recordedEvents(800);
      const server = await startFakeJetstream(events);
      servers.push(server);
      const runner = run(server.url);
      await until(() => runner.stats().cursor === events.at(-1)?.time_us);
      await runner.stop();
      assert.deepEqual(await stored(barber), expectedFor(events, /barbier/i));
      assert.deepEqual(await stored(cycling), expectedFor(events, /vélo|bordeaux/i));
      assert.deepEqual(await stored(unsubscribed), []);
      assert.ok(runner.stats().deleted > 0, 'no stored post was deleted: the test does not exercise deletes');
      assert.equal(await readStreamCursor(database.db, JETSTREAM_STREAM), events.at(-1)?.time_us);
      const [m] = await database.query<{ source_id: string | null; matched_queries: string[]; lang: string }>(
        'select source_id, matched_queries, lang from mentions where workspace_id = $1 limit 1',
        [barber],
      );
      assert.ok(m?.source_id, 'the mention names the workspace firehose source');
      assert.equal(m?.matched_queries.length, 1);
      const health = await database.query<{ n: number }>(
        `select count(*)::int as n from sources where kind = 'bluesky' and config->>'mode' = 'firehose' and last_success_at is not null`,
      );
      assert.equal(health[0]?.n, 2, 'the firehose sources show the consumer alive');
    });

    it('after a restart, resumes from the persisted cursor (rewound) and stores nothing twice', async () => {
      const saved = (await readStreamCursor(database.db, JETSTREAM_STREAM)) ?? 0;
      const events = recordedEvents(1400);
      const server = await startFakeJetstream(events);
      servers.push(server);
      const runner = run(server.url);
      await until(() => runner.stats().cursor === events.at(-1)?.time_us);
      await runner.stop();
      assert.equal(server.connections[0]?.get('cursor'), String(saved - fast.rewindMicros));
      assert.deepEqual(await stored(barber), expectedFor(events, /barbier/i));
      assert.deepEqual(await stored(cycling), expectedFor(events, /vélo|bordeaux/i));
    });

    it('does not connect while no workspace subscribes', async () => {
      await database.query(`update sources set status = 'paused' where kind = 'bluesky'`);
      const server = await startFakeJetstream(recordedEvents(10));
      servers.push(server);
      const runner = run(server.url);
      await new Promise((r) => setTimeout(r, 500));
      await runner.stop();
      assert.equal(server.connections.length, 0);
      await database.query(`update sources set status = 'active' where kind = 'bluesky'`);
    });

    it('shows the authors’ verified handles, resolved off the hot path once per DID; an identity event refreshes one', async () => {
      const plc = await startDidDirectory();
      const dns = await startLocalDns();
      try {
        plc.docs.set(ALICE, didDocument(ALICE, 'alice.test'));
        dns.records.set('_atproto.alice.test', [`did=${ALICE}`]);
        plc.docs.set(BOB, didDocument(BOB, 'bob.test')); // not verified: no DNS record, no well-known
        // BRAND is unknown to the directory.
        const resolve = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 3000 }), plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
        const saved = (await readStreamCursor(database.db, JETSTREAM_STREAM)) ?? 0;
        const from = saved + 1_000_000;
        const events = recordedEvents(400, from).filter((e) => e.kind !== 'identity');
        const server = await startFakeJetstream(events);
        servers.push(server);
        const runner = startBlueskyFirehose({ database, clock, logger: silentLogger, url: server.url, refreshMs: 200, electionMs: 100, jetstream: fast, identities: { resolve, perSecond: 100 } });
        runners.push(runner);
        await until(() => runner.stats().cursor === events.at(-1)?.time_us);
        await runner.identities?.idle();
        assert.deepEqual([...new Set(plc.requests)].sort(), [ALICE, BOB, BRAND].sort());
        assert.equal(plc.requests.length, 3, 'each author resolved once, not once per post');
        const authors = async () => new Set((await listMentions(database.db, barber, {}, { limit: 1000 })).items.map((m) => m.author.handle));
        assert.deepEqual([...(await authors())].sort(), ['alice.test', BOB, BRAND].sort());
        // The stored author stays the DID: the stable key of measures and graphs.
        assert.deepEqual(
          (await database.query<{ author_handle: string }>(`select distinct author_handle from mentions where workspace_id = $1 order by 1`, [barber])).map((r) => r.author_handle),
          [ALICE, BOB, BRAND].sort(),
        );

        // Alice takes a new handle: her document, DNS and the relay's identity event say so.
        plc.docs.set(ALICE, didDocument(ALICE, 'alice-barbiere.test'));
        dns.records.set('_atproto.alice-barbiere.test', [`did=${ALICE}`]);
        const last = events.at(-1)?.time_us ?? 0;
        server.push({ did: ALICE, time_us: last + 1000, kind: 'identity', identity: { did: ALICE, handle: 'alice-barbiere.test', seq: 1, time: new Date().toISOString() } });
        await until(() => runner.stats().cursor === last + 1000);
        await until(async () => {
          await runner.identities?.idle();
          return (await authors()).has('alice-barbiere.test');
        });
        assert.ok(!(await authors()).has('alice.test'));
        await runner.stop();
        // The other cases replay events from before this one's: put the cursor back.
        await database.query('update stream_cursors set cursor = $1 where name = $2', [saved, JETSTREAM_STREAM]);
      } finally {
        await plc.close();
        await dns.close();
      }
    });

    it('a Jetstream that cannot be reached shows as the last error of the firehose sources', async () => {
      const gone = await startFakeJetstream([]);
      await gone.close();
      const runner = run(gone.url);
      await until(async () => {
        const rows = await database.query<{ n: number }>(
          `select count(*)::int as n from sources where kind = 'bluesky' and config->>'mode' = 'firehose' and last_error like 'Bluesky firehose: jetstream.connect-failed%'`,
        );
        return rows[0]?.n === 2;
      });
      await runner.stop();
      // Said in the reader's language (ADR 0250), with the English detail kept beside it.
      const host = new URL(gone.url).host;
      const [row] = await database.query<{ workspace_id: string; id: string }>(`select workspace_id, id from sources where kind = 'bluesky' and config->>'mode' = 'firehose' limit 1`);
      const s = await findSource(database.db, row?.workspace_id ?? '', row?.id ?? '');
      assert.equal(s?.lastErrorProblem?.key, 'firehose.unreachable');
      const why = { text: s?.lastError ?? '', problem: s?.lastErrorProblem ?? null };
      assert.equal(renderReason(why, 'fr'), `Le flux Bluesky en direct (${host}) ne répond pas ; relais réessaie.`);
      assert.equal(renderReason(why, 'en'), `The Bluesky live stream (${host}) does not answer; relais keeps trying.`);
    });

    if (target.name === 'postgres') {
      it('one consumer per deployment: a second process waits, and takes over when the first stops', async () => {
        const url = database.url;
        assert.ok(url);
        const other = await openDatabase({ kind: 'postgres', url }, { poolSize: 2 });
        try {
          const events = recordedEvents(1600);
          const server = await startFakeJetstream(events);
          servers.push(server);
          const first = run(server.url);
          await until(() => first.stats().leader && server.connections.length === 1);
          const second = startBlueskyFirehose({ database: other, clock, logger: silentLogger, url: server.url, refreshMs: 200, electionMs: 100, jetstream: fast });
          await new Promise((r) => setTimeout(r, 400));
          assert.equal(second.stats().leader, false, 'two consumers hold the singleton');
          // The first may have reconnected meanwhile (a slow machine); the second never connects.
          const beforeTakeover = server.connections.length;
          await first.stop();
          await until(() => second.stats().leader);
          // Leading comes first, then the connection from the saved cursor.
          await until(() => server.connections.length > beforeTakeover);
          await until(() => second.stats().cursor === events.at(-1)?.time_us);
          await second.stop();
          assert.ok(server.connections.length > beforeTakeover, 'the second consumer connected once it led');
          assert.deepEqual(await stored(barber), expectedFor(events, /barbier/i));
        } finally {
          await other.close();
        }
      });
    }

    it('author:handle matches a firehose author by DID from the first post: the handle a query names is resolved, verified, then aliased', async () => {
      const plc = await startDidDirectory();
      const dns = await startLocalDns();
      const now = clock.now();
      const shop = (await insertWorkspace(database.db, { name: 'Coutellerie', now })).id;
      const source = await insertSource(database.db, shop, { kind: 'bluesky', name: 'Bluesky', config: { mode: 'firehose' }, now });
      const query = await insertQuery(database.db, shop, { name: 'Carol', kind: 'trade', text: 'author:@Carol.test', now });
      try {
        // Carol has never posted anything any workspace stored: only her handle is known, from the query.
        const CAROL = 'did:plc:carol3xk2vzqmt2zrsxu5bwe';
        plc.docs.set(CAROL, didDocument(CAROL, 'carol.test'));
        dns.records.set('_atproto.carol.test', [`did=${CAROL}`]);
        const options = { fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 3000 }), plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 };
        const saved = (await readStreamCursor(database.db, JETSTREAM_STREAM)) ?? 0;
        const server = await startFakeJetstream([]);
        servers.push(server);
        const runner = startBlueskyFirehose({
          database, clock, logger: silentLogger, url: server.url, refreshMs: 100, electionMs: 100, jetstream: fast,
          identities: { resolve: createIdentityResolver(options), resolveHandle: createHandleResolver(options), perSecond: 100 },
        });
        runners.push(runner);
        await until(async () => (await identityStates(database.db, [CAROL])).get(CAROL)?.handle === 'carol.test');
        assert.deepEqual(plc.requests, [CAROL], 'the handle led to the DID, whose document was read once');
        await new Promise((r) => setTimeout(r, 300)); // a refresh of the matcher's aliases
        const post = (i: number, did: string, text: string): JetstreamEvent => ({
          did,
          time_us: saved + 3_000_000 + i * 1000,
          kind: 'commit',
          commit: { rev: tidOf(900_000 + i), operation: 'create', collection: 'app.bsky.feed.post', rkey: tidOf(900_000 + i), record: { $type: 'app.bsky.feed.post', text, createdAt: now.toISOString() }, cid: `bafyrei${i}` },
        });
        const events = [post(1, CAROL, 'Nouvel arrivage de lames'), post(2, BOB, 'Nouvel arrivage de lames'), post(3, CAROL, 'Atelier ouvert samedi')];
        for (const e of events) server.push(e);
        await until(() => runner.stats().cursor === events.at(-1)?.time_us);
        await runner.stop();
        const page = await listMentions(database.db, shop, {}, { limit: 10 });
        assert.deepEqual(page.items.map((m) => [m.text, m.author.handle, m.author.did, m.matchedQueries]).sort(), [
          ['Atelier ouvert samedi', 'carol.test', CAROL, [query.id]],
          ['Nouvel arrivage de lames', 'carol.test', CAROL, [query.id]],
        ]);
        await database.query('update stream_cursors set cursor = $1 where name = $2', [saved, JETSTREAM_STREAM]);
      } finally {
        await database.query('update sources set status = $1 where id = $2', ['paused', source.id]);
        await plc.close();
        await dns.close();
      }
    });
  });
}
