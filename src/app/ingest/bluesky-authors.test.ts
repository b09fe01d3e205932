import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { createIdentityResolver } from '../../sources/bluesky/identity.ts';
import { postToDraft } from '../../sources/bluesky/normalise.ts';
import { didDocument, startDidDirectory, type DidDirectory } from '../../sources/bluesky/testing/did-directory.ts';
import { startLocalDns, type LocalDns } from '../../sources/bluesky/testing/dns-server.ts';
import { startFakeBluesky, type FakeBluesky } from '../../sources/bluesky/testing/fake-appview.ts';
import { ALICE, BOB, richPost } from '../../sources/bluesky/testing/records.ts';
import { identityStates, saveHandleHints } from '../../storage/bluesky-identities.repo.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { allMentionsSeries } from '../../storage/rollups.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { startElectedIdentityQueue, startIdentityQueue, type IdentityQueue } from './bluesky-identities.ts';
import { ingestSource } from './ingest-source.ts';
import { storeDrafts } from './store-drafts.ts';

/**
 * ADR 0280: a Bluesky author is one author whatever path brought the post. Search and
 * notifications (through the AppView-shaped server the connector tests use) store the DID as the
 * firehose does; the handle the view gave matches `author:` at ingest and is a hint for the
 * resolver, never shown until the resolver has verified it (against a local PLC-shaped
 * directory and DNS server, as in ADR 0210's tests).
 */

for (const target of targets) {
  describe(`Bluesky authors by DID from every path on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let api: FakeBluesky;
    let plc: DidDirectory;
    let dns: LocalDns;
    let queue: IdentityQueue;
    const clock = fixedClock('2026-12-01T12:30:00Z');
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });

    before(async () => {
      database = await target.open();
      api = await startFakeBluesky(() => clock.now().getTime());
      plc = await startDidDirectory();
      dns = await startLocalDns();
      const resolve = createIdentityResolver({ fetcher, plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
      // Claims only when the test asks (claimPending), as the elected consumer's timer would.
      queue = startIdentityQueue({ db: database.db, clock, logger: silentLogger, resolve, perSecond: 1000, claimEveryMs: 0 });
    });
    after(async () => {
      await queue.stop();
      await api.close();
      await plc.close();
      await dns.close();
      await database.close();
    });

    const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<T>(text, params);

    it('search, notifications and the firehose store one DID per person; the view’s handle matches author: and waits for its check before it shows', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'W', now: clock.now() })).id;
      const byAlice = (await insertQuery(database.db, ws, { name: 'alice', kind: 'trade', text: 'author:@alice.example.com', now: clock.now() })).id;
      const search = (await insertSource(database.db, ws, { kind: 'bluesky', name: 's', config: { mode: 'search', q: 'barbier', service: api.url, maxPages: 1 }, now: clock.now() })).id;
      const notes = (
        await insertSource(database.db, ws, {
          kind: 'bluesky',
          name: 'n',
          config: { mode: 'notifications', service: api.url, identifier: 'coupechou.fr', appPassword: 'abcd-efgh-ijkl-mnop' },
          now: clock.now(),
        })
      ).id;
      const first = await ingestSource({ db: database.db, clock, fetcher }, search);
      assert.equal(first.outcome === 'stored' && first.stored, 100);
      const second = await ingestSource({ db: database.db, clock, fetcher }, notes);
      assert.equal(second.outcome === 'stored' && second.stored, 3);
      // A firehose post of Alice's (the consumer stores the DID, with no handle).
      const fromFirehose = postToDraft({ did: ALICE, rkey: '3lbfire22222a', record: { ...richPost, createdAt: '2026-12-01T12:10:00Z' } });
      assert.ok(fromFirehose.ok);
      await storeDrafts([fromFirehose.draft], { db: database.db, clock, workspaceId: ws, sourceId: null });

      // Every author is a DID: the same two people, whichever path brought them.
      assert.deepEqual(
        (await q<{ author_handle: string }>(`select distinct author_handle from mentions where workspace_id = $1 order by 1`, [ws])).map((r) => r.author_handle),
        [ALICE, BOB].sort(),
      );
      const authors = await q<{ n: number }>(`select authors as n from measure_buckets where workspace_id = $1 and series_id = $2 and grain = 'day'`, [ws, allMentionsSeries]);
      assert.deepEqual(authors.map((r) => Number(r.n)), [2], 'unique authors: two people, not four names');
      // author:@alice.example.com matched her search and notification posts on the view's handle.
      const matched = await q<{ author_handle: string; n: number }>(
        `select author_handle, count(*)::int as n from mentions where workspace_id = $1 and matched_queries ? $2 group by 1`,
        [ws, byAlice],
      );
      assert.deepEqual(matched.map((r) => [r.author_handle, Number(r.n)]), [[ALICE, 52]]);

      // The handles are hints, asked for, not shown: the reads show the DIDs.
      const states = await identityStates(database.db, [ALICE, BOB]);
      assert.equal(states.get(ALICE)?.handle, null);
      assert.equal(states.get(BOB)?.handle, null);
      const hints = await q<{ did: string; hint: string; pending: boolean }>(`select did, hint, pending from bluesky_identities order by did`);
      assert.deepEqual(hints.map((r) => [r.did, r.hint, r.pending]), [[ALICE, 'alice.example.com', true], [BOB, 'bob.example.com', true]].sort());
      const shown = async () => new Map((await listMentions(database.db, ws, {}, { limit: 200 })).items.map((m) => [m.author.did, m.author.handle]));
      assert.deepEqual([...(await shown())].sort(), [[ALICE, ALICE], [BOB, BOB]].sort());

      // The resolver claims them: Alice's DID document and DNS agree, Bob's handle has no DNS record.
      plc.docs.set(ALICE, didDocument(ALICE, 'alice.example.com'));
      dns.records.set('_atproto.alice.example.com', [`did=${ALICE}`]);
      plc.docs.set(BOB, didDocument(BOB, 'bob.example.com'));
      assert.equal(await queue.claimPending(), 2);
      await queue.idle();
      assert.deepEqual([...(await shown())].sort(), [[ALICE, 'alice.example.com'], [BOB, BOB]].sort(), 'only the verified handle shows');
      assert.deepEqual((await q<{ n: number }>(`select count(*)::int as n from bluesky_identities where pending`))[0]?.n, 0);
      assert.equal(await queue.claimPending(), 0, 'resolved: nothing left to claim');

      // The same hints again ask for nothing; a new handle for Alice asks for a check (she may have changed it).
      assert.deepEqual(await saveHandleHints(database.db, [{ did: ALICE, handle: 'alice.example.com' }, { did: BOB, handle: 'bob.example.com' }], clock.now()), []);
      assert.deepEqual(await saveHandleHints(database.db, [{ did: ALICE, handle: 'alice-barbiere.example.com' }], clock.now()), [ALICE]);
      assert.deepEqual(await saveHandleHints(database.db, [{ did: ALICE, handle: 'alice-barbiere.example.com' }], clock.now()), []);
      // Until the check, the verified handle is still the one shown.
      assert.equal((await shown()).get(ALICE), 'alice.example.com');
      plc.docs.set(ALICE, didDocument(ALICE, 'alice-barbiere.example.com'));
      dns.records.set('_atproto.alice-barbiere.example.com', [`did=${ALICE}`]);
      assert.equal(await queue.claimPending(), 1);
      await queue.idle();
      assert.equal((await shown()).get(ALICE), 'alice-barbiere.example.com');
    });

    it('a claimed DID is not claimed again by another queue until its lease ends; a failed resolution is claimed again after its back-off', async () => {
      const carol = 'did:plc:carolbxkr3tlvzqmt2zrsxu5b';
      await saveHandleHints(database.db, [{ did: carol, handle: 'carol.example.com' }], clock.now());
      plc.fail.set(carol, 503);
      // Another worker's queue: it gets nothing to resolve while the first one holds the claim.
      const other = startIdentityQueue({ db: database.db, clock, logger: silentLogger, resolve: async (did) => ({ ok: false, did, error: 'not this queue', permanent: false }), claimEveryMs: 0 });
      try {
        assert.equal(await queue.claimPending(), 1);
        assert.equal(await other.claimPending(), 0, 'leased to the first queue');
        await queue.idle();
        const state = (await identityStates(database.db, [carol])).get(carol);
        assert.equal(state?.failures, 1);
        assert.equal(state?.handle, null);
        // Still asked for: claimed again once the back-off (5 minutes) has passed.
        assert.equal(await queue.claimPending(), 0);
        plc.fail.delete(carol);
        plc.docs.set(carol, didDocument(carol, 'carol.example.com'));
        dns.records.set('_atproto.carol.example.com', [`did=${carol}`]);
        clock.advance(5 * 60_000 + 1);
        assert.equal(await queue.claimPending(), 1);
        await queue.idle();
        assert.equal((await identityStates(database.db, [carol])).get(carol)?.handle, 'carol.example.com');
      } finally {
        await other.stop();
      }
    });

    it('after an upgrade’s thousands of hints, full claims follow one another at the resolver’s pace, not one per period', async () => {
      const many = Array.from({ length: 5 }, (_, i) => `did:plc:manybxkr3tlvzqmt2zrsx${i}aaa`);
      for (const [i, did] of many.entries()) {
        plc.docs.set(did, didDocument(did, `many${i}.example.com`));
        dns.records.set(`_atproto.many${i}.example.com`, [`did=${did}`]);
      }
      await saveHandleHints(database.db, many.map((did, i) => ({ did, handle: `many${i}.example.com` })), clock.now());
      const resolve = createIdentityResolver({ fetcher, plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
      const started = Date.now();
      // Batches of 2, a claim period of 4 s: one claim per period would need three periods (12 s).
      const paced = startIdentityQueue({ db: database.db, clock, logger: silentLogger, resolve, perSecond: 1000, batchSize: 2, claimEveryMs: 4000 });
      try {
        const done = async () => (await identityStates(database.db, many)).size === many.length && [...(await identityStates(database.db, many)).values()].every((x) => x.handle !== null);
        while (!(await done())) {
          assert.ok(Date.now() - started < 11_000, 'the claims waited a period between full batches');
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(Date.now() - started >= 4000, 'the first claim comes after one period');
      } finally {
        await paced.stop();
      }
    });

    it('with the firehose off, an elected queue of its own claims the hints; on PostgreSQL one process at a time', async () => {
      const resolve = createIdentityResolver({ fetcher, plcUrl: plc.url, dnsServers: [dns.server], timeoutMs: 3000 });
      const elected = (database2: TestDatabase) =>
        startElectedIdentityQueue({ database: database2, clock, logger: silentLogger, resolve, perSecond: 1000, claimEveryMs: 20, electionMs: 50 });
      const until = async (what: string, ok: () => Promise<boolean>) => {
        for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await ok()) return;
        assert.fail(`timed out waiting for ${what}`);
      };
      const handleOf = async (did: string) => (await identityStates(database.db, [did])).get(did)?.handle ?? null;
      const dan = 'did:plc:danbxkr3tlvzqmt2zrsxu5bzz';
      const eve = 'did:plc:evebxkr3tlvzqmt2zrsxu5bzz';
      for (const [did, handle] of [[dan, 'dan.example.com'], [eve, 'eve.example.com']] as const) {
        plc.docs.set(did, didDocument(did, handle));
        dns.records.set(`_atproto.${handle}`, [`did=${did}`]);
      }
      const first = elected(database);
      // Another process on the same database (PostgreSQL); PGlite has one process only.
      const second = target.name === 'postgres' ? elected(database) : undefined;
      try {
        await saveHandleHints(database.db, [{ did: dan, handle: 'dan.example.com' }], clock.now());
        await until('Dan’s check', async () => (await handleOf(dan)) === 'dan.example.com');
        if (second) {
          assert.equal(first.stats().resolved + second.stats().resolved, 1, 'one resolution for the deployment');
          // The elected one stops: the other takes over and resolves what comes next.
          const [leader, follower] = first.stats().resolved === 1 ? [first, second] : [second, first];
          await leader.stop();
          await saveHandleHints(database.db, [{ did: eve, handle: 'eve.example.com' }], clock.now());
          await until('Eve’s check by the other process', async () => (await handleOf(eve)) === 'eve.example.com');
          assert.equal(follower.stats().resolved, 1);
        }
      } finally {
        await first.stop();
        await second?.stop();
      }
    });
  });
}
