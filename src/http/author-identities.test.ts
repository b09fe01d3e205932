import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateWorkspaceAlerts } from '../app/alerts/evaluate.ts';
import type { AlertsResponse } from '../core/api/alerts.ts';
import type { MentionsPage, QueryView } from '../core/api/listen.ts';
import type { QueryPreview } from '../core/api/listen-queries.ts';
import type { PeoplePage } from '../core/api/people.ts';
import type { TrendsView } from '../core/api/trends.ts';
import { saveResolvedIdentities } from '../storage/bluesky-identities.repo.ts';
import { insertMentions, type NewMention } from '../storage/mentions.repo.ts';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { makeHarness, setUpOwnerAndViewer, type Client, type Harness } from './testing/harness.ts';

/**
 * Firehose authors through the API (ADR 0240): every read that names an author shows the
 * verified handle with the DID kept, and `author:handle` finds their stored posts.
 */

const ALICE = 'did:plc:alice4vjzxlhycy5yhmhrb6ei';
const BOB = 'did:plc:bob7bxkr3tlvzqmt2zrsxu5b';

for (const target of targets) {
  describe(`authors by verified handle through the API on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let ws = '';
    let workspaceId = '';
    let brand = '';
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      ({ owner, viewer, ws, workspaceId } = await setUpOwnerAndViewer(h));
      const q = await owner.post(`${ws}/queries`, { name: 'Coupe-Chou', kind: 'brand', query: 'coupe-chou' });
      assert.equal(q.status, 201, q.text);
      brand = q.json<QueryView>().id;
      const now = h.clock.now().getTime();
      const post = (n: number, author: string, text: string): NewMention => ({
        sourceId: null,
        network: 'bluesky',
        externalId: `at://${author}/app.bsky.feed.post/3k${n}`,
        author: { handle: author },
        text,
        links: [],
        hashtags: [],
        mentions: [],
        lang: 'fr',
        sentiment: { label: 'positive', score: 0.5 },
        matchedQueries: [brand],
        publishedAt: new Date(now - n * 3_600_000),
        fetchedAt: new Date(now),
      });
      // Stored before the handle was known: the firehose keeps the DID.
      await insertMentions(database.db, workspaceId, [
        post(1, ALICE, 'Le rasoir Coupe-Chou est superbe'),
        post(2, ALICE, 'Encore Coupe-Chou, toujours aussi bien'),
        post(3, BOB, 'Coupe-Chou, pas mal'),
      ]);
      await saveResolvedIdentities(database.db, [
        { did: ALICE, handle: 'alice.bsky.social', at: new Date(now), expiresAt: new Date(now + 86_400_000) },
        { did: BOB, handle: null, at: new Date(now), expiresAt: new Date(now + 86_400_000) },
      ]);
    });
    after(() => database.close());

    it('mentions: the handle, and the DID as author.did', async () => {
      const page = (await viewer.get(`${ws}/mentions`)).json<MentionsPage>();
      assert.deepEqual(
        page.items.map((m) => [m.author.handle, m.author.did]),
        [['alice.bsky.social', ALICE], ['alice.bsky.social', ALICE], [BOB, BOB]],
      );
    });

    it('trends: the who names the handle, with the DID; an author without one stays its DID', async () => {
      const t = (await viewer.get(`${ws}/trends?window=24h`)).json<TrendsView>();
      assert.deepEqual(t.summary.who, [
        { key: 'alice.bsky.social', mentions: 2, did: ALICE },
        { key: BOB, mentions: 1, did: BOB },
      ]);
    });

    it('preview and re-match: author:handle finds the posts stored under the DID', async () => {
      const preview = (await viewer.post(`${ws}/queries/preview`, { query: 'author:alice.bsky.social' })).json<QueryPreview>();
      assert.equal(preview.matched, 2);
      assert.deepEqual(preview.items.map((m) => m.author.did), [ALICE, ALICE]);
      assert.equal((await viewer.post(`${ws}/queries/preview`, { query: 'author:@Alice.Bsky.Social coupe-chou -superbe' })).json<QueryPreview>().matched, 1);
      assert.equal((await viewer.post(`${ws}/queries/preview`, { query: '@alice.bsky.social' })).json<QueryPreview>().matched, 0, 'a mention is text, not the author');

      // A saved query re-matches the stored mentions at once (no job queue here).
      const created = await owner.post(`${ws}/queries`, { name: 'Alice', kind: 'trade', query: 'author:alice.bsky.social' });
      assert.equal(created.status, 201, created.text);
      const id = created.json<QueryView>().id;
      const matched = (await viewer.get(`${ws}/mentions?queryId=${id}`)).json<MentionsPage>();
      assert.deepEqual(matched.items.map((m) => m.author.did), [ALICE, ALICE]);
      assert.equal((await owner.delete(`${ws}/queries/${id}`)).status, 200);
    });

    it('alerts: a watched handle finds its firehose posts, and the evidence names the handle', async () => {
      const w = await owner.post(`${ws}/watch-list`, { network: 'bluesky', handle: 'alice.bsky.social', role: 'ambassadrice' });
      assert.equal(w.status, 201, w.text);
      await evaluateWorkspaceAlerts(database.db, workspaceId, h.clock.now());
      const alerts = (await viewer.get(`${ws}/alerts`)).json<AlertsResponse>();
      const watched = alerts.items.find((a) => a.kind === 'watched-author');
      assert.ok(watched, 'a watched-author alert');
      assert.equal(watched.params.author, 'alice.bsky.social');
      assert.match(watched.message.fr, /^alice\.bsky\.social \(ambassadrice\) parle de vous \(2 messages\)\.$/);
      assert.doesNotMatch(`${watched.message.fr} ${watched.message.en}`, /did:/);
    });

    it('people: a Bluesky DID in a contacts file shows its handle, and is found by it', async () => {
      const r = await owner.post(`${ws}/imports/people`, { name: 'contacts.csv', content: `Nom;Bluesky\nAlice Martin;${ALICE}\nBruno Lefort;${BOB}` });
      assert.equal(r.status, 200, r.text);
      const all = (await viewer.get(`${ws}/people`)).json<PeoplePage>();
      assert.deepEqual(
        all.items.map((p) => [p.displayName, p.handles]),
        [
          ['Alice Martin', [{ network: 'bluesky', handle: 'alice.bsky.social', did: ALICE }]],
          ['Bruno Lefort', [{ network: 'bluesky', handle: BOB, did: BOB }]],
        ],
      );
      const found = (await viewer.get(`${ws}/people?q=${encodeURIComponent('alice.bsky')}`)).json<PeoplePage>();
      assert.deepEqual(found.items.map((p) => p.displayName), ['Alice Martin']);
    });
  });
}
