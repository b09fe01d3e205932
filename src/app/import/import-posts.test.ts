import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { importPosts } from './import-posts.ts';
import { parseMapping } from './mapping.ts';

const csv = [
  'post_id;user;body;created;link',
  '1;@julien;"J\'adore le savon Coupe-Chou; mousse parfaite";2026-11-01T10:00:00Z;https://m.example/1',
  '2;@sam;"Terrible shaving soap, ""never again""";2026-11-02 08:30;https://m.example/2',
  '3;@nobody;;2026-11-03;https://m.example/3',
  '4;@camille;Un texte avec une date illisible;hier soir;https://m.example/4',
  '5;@paul;"Un texte sur deux lignes,',
  'la suite ici";1762000000;https://m.example/5',
  '6;@x;Un lien cassé;2026-11-04;javascript:alert(1)',
  '7;@y;Trop de colonnes;2026-11-04;https://m.example/7;extra',
].join('\n');

for (const target of targets) {
  describe(`import of posts on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let workspaceId = '';
    let brand = '';
    const clock = fixedClock('2026-11-20T09:00:00Z');
    before(async () => {
      database = await target.open();
      workspaceId = (await insertWorkspace(database.db, { name: 'W', now: clock.now() })).id;
      brand = (await insertQuery(database.db, workspaceId, { name: 'b', kind: 'brand', text: 'coupe-chou', now: clock.now() })).id;
    });
    after(() => database.close());

    it('stores the valid lines, refuses the others with their line number and reason', async () => {
      const mapping = parseMapping('text=body,author=user,date=created,url=link,id=post_id');
      assert.ok(!('error' in mapping));
      const progress: number[] = [];
      const r = await importPosts(database.db, { workspaceId, name: 'export.csv', content: csv, mapping, onProgress: (p) => progress.push(p.records) }, clock);
      assert.equal(r.format, 'csv');
      assert.equal(r.stored, 3);
      assert.deepEqual(
        r.refused.map((p) => p.line),
        [4, 5, 8, 9],
      );
      assert.match(r.refused[0]?.reason ?? '', /empty text/);
      assert.match(r.refused[1]?.reason ?? '', /unreadable date "hier soir"/);
      assert.match(r.refused[2]?.reason ?? '', /not an http\(s\) URL/);
      assert.match(r.refused[3]?.reason ?? '', /unreadable CSV/);
      assert.ok(progress.length > 0);
      const stored = (await listMentions(database.db, workspaceId, { sourceId: r.sourceId ?? '' }, { limit: 50 })).items;
      const byId = new Map(stored.map((m) => [m.externalId, m]));
      assert.deepEqual(byId.get('1')?.matchedQueries, [brand]);
      assert.equal(byId.get('1')?.lang, 'fr');
      assert.equal(byId.get('2')?.text, 'Terrible shaving soap, "never again"');
      assert.equal(byId.get('5')?.text, 'Un texte sur deux lignes,\nla suite ici');
      assert.equal(byId.get('5')?.publishedAt.toISOString(), new Date(1762000000 * 1000).toISOString());
      assert.equal(byId.get('1')?.network, 'import');

      // The same file again: nothing stored twice, the same lines refused.
      const again = await importPosts(database.db, { workspaceId, name: 'export.csv', content: csv, mapping }, clock);
      assert.equal(again.stored, 0);
      assert.equal(again.duplicates, 3);
      assert.equal(again.sourceId, r.sourceId);
    });

    it('a Bluesky post named by its AT URI is stored by its DID; the file’s author matches author: and is only a hint (ADR 0280)', async () => {
      const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
      const byAuthor = (await insertQuery(database.db, workspaceId, { name: 'a', kind: 'trade', text: 'author:@camille.bsky.social', now: clock.now() })).id;
      const lines = [
        { id: `at://${did}/app.bsky.feed.post/3kimport1`, network: 'bluesky', author: '@Camille.bsky.social', text: 'Premier rasage sans coupure, merci' },
        { id: 'bsky-export-2', network: 'bluesky', author: 'camille.bsky.social', text: 'Un post exporté sans son adresse AT' },
      ].map((l) => JSON.stringify(l));
      const r = await importPosts(database.db, { workspaceId, name: 'bluesky.jsonl', content: lines.join('\n') }, clock);
      assert.equal(r.stored, 2);
      const rows = await database.query<{ external_id: string; author_handle: string; matched: boolean }>(
        `select external_id, author_handle, matched_queries ? $2 as matched from mentions where workspace_id = $1 and network = 'bluesky' order by external_id`,
        [workspaceId, byAuthor],
      );
      assert.deepEqual(rows.map((x) => [x.external_id, x.author_handle, x.matched]), [
        [`at://${did}/app.bsky.feed.post/3kimport1`, did, true],
        // Without a post URI there is no DID to go by: the author stays as the file gives it.
        ['bsky-export-2', 'camille.bsky.social', true],
      ]);
      const hint = await database.query<{ handle: string | null; hint: string; pending: boolean }>(`select handle, hint, pending from bluesky_identities where did = $1`, [did]);
      assert.deepEqual(hint.map((x) => [x.handle, x.hint, x.pending]), [[null, 'camille.bsky.social', true]]);
    });

    it('reads JSON Lines and JSON arrays, guessing usual column names', async () => {
      const lines = ['{"id": "a", "text": "Premier post importé depuis un fichier JSON", "author": "léa"}', 'not json', '{"id": "b", "text": ""}', '[1]'].join('\n');
      const r = await importPosts(database.db, { workspaceId, name: 'posts.jsonl', content: lines }, clock);
      assert.equal(r.stored, 1);
      assert.deepEqual(r.refused, [
        { line: 2, reason: 'not valid JSON', problem: { key: 'import.line-not-json' } },
        { line: 3, reason: 'empty text (column "text")', problem: { key: 'import.empty-text', params: { column: 'text' } } },
        { line: 4, reason: 'not a JSON object', problem: { key: 'import.line-not-object' } },
      ]);
      const arr = await importPosts(database.db, { workspaceId, name: 'posts.json', content: JSON.stringify([{ content: 'Un autre post, sans id, dans un tableau JSON', user: 'x' }, 'oops']) }, clock);
      assert.equal(arr.unit, 'item');
      assert.equal(arr.stored, 1);
      assert.deepEqual(arr.refused, [{ line: 2, reason: 'not a JSON object', problem: { key: 'import.line-not-object' } }]);
    });

    it('refuses a mapping to a missing column, and a file without a text column', async () => {
      await assert.rejects(
        () => importPosts(database.db, { workspaceId, name: 'x.csv', content: 'a,b\n1,2\n', mapping: { text: 'body' } }, clock),
        (e: unknown) => e instanceof AppError && e.code === 'bad-request' && /column "body"/.test(e.message),
      );
      await assert.rejects(
        () => importPosts(database.db, { workspaceId, name: 'x.csv', content: 'a,b\n1,2\n' }, clock),
        (e: unknown) => e instanceof AppError && /no text column/.test(e.message),
      );
      assert.deepEqual(parseMapping('txt=body'), { error: '"txt" is not a field (expected one of text, author, date, url, id, network, title)' });
    });
  });
}
