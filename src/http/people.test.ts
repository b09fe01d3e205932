import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { PeoplePage, PersonView } from '../core/api/people.ts';
import { makeHarness, setUpOwnerAndViewer, type Client, type Harness } from './testing/harness.ts';

/** People imported (ADR 0172) read back through the API: a search, pages, one person. */
const contacts = [
  'Nom;Mastodon;Bluesky;Courriel;Rôle;Étiquettes',
  'Léa Martin;@lea@piaille.fr;;lea@example.fr;cliente;barbière, lyon',
  'Sam Ortiz;;sam.bsky.social;;journaliste;presse locale',
  'Chloé Bernard;@chloe@mastodon.social;;;concurrent;',
  'Anaïs Dupuis;;anais.bsky.social;anais@example.fr;prospect;lyon',
  'Bruno Lefort;;;bruno@example.fr;partenaire;',
].join('\n');

for (const target of targets) {
  describe(`people read API on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let ws = '';
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      ({ owner, viewer, ws } = await setUpOwnerAndViewer(h));
      const r = await owner.post(`${ws}/imports/people`, { name: 'contacts.csv', content: contacts });
      assert.equal(r.status, 200, r.text);
    });
    after(() => database.close());

    it('lists people by name with their handles, in pages, with the total', async () => {
      const all = (await viewer.get(`${ws}/people`)).json<PeoplePage>();
      assert.equal(all.total, 5);
      assert.deepEqual(all.items.map((p) => p.displayName), ['Anaïs Dupuis', 'Bruno Lefort', 'Chloé Bernard', 'Léa Martin', 'Sam Ortiz']);
      const lea = all.items[3];
      assert.deepEqual(lea?.handles, [{ network: 'email', handle: 'lea@example.fr' }, { network: 'mastodon', handle: '@lea@piaille.fr' }]);
      assert.deepEqual(lea?.roles, ['customer']);
      assert.deepEqual(lea?.tags, ['barbière', 'lyon']);

      const p1 = (await viewer.get(`${ws}/people?limit=2`)).json<PeoplePage>();
      const p2 = (await viewer.get(`${ws}/people?limit=2&offset=2`)).json<PeoplePage>();
      const p3 = (await viewer.get(`${ws}/people?limit=2&offset=4`)).json<PeoplePage>();
      assert.deepEqual([p1, p2, p3].map((p) => [p.total, p.limit, p.offset, p.items.length]), [[5, 2, 0, 2], [5, 2, 2, 2], [5, 2, 4, 1]]);
      assert.deepEqual([...p1.items, ...p2.items, ...p3.items].map((p) => p.id), all.items.map((p) => p.id));
    });

    it('searches a part of a name, a handle or a tag, any case; LIKE characters are taken literally', async () => {
      const names = async (q: string) => (await viewer.get(`${ws}/people?q=${encodeURIComponent(q)}`)).json<PeoplePage>().items.map((p) => p.displayName);
      assert.deepEqual(await names('MART'), ['Léa Martin']);
      assert.deepEqual(await names('bsky.social'), ['Anaïs Dupuis', 'Sam Ortiz']);
      assert.deepEqual(await names('lyon'), ['Anaïs Dupuis', 'Léa Martin']);
      assert.deepEqual(await names('@chloe@'), ['Chloé Bernard']);
      assert.deepEqual(await names('%'), []);
      assert.deepEqual(await names('_'), []);
      const page = (await viewer.get(`${ws}/people?q=example.fr&limit=1`)).json<PeoplePage>();
      assert.deepEqual([page.total, page.items.map((p) => p.displayName)], [3, ['Anaïs Dupuis']]);
    });

    it('reads one person; an unknown id, a malformed one or a bad page is a clear error', async () => {
      const sam = (await viewer.get(`${ws}/people?q=sam`)).json<PeoplePage>().items[0];
      assert.ok(sam);
      const r = await viewer.get(`${ws}/people/${sam.id}`);
      assert.equal(r.status, 200);
      const view = r.json<PersonView>();
      assert.deepEqual([view.displayName, view.handles, view.roles, view.tags], ['Sam Ortiz', [{ network: 'bluesky', handle: 'sam.bsky.social' }], ['press'], ['presse locale']]);
      assert.equal((await viewer.get(`${ws}/people/00000000-0000-4000-8000-000000000000`)).status, 404);
      assert.equal((await viewer.get(`${ws}/people/nope`)).status, 404);
      assert.equal((await viewer.get(`${ws}/people?limit=0`)).status, 400);
      assert.equal((await viewer.get(`${ws}/people?sort=name`)).status, 400);
      assert.equal((await h.client().get(`${ws}/people`)).status, 401);
    });
  });
}
