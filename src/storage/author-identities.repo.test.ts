import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Network } from '../core/mention.ts';
import { listAwaitingCandidates, listMentionsByAuthors, listTrendMentions } from './alert-inputs.repo.ts';
import { didsOfHandles, saveResolvedIdentities, verifiedHandles } from './bluesky-identities.repo.ts';
import { findMention, insertMentions, listMentions, type NewMention } from './mentions.repo.ts';
import { findPerson, findPersonByHandle, savePeople, searchPeople } from './people.repo.ts';
import { readMatchPage } from './query-matches.repo.ts';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';

/**
 * Every read that names an author shows a firehose author's verified handle, with the DID kept
 * (ADR 0240): the one join of bluesky-identities.repo.ts, on both databases.
 */

const ALICE = 'did:plc:alice4vjzxlhycy5yhmhrb6ei';
const BOB = 'did:plc:bob7bxkr3tlvzqmt2zrsxu5b';
const BRAND = 'did:plc:coupechou2ulkgc6yt63tl2ww';
const q1 = '11111111-1111-4111-8111-111111111111';
const now = new Date('2026-12-07T12:00:00Z');

const mention = (n: number, author: string, network: Network, o: Partial<NewMention> = {}): NewMention => ({
  sourceId: null,
  network,
  externalId: `post-${n}`,
  author: { handle: author },
  text: `post ${n}?`,
  links: [],
  hashtags: [],
  mentions: [],
  lang: 'fr',
  sentiment: { label: 'neutral', score: 0 },
  matchedQueries: [q1],
  publishedAt: new Date(now.getTime() - n * 60_000),
  fetchedAt: now,
  ...o,
});

for (const target of targets) {
  describe(`authors shown by verified handle on ${target.name}`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    let ws = '';
    before(async () => {
      d = await target.open();
      ws = (await insertWorkspace(d.db, { name: 'Coutellerie', now })).id;
      await insertMentions(d.db, ws, [
        mention(1, ALICE, 'bluesky'),
        mention(2, BOB, 'bluesky'), // no verified handle
        mention(3, 'alice.bsky.social', 'bluesky'), // read by search: stored by handle
        mention(4, '@lea@piaille.fr', 'mastodon'),
        // The brand's own account answers post 1 from the firehose, by DID.
        mention(5, BRAND, 'bluesky', { externalId: 'reply-5', inReplyTo: 'post-1', publishedAt: new Date(now.getTime() - 30_000) }),
        // A DID on another network is not a Bluesky DID: never joined.
        mention(6, ALICE, 'import'),
      ]);
      await saveResolvedIdentities(d.db, [
        { did: ALICE, handle: 'alice.bsky.social', at: now, expiresAt: new Date(now.getTime() + 86_400_000) },
        { did: BOB, handle: null, at: now, expiresAt: new Date(now.getTime() + 86_400_000) },
        { did: BRAND, handle: 'coupechou.fr', at: now, expiresAt: new Date(now.getTime() + 86_400_000) },
      ]);
    });
    after(async () => d?.close());

    it('the mention list and a mention show the handle, the DID kept as author.did', async () => {
      const page = await listMentions(d.db, ws, {}, { limit: 10 });
      const byId = new Map(page.items.map((m) => [m.externalId, m.author]));
      assert.deepEqual(byId.get('post-1'), { handle: 'alice.bsky.social', did: ALICE });
      assert.deepEqual(byId.get('post-2'), { handle: BOB, did: BOB }, 'no verified handle yet: the DID, as before');
      assert.deepEqual(byId.get('post-3'), { handle: 'alice.bsky.social' });
      assert.deepEqual(byId.get('post-4'), { handle: '@lea@piaille.fr' });
      assert.deepEqual(byId.get('post-6'), { handle: ALICE, did: ALICE }, 'not joined off Bluesky');
      const one = page.items.find((m) => m.externalId === 'post-1');
      assert.deepEqual((await findMention(d.db, ws, one?.id ?? ''))?.author, { handle: 'alice.bsky.social', did: ALICE });
    });

    it('trends read the author as shown, with its DID', async () => {
      const rows = await listTrendMentions(d.db, ws, { from: new Date(now.getTime() - 86_400_000), to: now, limit: 100 });
      assert.deepEqual(
        rows.map((r) => [r.author, r.authorDid]).sort(),
        [
          ['@lea@piaille.fr', null],
          ['alice.bsky.social', ALICE],
          ['alice.bsky.social', null],
          [ALICE, ALICE],
          [BOB, BOB],
          ['coupechou.fr', BRAND],
        ].sort(),
      );
    });

    it('the watch list finds a firehose author by its handle, and names it by its handle', async () => {
      const rows = await listMentionsByAuthors(d.db, ws, { queryIds: [q1], handles: ['alice.bsky.social'], since: new Date(now.getTime() - 86_400_000), until: now });
      assert.deepEqual(rows.map((r) => [r.author, r.network]).sort(), [
        ['alice.bsky.social', 'bluesky'],
        ['alice.bsky.social', 'bluesky'],
      ]);
      assert.deepEqual(await listMentionsByAuthors(d.db, ws, { queryIds: [q1], handles: ['bob.bsky.social'], since: new Date(0), until: now }), []);
    });

    it("replies owed: the brand's own handle names its firehose DID, so its reply answers and its post is not a candidate", async () => {
      const rows = await listAwaitingCandidates(d.db, ws, { queryIds: [q1], ownHandles: ['coupechou.fr'], since: new Date(now.getTime() - 86_400_000) });
      const byText = new Map(rows.map((r) => [r.text, r]));
      assert.ok(!byText.has('post 5?'), 'the brand’s own post is not waiting for an answer');
      assert.deepEqual(byText.get('post 1?')?.answeredAt, new Date(now.getTime() - 30_000));
      assert.equal(byText.get('post 1?')?.author, 'alice.bsky.social');
      assert.equal(byText.get('post 2?')?.answeredAt, null);
    });

    it('a re-match reads the verified handle beside the stored DID', async () => {
      const page = await readMatchPage(d.db, ws, q1, null, 100);
      assert.deepEqual(
        page.map((m) => [m.authorHandle, m.verifiedHandle]).sort(),
        [
          ['@lea@piaille.fr', null],
          ['alice.bsky.social', null],
          [ALICE, 'alice.bsky.social'],
          [ALICE, null],
          [BOB, null],
          [BRAND, 'coupechou.fr'],
        ].sort(),
      );
    });

    it('look-ups both ways: DIDs to handles, typed handles to DIDs', async () => {
      assert.deepEqual([...(await verifiedHandles(d.db, [ALICE, BOB, 'did:plc:unknown']))], [[ALICE, 'alice.bsky.social']]);
      assert.deepEqual([...(await didsOfHandles(d.db, ['alice.bsky.social', 'nobody.test']))], [['alice.bsky.social', [ALICE]]]);
      assert.deepEqual([...(await verifiedHandles(d.db, []))], []);
    });

    it('people: a Bluesky handle stored as a DID shows its verified handle and is found by it; writes still see the DID', async () => {
      const [saved] = await savePeople(d.db, ws, [{ displayName: 'Alice Dupont', handles: [{ network: 'bluesky', handle: ALICE }, { network: 'email', handle: 'alice@example.fr' }], tags: [], roles: [] }], now);
      assert.equal(saved?.kind, 'created');
      const id = saved && 'personId' in saved ? saved.personId : '';
      assert.deepEqual((await findPerson(d.db, ws, id))?.handles, [
        { network: 'bluesky', handle: 'alice.bsky.social', did: ALICE },
        { network: 'email', handle: 'alice@example.fr' },
      ]);
      const found = await searchPeople(d.db, ws, { q: 'ALICE.bsky', limit: 10, offset: 0 });
      assert.deepEqual(found.items.map((p) => p.displayName), ['Alice Dupont']);
      assert.deepEqual(found.items[0]?.handles[0], { network: 'bluesky', handle: 'alice.bsky.social', did: ALICE });
      // The same file imported again merges on the stored DID instead of failing on a duplicate.
      const [again] = await savePeople(d.db, ws, [{ displayName: 'Alice Dupont', handles: [{ network: 'bluesky', handle: ALICE }], tags: ['lyon'], roles: [] }], now);
      assert.equal(again?.kind, 'merged');
      assert.equal((await findPersonByHandle(d.db, ws, { network: 'bluesky', handle: ALICE }))?.id, id);
    });

    it('a handle that moves shows everywhere at once, with nothing rewritten', async () => {
      await saveResolvedIdentities(d.db, [{ did: ALICE, handle: 'alice-coutelle.fr', at: now, expiresAt: new Date(now.getTime() + 86_400_000) }]);
      const page = await listMentions(d.db, ws, {}, { limit: 10 });
      assert.equal(page.items.find((m) => m.externalId === 'post-1')?.author.handle, 'alice-coutelle.fr');
      const rows = await listMentionsByAuthors(d.db, ws, { queryIds: [q1], handles: ['alice-coutelle.fr'], since: new Date(0), until: now });
      assert.deepEqual(rows.map((r) => r.author), ['alice-coutelle.fr']);
      const stored = await d.query<{ author_handle: string }>(`select author_handle from mentions where external_id = 'post-1'`);
      assert.deepEqual(stored.map((r) => r.author_handle), [ALICE]);
    });
  });
}
