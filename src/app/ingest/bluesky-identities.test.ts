import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { createHandleResolver, createIdentityResolver, type ResolveIdentity } from '../../sources/bluesky/identity.ts';
import { didDocument, startDidDirectory, type DidDirectory } from '../../sources/bluesky/testing/did-directory.ts';
import { startLocalDns, type LocalDns } from '../../sources/bluesky/testing/dns-server.ts';
import { didsOfHandles, identityStates } from '../../storage/bluesky-identities.repo.ts';
import { findMention, insertMentions, listMentions } from '../../storage/mentions.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { startIdentityQueue, type IdentityQueue } from './bluesky-identities.ts';

/**
 * The identity queue (ADR 0210) against a PLC-shaped directory and a DNS server, both local and
 * real: DIDs resolved once and cached with an expiry, failures backed off, the rate held,
 * identity events refreshing known DIDs, and the mention list showing the verified handle.
 */

const did = (n: number) => `did:plc:${String(n).padStart(24, 'a').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'a')}`;

for (const target of targets) {
  describe(`Bluesky identity queue on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let plc: DidDirectory;
    let dns: LocalDns;
    let resolve: ResolveIdentity;
    const clock = fixedClock('2026-12-07T10:00:00Z');
    const queues: IdentityQueue[] = [];
    const start = (o: { perSecond?: number; maxQueue?: number } = {}) => {
      const q = startIdentityQueue({ db: database.db, clock, logger: silentLogger, resolve, perSecond: o.perSecond ?? 1000, ...(o.maxQueue ? { maxQueue: o.maxQueue } : {}) });
      queues.push(q);
      return q;
    };
    const verified = (n: number, handle: string) => {
      plc.docs.set(did(n), didDocument(did(n), handle));
      dns.records.set(`_atproto.${handle}`, [`did=${did(n)}`]);
    };

    before(async () => {
      database = await target.open();
      plc = await startDidDirectory();
      dns = await startLocalDns();
      resolve = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 3000 }), plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
    });
    after(async () => {
      for (const q of queues) await q.stop();
      await plc.close();
      await dns.close();
      await database.close();
    });

    it('resolves each DID once, keeps only verified handles, and the mention list shows them', async () => {
      verified(1, 'alice.test');
      plc.docs.set(did(2), didDocument(did(2), 'bob.test')); // no DNS record: not verified
      const ws = (await insertWorkspace(database.db, { name: 'W', now: clock.now() })).id;
      const at = clock.now();
      const mention = (n: number, k: number) => ({
        sourceId: null,
        network: 'bluesky' as const,
        externalId: `at://${did(n)}/app.bsky.feed.post/3k${k}`,
        author: { handle: did(n) },
        text: `post ${k}`,
        links: [],
        hashtags: [],
        mentions: [],
        lang: 'fr',
        sentiment: null,
        matchedQueries: [],
        publishedAt: new Date(at.getTime() - k * 1000),
        fetchedAt: at,
      });
      const [first] = await insertMentions(database.db, ws, [mention(1, 1), mention(1, 2), mention(2, 3), mention(3, 4)]);
      const q = start();
      q.enqueue([did(1), did(1), did(2), did(3)]);
      q.enqueue([did(1)]);
      await q.idle();
      assert.deepEqual(plc.requests.sort(), [did(1), did(2), did(3)].sort(), 'one request per DID, whatever the number of posts');
      const states = await identityStates(database.db, [did(1), did(2), did(3)]);
      assert.equal(states.get(did(1))?.handle, 'alice.test');
      assert.equal(states.get(did(2))?.handle, null, 'a handle that does not point back is not kept');
      assert.equal(states.get(did(3))?.handle, null, 'a DID unknown to the directory');
      assert.equal(states.get(did(1))?.expiresAt.getTime(), at.getTime() + 24 * 3_600_000);
      assert.equal(states.get(did(3))?.expiresAt.getTime(), at.getTime() + 24 * 3_600_000, 'unknown to the directory: not asked again before a day');

      const page = await listMentions(database.db, ws, {}, { limit: 10 });
      assert.deepEqual(
        page.items.map((m) => m.author.handle),
        ['alice.test', 'alice.test', did(2), did(3)],
      );
      assert.equal((await findMention(database.db, ws, first ?? ''))?.author.handle, 'alice.test');

      // Fresh in the cache: nothing is asked again, even by a new queue (another leader).
      plc.requests.length = 0;
      const again = start();
      again.enqueue([did(1), did(2), did(3)]);
      await again.idle();
      assert.deepEqual(plc.requests, []);
      assert.equal(again.stats().fresh, 3);
    });

    it('a failing directory is retried later, backing off, and keeps the handle known before', async () => {
      verified(4, 'carol.test');
      const q = start();
      q.enqueue([did(4)]);
      await q.idle();
      assert.equal((await identityStates(database.db, [did(4)])).get(did(4))?.handle, 'carol.test');
      clock.advance(25 * 3_600_000); // expired
      plc.fail.set(did(4), 503);
      q.enqueue([did(4)]);
      await q.idle();
      let s = (await identityStates(database.db, [did(4)])).get(did(4));
      assert.equal(s?.handle, 'carol.test', 'a failure does not erase what was known');
      assert.equal(s?.failures, 1);
      assert.equal(s?.expiresAt.getTime(), clock.now().getTime() + 5 * 60_000);
      clock.advance(5 * 60_000 + 1);
      q.enqueue([did(4)]);
      await q.idle();
      s = (await identityStates(database.db, [did(4)])).get(did(4));
      assert.equal(s?.failures, 2);
      assert.equal(s?.expiresAt.getTime(), clock.now().getTime() + 10 * 60_000, 'the retry backs off');
      plc.fail.delete(did(4));
      clock.advance(10 * 60_000 + 1);
      q.enqueue([did(4)]);
      await q.idle();
      s = (await identityStates(database.db, [did(4)])).get(did(4));
      assert.equal(s?.failures, 0);
      assert.equal(s?.handle, 'carol.test');
    });

    it('holds the rate, and drops beyond its bound instead of growing', async () => {
      for (let n = 10; n < 20; n++) verified(n, `user${n}.test`);
      const q = start({ perSecond: 20 });
      const t0 = Date.now();
      q.enqueue(Array.from({ length: 10 }, (_, i) => did(10 + i)));
      await q.idle();
      assert.ok(Date.now() - t0 >= 400, `10 resolutions at 20/s took ${Date.now() - t0} ms`);
      assert.equal(q.stats().verified, 10);

      const small = start({ maxQueue: 3 });
      await small.stop(); // stopped: nothing drains, so the bound shows
      small.enqueue([did(30), did(31), did(32), did(33), did(34)]);
      assert.equal(small.stats().queued, 3);
      assert.equal(small.stats().dropped, 2);
    });

    it('a handle a query names is resolved to its DID, checked back through the DID, and tried again an hour later at the soonest', async () => {
      verified(50, 'erin.test');
      // A handle whose DNS names a DID whose document claims another handle: not kept.
      plc.docs.set(did(51), didDocument(did(51), 'someone-else.test'));
      dns.records.set('_atproto.fake-erin.test', [`did=${did(51)}`]);
      const resolveHandle = createHandleResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 3000 }), plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
      const q = startIdentityQueue({ db: database.db, clock, logger: silentLogger, resolve, resolveHandle, perSecond: 1000 });
      queues.push(q);
      plc.requests.length = 0;
      q.enqueueHandles(['erin.test', 'fake-erin.test', 'nobody.test']);
      await q.idle();
      assert.deepEqual(plc.requests.sort(), [did(50), did(51)].sort(), 'the DIDs the handles point to, read once each');
      assert.deepEqual([...(await didsOfHandles(database.db, ['erin.test', 'fake-erin.test', 'someone-else.test']))], [['erin.test', [did(50)]]]);
      assert.equal((await identityStates(database.db, [did(51)])).get(did(51))?.handle, null, 'its document claims another handle, which does not point back');
      plc.requests.length = 0;
      q.enqueueHandles(['nobody.test', 'fake-erin.test']);
      await q.idle();
      assert.deepEqual(plc.requests, [], 'not again within the hour');
      // Erin's DID is cached fresh; her handle asked again later re-reads the document (the handle may have moved to it).
      clock.advance(3_600_001);
      q.enqueueHandles(['erin.test']);
      await q.idle();
      assert.deepEqual(plc.requests, [did(50)]);
    });

    it('identity events show the new handle of a known DID at once, then check it again; unknown DIDs are left alone', async () => {
      verified(40, 'dan.test');
      const q = start();
      q.enqueue([did(40)]);
      await q.idle();
      plc.requests.length = 0;
      // Dan renames himself: his document and DNS say so, and the relay's event too.
      verified(40, 'dan-barbier.test');
      q.noteIdentityEvents([{ did: did(40), handle: 'dan-barbier.test' }, { did: did(41), handle: 'stranger.test' }]);
      await q.idle();
      assert.equal((await identityStates(database.db, [did(40)])).get(did(40))?.handle, 'dan-barbier.test');
      assert.deepEqual(plc.requests, [did(40)], 'the known DID is checked again; the unknown one is not resolved');
      assert.equal((await identityStates(database.db, [did(41)])).size, 0);

      // An event claiming a handle the document does not: shown until the check, then dropped.
      q.noteIdentityEvents([{ did: did(40), handle: 'impostor.test' }]);
      await q.idle();
      assert.equal((await identityStates(database.db, [did(40)])).get(did(40))?.handle, 'dan-barbier.test');
    });
  });
}
