import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import {
  copyNewMentions,
  findRecentTextHashes,
  findStoredExternalIds,
  insertIngestedMentions,
  insertIngestedMentionsByCopy,
  type IngestedMention,
} from './mention-ingest.repo.ts';
import { isUniqueViolation } from './pg-errors.ts';
import { copyValue } from './copy-in.ts';

const now = new Date('2026-11-20T09:00:00Z');
// Every character COPY's text format and array literals escape, quotes, unicode beyond the BMP.
const awkward = 'tab\there, line\nbreak, return\r, back\\slash, "quotes", {braces}, \\N, NULL, émoji 😀, 𝔘';

const mention = (i: number, over: Partial<IngestedMention> = {}): IngestedMention => ({
  network: 'mastodon',
  externalId: `x-${i}`,
  url: `https://social.example/@u/${i}`,
  author: { handle: '@u@social.example', name: i % 2 ? awkward : 'U' },
  text: i === 0 ? awkward : `texte ${i}`,
  ...(i === 0 ? { html: `<p>${awkward}</p>`, title: awkward } : {}),
  links: i === 0 ? ['https://a.example/?q="x"&y=\\'] : [],
  hashtags: i === 0 ? ['rasage', 'barbe'] : [],
  mentions: [],
  publishedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
  sourceId: null,
  lang: 'fr',
  sentiment: { label: 'positive', score: 0.1234 },
  matchedQueries: i === 0 ? ['3f0e7a52-5a43-4f7e-9d38-1b2f0f3c9a11'] : [],
  fetchedAt: now,
  textHash: i === 0 ? 'hash-zero' : null,
  nearDuplicateOf: null,
  metrics: i === 0 ? { likes: 3, replies: 1 } : {},
  ...over,
});

describe('COPY text values', () => {
  it('escapes backslash, tab, newline and return, and writes null as \\N', () => {
    assert.equal(copyValue(null), '\\N');
    assert.equal(copyValue('\\N'), '\\\\N');
    assert.equal(copyValue('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyValue('plain "text"'), 'plain "text"');
  });
});

for (const target of targets) {
  describe(`ingest writes on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let ws = '';
    before(async () => {
      database = await target.open();
      ws = (await insertWorkspace(database.db, { name: 'I', now })).id;
    });
    after(() => database.close());

    const read = (prefix: string, workspace = ws) =>
      database.query<Record<string, unknown>>(
        `select external_id, author_name, text, html, title, links, hashtags, matched_queries, metrics, sentiment_score, text_hash, published_at
         from mentions where workspace_id = $1 and external_id like $2 order by external_id`,
        [workspace, `${prefix}%`],
      );

    it('stores the same rows through COPY into staging as through unnest arrays, skipping what is stored', async () => {
      const batch = Array.from({ length: 5 }, (_, i) => mention(i));
      const viaArrays = await database.db.transaction((tx) => insertIngestedMentions(tx, ws, batch));
      const viaCopy = await database.db.transaction((tx) =>
        insertIngestedMentionsByCopy(tx, ws, batch.map((m) => ({ ...m, externalId: `c${m.externalId}` }))),
      );
      assert.deepEqual(viaArrays.map((r) => r.index).sort(), [0, 1, 2, 3, 4]);
      assert.deepEqual(viaCopy.map((r) => r.index).sort(), [0, 1, 2, 3, 4]);
      const a = await read('x-');
      const c = await read('cx-');
      assert.equal(a.length, 5);
      assert.deepEqual(c.map((r) => ({ ...r, external_id: String(r.external_id).slice(1) })), a);
      assert.equal(a[0]?.text, awkward);
      assert.equal(a[0]?.title, awkward);
      assert.deepEqual(a[0]?.links, ['https://a.example/?q="x"&y=\\']);
      assert.deepEqual(a[0]?.metrics, { likes: 3, replies: 1 });

      // Again, with two new rows: only those are inserted, with their place in the batch.
      const again = [...batch.slice(0, 2), mention(7), ...batch.slice(2), mention(8)].map((m) => ({ ...m, externalId: `c${m.externalId}` }));
      const second = await database.db.transaction((tx) => insertIngestedMentionsByCopy(tx, ws, again));
      assert.deepEqual(second.map((r) => r.index).sort(), [2, 6]);
      // The staging table is emptied at commit.
      const third = await database.db.transaction((tx) => insertIngestedMentionsByCopy(tx, ws, [mention(9, { externalId: 'cx-9' })]));
      assert.equal(third.length, 1);
      assert.equal((await read('cx-')).length, 8);
    });

    it('copies new rows straight into the table, the same values, and fails as a unique violation on a stored one', async () => {
      // A workspace of its own: the look-up test below counts this one's texts.
      const other = (await insertWorkspace(database.db, { name: 'Direct', now })).id;
      const batch = Array.from({ length: 5 }, (_, i) => mention(i, { externalId: `dx-${i}` }));
      const copied = await database.db.transaction((tx) => copyNewMentions(tx, other, batch));
      assert.deepEqual(copied.map((r) => r.index), [0, 1, 2, 3, 4]);
      const ids = await database.query<{ id: string; external_id: string }>('select id, external_id from mentions where workspace_id = $1 and external_id like $2', [other, 'dx-%']);
      assert.deepEqual(new Map(ids.map((r) => [r.id, r.external_id])), new Map(copied.map((r) => [r.id, `dx-${r.index}`])));
      assert.deepEqual((await read('dx-', other)).map((r) => ({ ...r, external_id: String(r.external_id).replace('dx-', 'x-') })), await read('x-'));
      // One row of the batch is stored already: nothing of the batch is.
      const again = [mention(5, { externalId: 'dx-5' }), mention(2, { externalId: 'dx-2' })];
      const failed = await database.db.transaction((tx) => copyNewMentions(tx, other, again)).then(
        () => null,
        (e: unknown) => e,
      );
      assert.equal(isUniqueViolation(failed), true, String(failed));
      assert.equal((await read('dx-', other)).length, 5);
      // The connection is usable afterwards.
      assert.equal((await database.db.transaction((tx) => copyNewMentions(tx, other, [mention(5, { externalId: 'dx-5' })]))).length, 1);
    });

    it('finds stored ids and recent text hashes by index probes', async () => {
      const known = await findStoredExternalIds(database.db, ws, 'mastodon', ['x-1', 'x-3', 'nope', 'cx-7']);
      assert.deepEqual([...known].sort(), ['cx-7', 'x-1', 'x-3']);
      assert.equal((await findStoredExternalIds(database.db, ws, 'rss', ['x-1'])).size, 0);
      const hashes = await findRecentTextHashes(database.db, ws, '00000000-0000-4000-8000-000000000000', ['hash-zero', 'other'], new Date(now.getTime() - 1000));
      assert.deepEqual([...hashes.keys()], ['hash-zero']);
      // x-0 and cx-0 carry it, fetched at the same time: the first by (fetched_at, id).
      const ids = await database.query<{ id: string }>("select id from mentions where external_id in ('x-0', 'cx-0') order by id");
      assert.equal(ids.length, 2);
      assert.equal(hashes.get('hash-zero'), ids[0]?.id, 'the earliest mention with that text');
      assert.equal((await findRecentTextHashes(database.db, ws, null, ['hash-zero'], now)).size, 0, 'from no source, as the stored ones');
    });
  });
}
