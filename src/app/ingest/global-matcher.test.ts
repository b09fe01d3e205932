import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { openDatabase, type Database } from '../../storage/db.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { deleteQuery, insertQuery, updateQuery } from '../../storage/queries.repo.ts';
import { createMatcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';
import type { MatchablePost } from '../../analysis/query/ast.ts';
import { createGlobalMatcher, globalMatcher, queriesChanged } from './global-matcher.ts';

const now = new Date('2026-11-20T09:00:00Z');

const posts: MatchablePost[] = [
  { text: 'Le savon Coupe-Chou sent bon, #rasage du matin', lang: 'fr', source: 'mastodon', author: '@a@piaille.fr' },
  { text: 'My barber recommends the beard oil from Barbe Royale', lang: 'en', source: 'rss', author: 'bob' },
  { text: 'Rien à voir : une recette de tarte aux pommes', lang: 'fr', source: 'rss', author: 'chef' },
  { text: 'coupe-chou et barbe royale, le match des savons', lang: 'fr', source: 'bluesky', author: 'c.bsky.social', url: 'https://atelier.fr/x' },
];

for (const target of targets) {
  describe(`global matcher on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let a = '';
    let b = '';
    const q: Record<string, string> = {};
    before(async () => {
      database = await target.open();
      a = (await insertWorkspace(database.db, { name: 'A', now })).id;
      b = (await insertWorkspace(database.db, { name: 'B', now })).id;
      const add = async (ws: string, name: string, text: string) => {
        q[name] = (await insertQuery(database.db, ws, { name, kind: 'brand', text, now })).id;
      };
      await add(a, 'a-brand', 'coupe-chou OR coupechou');
      await add(a, 'a-trade', '(rasage OR savon*) lang:fr');
      await add(b, 'b-brand', '"barbe royale"');
      await add(b, 'b-oil', '"beard oil" -recette');
      await add(b, 'b-site', 'site:atelier.fr');
    });
    after(async () => {
      await database.close();
    });

    /** What one matcher per workspace, built from the same texts, says: the reference. */
    const reference = (byWorkspace: Map<string, Array<[string, string]>>, post: MatchablePost) => {
      const out: Array<{ workspaceId: string; queryIds: string[] }> = [];
      for (const [ws, list] of [...byWorkspace].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
        const m = createMatcher();
        for (const [id, text] of list) {
          const r = parseQuery(text);
          if (r.ok) m.add(id, r.ast);
        }
        const ids = m.match(post);
        if (ids.length > 0) out.push({ workspaceId: ws, queryIds: ids });
      }
      return out;
    };

    it('matches every workspace in one pass, split by workspace, as one matcher per workspace would', async () => {
      const gm = createGlobalMatcher(database.db);
      assert.throws(() => gm.matchAll(posts[0] as MatchablePost), /syncAll/);
      await gm.syncAll();
      assert.deepEqual(gm.stats(), { workspaces: 2, queries: 5, reloads: 2 });
      const texts = new Map([
        [a, [[q['a-brand'], 'coupe-chou OR coupechou'], [q['a-trade'], '(rasage OR savon*) lang:fr']] as Array<[string, string]>],
        [b, [[q['b-brand'], '"barbe royale"'], [q['b-oil'], '"beard oil" -recette'], [q['b-site'], 'site:atelier.fr']] as Array<[string, string]>],
      ]);
      for (const p of posts) assert.deepEqual(gm.matchAll(p), reference(texts, p), p.text);
      const last = gm.matchAll(posts[3] as MatchablePost);
      assert.equal(last.length, 2, 'both workspaces hear the last post');
      assert.deepEqual(gm.matchWorkspace(a, posts[3] as MatchablePost), [q['a-brand'], q['a-trade']].sort());
      assert.deepEqual(gm.matchWorkspace(b, posts[2] as MatchablePost), []);
    });

    it('sees changes made by another process at the next sync, reloading only the workspace that changed', async () => {
      const worker = createGlobalMatcher(database.db);
      await worker.syncAll();
      const reloads = worker.stats().reloads;
      await worker.syncAll({ maxAgeMs: 0 });
      assert.equal(worker.stats().reloads, reloads, 'nothing changed, nothing reloaded');

      // "The web process" changes B's queries straight in the database: no in-process hook.
      await updateQuery(database.db, b, q['b-brand'] as string, { text: '"barbe royale" OR tarte' });
      await worker.syncAll();
      assert.ok(!worker.matchWorkspace(b, posts[2] as MatchablePost).includes(q['b-brand'] as string), 'within maxAgeMs the old version is kept');
      await worker.syncAll({ maxAgeMs: 0 });
      assert.equal(worker.stats().reloads, reloads + 1, 'only B was reloaded');
      assert.deepEqual(worker.matchWorkspace(b, posts[2] as MatchablePost), [q['b-brand']]);

      // A rename does not change what matches, so nothing is reloaded.
      await updateQuery(database.db, b, q['b-brand'] as string, { name: 'renamed' });
      await worker.syncWorkspace(b);
      assert.equal(worker.stats().reloads, reloads + 1);

      // Deleted and created queries, seen by the per-workspace check the ingest runs per batch.
      await deleteQuery(database.db, a, q['a-brand'] as string);
      await worker.syncWorkspace(a);
      assert.deepEqual(worker.matchWorkspace(a, posts[0] as MatchablePost), [q['a-trade']]);
      const fresh = (await insertQuery(database.db, a, { name: 'a-new', kind: 'trade', text: 'tarte', now })).id;
      await worker.syncWorkspace(a);
      assert.deepEqual(worker.matchWorkspace(a, posts[2] as MatchablePost), [fresh]);
      assert.deepEqual(
        worker.matchAll(posts[2] as MatchablePost).map((x) => x.workspaceId),
        [a, b].sort(),
      );
    });

    it('the in-process hook makes the next syncAll check at once; an empty or deleted workspace leaves the index', async () => {
      const gm = globalMatcher(database.db);
      assert.equal(globalMatcher(database.db), gm, 'one per database handle');
      await gm.syncAll();
      const c = (await insertWorkspace(database.db, { name: 'C', now })).id;
      const id = (await insertQuery(database.db, c, { name: 'c', kind: 'trade', text: 'pommes', now })).id;
      await gm.syncAll({ maxAgeMs: 60_000 });
      assert.deepEqual(gm.matchAll(posts[2] as MatchablePost).find((x) => x.workspaceId === c), undefined, 'not checked yet');
      queriesChanged(database.db, c);
      await gm.syncAll({ maxAgeMs: 60_000 });
      assert.deepEqual(gm.matchAll(posts[2] as MatchablePost).find((x) => x.workspaceId === c), { workspaceId: c, queryIds: [id] });

      await deleteQuery(database.db, c, id);
      queriesChanged(database.db, c);
      await gm.syncAll({ maxAgeMs: 60_000 });
      assert.equal(gm.matchAll(posts[2] as MatchablePost).find((x) => x.workspaceId === c), undefined);
      assert.ok(gm.stats().queries >= 5);
    });

    it('leaves out a stored query that no longer parses, and keeps the others', async () => {
      const d = (await insertWorkspace(database.db, { name: 'D', now })).id;
      await insertQuery(database.db, d, { name: 'broken', kind: 'trade', text: 'pommes OR', now });
      const ok = (await insertQuery(database.db, d, { name: 'ok', kind: 'trade', text: 'recette', now })).id;
      const gm = createGlobalMatcher(database.db);
      await gm.syncWorkspace(d);
      assert.deepEqual(gm.matchWorkspace(d, posts[2] as MatchablePost), [ok]);
      assert.throws(() => gm.matchWorkspace(a, posts[2] as MatchablePost), /syncWorkspace/);
    });

    if (target.name === 'postgres') {
      it('two processes (two pools on one database) agree after a change by either', async () => {
        const other: Database = await openDatabase({ kind: 'postgres', url: database.url as string });
        try {
          const web = createGlobalMatcher(other.db);
          const worker = createGlobalMatcher(database.db);
          await Promise.all([web.syncAll(), worker.syncAll()]);
          await updateQuery(other.db, b, q['b-oil'] as string, { text: '"beard oil" OR pommes' });
          web.queriesChanged(b);
          await Promise.all([web.syncAll({ maxAgeMs: 60_000 }), worker.syncWorkspace(b)]);
          for (const p of posts) assert.deepEqual(worker.matchAll(p), web.matchAll(p), p.text);
          assert.ok(worker.matchWorkspace(b, posts[2] as MatchablePost).includes(q['b-oil'] as string));
        } finally {
          await other.close();
        }
      });
    }
  });
}
