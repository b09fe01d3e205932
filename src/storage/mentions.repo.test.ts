import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { insertSource } from './sources.repo.ts';
import { findMention, insertMentions, listMentions, type NewMention } from './mentions.repo.ts';
import type { Network } from '../core/mention.ts';

const t0 = new Date('2026-11-01T00:00:00Z');
const hoursAfter = (h: number) => new Date(t0.getTime() + h * 3600_000);

const mention = (i: number, over: Partial<NewMention> = {}): NewMention => ({
  network: (['mastodon', 'bluesky', 'rss'] as Network[])[i % 3] ?? 'rss',
  externalId: `ext-${i}`,
  author: { handle: `@user${i % 4}@example.social`, name: `User ${i % 4}` },
  text: i % 5 === 0 ? `Huile à barbe n°${i} : 100% parfaite` : `Message ${i} sur le savon`,
  links: [],
  hashtags: ['barbe'],
  mentions: [],
  lang: i % 2 ? 'en' : 'fr',
  sentiment: { label: i % 2 ? 'positive' : 'negative', score: i % 2 ? 0.5 : -0.5 },
  matchedQueries: [],
  publishedAt: hoursAfter(i % 7 === 0 ? 3 : i), // several share a timestamp: the id breaks ties
  fetchedAt: hoursAfter(100),
  sourceId: null,
  ...over,
});

for (const target of targets) {
  describe(`mentions repository on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let wsA: string;
    let wsB: string;
    before(async () => {
      database = await target.open();
      wsA = (await insertWorkspace(database.db, { name: 'A', now: t0 })).id;
      wsB = (await insertWorkspace(database.db, { name: 'B', now: t0 })).id;
    });
    after(() => database.close());

    it('stores the full shape and reads it back', async () => {
      const src = await insertSource(database.db, wsA, { kind: 'mastodon', name: 'Hashtag', now: t0 });
      const full = mention(1000, {
        sourceId: src.id,
        url: 'https://example.social/@u/1',
        html: '<p>hi</p>',
        title: 'T',
        author: { handle: '@u@example.social', name: 'U', url: 'https://example.social/@u', avatarUrl: 'https://example.social/a.png' },
        links: ['https://coupe-chou.fr'],
        mentions: ['@coupechou@example.social'],
        declaredLang: 'fr',
        inReplyTo: 'ext-1',
        threadRoot: 'ext-0',
        metrics: { likes: 3, reposts: 1 },
        matchedQueries: ['q1', 'q2'],
      });
      const [id] = await insertMentions(database.db, wsA, [full]);
      assert.ok(id);
      const got = await findMention(database.db, wsA, id);
      assert.deepEqual(got, { ...full, id, workspaceId: wsA });
      assert.equal(await findMention(database.db, wsB, id), null, 'another workspace does not see it');
    });

    it('skips duplicates by network and external id within a workspace, not across workspaces', async () => {
      const items = Array.from({ length: 30 }, (_, i) => mention(i));
      assert.equal((await insertMentions(database.db, wsA, items)).length, 30);
      assert.equal((await insertMentions(database.db, wsA, items.slice(0, 10))).length, 0);
      assert.equal((await insertMentions(database.db, wsB, items.slice(0, 5))).length, 5);
    });

    it('pages newest first without gaps or repeats, ties broken by id', async () => {
      const seen: string[] = [];
      let after;
      let pages = 0;
      do {
        const page = await listMentions(database.db, wsA, {}, { limit: 7, after });
        seen.push(...page.items.map((m) => m.id));
        for (let i = 1; i < page.items.length; i++) {
          const a = page.items[i - 1];
          const b = page.items[i];
          assert.ok(a && b && a.publishedAt.getTime() >= b.publishedAt.getTime());
        }
        after = page.next ?? undefined;
        pages++;
      } while (after);
      assert.equal(seen.length, 31);
      assert.equal(new Set(seen).size, 31);
      assert.equal(pages, 5);
    });

    it('gives the same mentions, in the same order, whatever the page size and filter', async () => {
      const filters = [{}, { network: 'mastodon' as const }, { lang: 'en' }, { text: 'savon' }, { since: hoursAfter(5) }];
      for (const f of filters) {
        const whole = (await listMentions(database.db, wsA, f, { limit: 1000 })).items.map((m) => m.id);
        assert.ok(whole.length > 0);
        for (const limit of [1, 2, 3, 5, 8, 13]) {
          const paged: string[] = [];
          let after;
          do {
            const page = await listMentions(database.db, wsA, f, { limit, after });
            assert.ok(page.items.length <= limit);
            paged.push(...page.items.map((m) => m.id));
            after = page.next ?? undefined;
          } while (after);
          assert.deepEqual(paged, whole, `filter ${JSON.stringify(f)}, pages of ${limit}`);
        }
      }
    });

    it('filters by network, language, sentiment, text and date range', async () => {
      const all = (f: Parameters<typeof listMentions>[2]) => listMentions(database.db, wsA, f, { limit: 100 });
      const mastodon = await all({ network: 'mastodon' });
      assert.ok(mastodon.items.length > 0 && mastodon.items.every((m) => m.network === 'mastodon'));
      const en = await all({ lang: 'en', sentiment: 'positive' });
      assert.ok(en.items.length > 0 && en.items.every((m) => m.lang === 'en' && m.sentiment?.label === 'positive'));
      const huile = await all({ text: 'HUILE' });
      const expected = ['ext-0', 'ext-5', 'ext-10', 'ext-15', 'ext-20', 'ext-25', 'ext-1000'];
      assert.deepEqual(huile.items.map((m) => m.externalId).sort(), expected.sort());
      // LIKE wildcards in the search are literal characters.
      assert.equal((await all({ text: '100%' })).items.length, expected.length);
      assert.equal((await all({ text: '_' })).items.length, 0);
      const window = await all({ since: hoursAfter(10), until: hoursAfter(12) });
      assert.ok(window.items.length > 0);
      assert.ok(window.items.every((m) => m.publishedAt >= hoursAfter(10) && m.publishedAt < hoursAfter(12)));
      assert.equal((await listMentions(database.db, wsB, {}, { limit: 100 })).items.length, 5);
    });
  });
}
