import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import { globalMatcher } from '../app/ingest/global-matcher.ts';
import type { QueryView } from '../core/api/listen.ts';
import type { QueryPreview, QueryValidation } from '../core/api/listen-queries.ts';
import { makeHarness, viewerOf, type Client, type Harness } from './testing/harness.ts';

for (const target of targets) {
  describe(`listening query editor API on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let workspaceId = '';
    let base = '';
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      const demo = await seedDemo(database.db, h.clock);
      owner = h.client();
      await owner.login(demo.login?.email ?? '', demo.login?.password ?? '');
      workspaceId = demo.workspaceId;
      base = `/api/v1/workspaces/${workspaceId}/queries`;
      viewer = await viewerOf(h, owner, workspaceId);
    });
    after(() => database.close());

    it('validates: valid, or the problem with its offset, column, length and a message in the asked language', async () => {
      const ok = await viewer.post(`${base}/validate`, { query: 'rasage OR barbier' });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.json<QueryValidation>(), { valid: true });

      const open = await viewer.post(`${base}/validate`, { query: 'rasage (barbier OR savon', locale: 'fr' });
      assert.equal(open.status, 200);
      const v = open.json<QueryValidation>();
      assert.ok(!v.valid);
      assert.equal(v.error.code, 'unclosed-parenthesis');
      assert.equal(v.error.offset, 7);
      assert.equal(v.error.column, 8);
      assert.equal(v.error.length, 1);
      assert.match(v.error.message, /parenthèse ouvrante/);

      const field = (await viewer.post(`${base}/validate`, { query: 'rasage langue:fr', locale: 'en' })).json<QueryValidation>();
      assert.ok(!field.valid);
      assert.equal(field.error.code, 'unknown-field');
      assert.equal(field.error.offset, 7);
      assert.equal(field.error.length, 'langue:fr'.length);
      assert.match(field.error.message, /There is no field/);

      const onlyNot = (await viewer.post(`${base}/validate`, { query: 'NOT barbe' })).json<QueryValidation>();
      assert.ok(!onlyNot.valid);
      assert.equal(onlyNot.error.code, 'no-positive-term');

      assert.equal((await viewer.post(`${base}/validate`, { query: 'x', extra: 1 })).status, 400);
    });

    it('previews the matches among recent stored mentions, newest first, with the count scanned', async () => {
      const r = await viewer.post(`${base}/preview`, { query: 'rasage lang:fr', limit: 5 });
      assert.equal(r.status, 200, r.text);
      const p = r.json<QueryPreview>();
      assert.ok(p.scanned >= 55, `${p.scanned} scanned`);
      assert.equal(p.window, 5000);
      assert.ok(p.matched > 0 && p.matched <= p.scanned);
      assert.ok(p.items.length > 0 && p.items.length <= 5);
      assert.equal(p.items.length, Math.min(5, p.matched));
      for (const m of p.items) {
        assert.equal(m.lang, 'fr');
        assert.match(`${m.title ?? ''} ${m.text}`.toLowerCase(), /rasage/);
      }
      const times = p.items.map((m) => Date.parse(m.publishedAt));
      assert.deepEqual(times, [...times].sort((x, y) => y - x));

      const none = (await viewer.post(`${base}/preview`, { query: 'zzzqqqxxyy' })).json<QueryPreview>();
      assert.equal(none.matched, 0);
      assert.deepEqual(none.items, []);

      const bad = await viewer.post(`${base}/preview`, { query: 'rasage)', locale: 'en' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /column 7/);
    });

    it('creates, changes and deletes a query (editor only); an invalid query is refused with its position', async () => {
      assert.equal((await viewer.post(base, { name: 'x', kind: 'trade', query: 'rasage' })).status, 403);
      const invalid = await owner.post(base, { name: 'Cassé', kind: 'trade', query: 'rasage OR', locale: 'fr' });
      assert.equal(invalid.status, 400);
      assert.match(invalid.text, /colonne 8/);

      const created = await owner.post(base, { name: 'Blaireau', kind: 'trade', query: 'blaireau OR "bol à raser"' });
      assert.equal(created.status, 201, created.text);
      const q = created.json<QueryView>();
      assert.equal(q.kind, 'trade');
      assert.ok((await owner.get(base)).json<{ items: QueryView[] }>().items.some((x) => x.id === q.id && x.name === 'Blaireau'));

      // The ingest's global matcher follows every change at its next sync, reloading only what changed.
      const gm = globalMatcher(database.db);
      const post = { text: 'Un blaireau en soie et un bol à raser', lang: 'fr' };
      await gm.syncWorkspace(workspaceId);
      assert.ok(gm.matchWorkspace(workspaceId, post).includes(q.id));
      const reloads = gm.stats().reloads;
      await gm.syncWorkspace(workspaceId);
      assert.equal(gm.stats().reloads, reloads, 'nothing reloaded while nothing changes');

      assert.equal((await viewer.request('PATCH', `${base}/${q.id}`, { name: 'x' })).status, 403);
      assert.equal((await owner.request('PATCH', `${base}/${q.id}`, { query: '(blaireau' })).status, 400);
      const changed = await owner.request('PATCH', `${base}/${q.id}`, { name: 'Blaireaux', kind: 'competitor', query: 'blaireau*' });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.json<QueryView>(), { id: q.id, name: 'Blaireaux', kind: 'competitor', query: 'blaireau*' });
      await gm.syncWorkspace(workspaceId);
      assert.equal(gm.stats().reloads, reloads + 1, 'the PATCH is seen at the next sync');
      assert.ok(gm.matchWorkspace(workspaceId, { text: 'Des blaireaux', lang: 'fr' }).includes(q.id), 'blaireau* now');
      assert.ok(!gm.matchWorkspace(workspaceId, { text: 'un bol à raser', lang: 'fr' }).includes(q.id), 'the phrase is gone');

      assert.equal((await owner.request('PATCH', `${base}/not-a-uuid`, { name: 'x' })).status, 404);
      assert.equal((await owner.request('PATCH', `${base}/00000000-0000-4000-8000-000000000000`, { name: 'x' })).status, 404);
      assert.equal((await viewer.request('DELETE', `${base}/${q.id}`)).status, 403);
      assert.equal((await owner.request('DELETE', `${base}/${q.id}`)).status, 200);
      assert.equal((await owner.request('DELETE', `${base}/${q.id}`)).status, 404);
      await gm.syncWorkspace(workspaceId);
      assert.ok(!gm.matchWorkspace(workspaceId, { text: 'Des blaireaux', lang: 'fr' }).includes(q.id), 'deleted');
      assert.ok(!(await owner.get(base)).text.includes(q.id));
    });
  });
}
