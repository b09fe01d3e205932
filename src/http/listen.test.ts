import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import type { MentionsPage, QueryView, SourceView } from '../core/api/listen.ts';
import { makeHarness, type Client, type Harness } from './testing/harness.ts';

for (const target of targets) {
  describe(`listening reads on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let c: Client;
    let base: string;
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      const demo = await seedDemo(database.db, h.clock);
      c = h.client();
      await c.login(demo.login?.email ?? '', demo.login?.password ?? '');
      base = `/api/v1/workspaces/${demo.workspaceId}`;
    });
    after(() => database.close());

    const page = async (qs: string) => {
      const r = await c.get(`${base}/mentions${qs}`);
      assert.equal(r.status, 200, r.text);
      return r.json<MentionsPage>();
    };

    const all = async (qs: string) => {
      const items: MentionsPage['items'] = [];
      let cursor: string | null = null;
      do {
        const sep: string = qs ? '&' : '?';
        const p: MentionsPage = await page(`${qs}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
        items.push(...p.items);
        cursor = p.nextCursor;
      } while (cursor);
      return items;
    };

    it('pages through every mention newest first, without repeats', async () => {
      const first = await page('?limit=10');
      assert.equal(first.items.length, 10);
      assert.ok(first.nextCursor);
      const everything = await all('?limit=7');
      assert.ok(everything.length >= 55, `${everything.length} mentions`);
      assert.equal(new Set(everything.map((m) => m.id)).size, everything.length);
      const times = everything.map((m) => Date.parse(m.publishedAt));
      assert.deepEqual(times, [...times].sort((x, y) => y - x));
      assert.deepEqual(everything.slice(0, 10).map((m) => m.id), first.items.map((m) => m.id));
    });

    it('filters by network, language, sentiment, text and dates', async () => {
      const hn = await all('?network=hackernews');
      assert.ok(hn.length > 0 && hn.every((m) => m.network === 'hackernews'));
      const enNeg = await all('?lang=en&sentiment=negative');
      assert.ok(enNeg.length > 0 && enNeg.every((m) => m.lang === 'en' && m.sentiment?.label === 'negative'));
      const banque = await all('?q=banque');
      assert.ok(banque.length > 0 && banque.every((m) => `${m.title ?? ''} ${m.text}`.toLowerCase().includes('banque')));
      const now = h.clock.now().getTime();
      const since = new Date(now - 3 * 86400_000).toISOString();
      const recent = await all(`?since=${since}`);
      assert.ok(recent.length > 0 && recent.every((m) => m.publishedAt >= since));
      const until = new Date(now - 20 * 86400_000).toISOString();
      const old = await all(`?until=${until}`);
      assert.ok(old.length > 0 && old.every((m) => m.publishedAt < until));
      assert.equal(recent.length + old.length < (await all('')).length, true);
    });

    it('filters by source and by matched query', async () => {
      const sources = (await c.get(`${base}/sources`)).json<{ items: SourceView[] }>().items;
      const hnSource = sources.find((s) => s.kind === 'hackernews');
      const fromHn = await all(`?sourceId=${hnSource?.id}`);
      assert.ok(fromHn.length > 0 && fromHn.every((m) => m.sourceId === hnSource?.id));
      const queries = (await c.get(`${base}/queries`)).json<{ items: QueryView[] }>().items;
      const royale = queries.find((q) => q.name === 'Barbe Royale');
      const aboutRoyale = await all(`?queryId=${royale?.id}`);
      assert.ok(aboutRoyale.length > 0);
      assert.ok(aboutRoyale.every((m) => /barbe ?royale/i.test(`${m.title ?? ''} ${m.text}`)), 'every match names the competitor');
      assert.deepEqual(await all('?sourceId=not-an-id'), []);
    });

    it('refuses a cursor it did not issue and bad filters', async () => {
      assert.equal((await c.get(`${base}/mentions?cursor=garbage`)).status, 400);
      assert.equal((await c.get(`${base}/mentions?sentiment=happy`)).status, 400);
      assert.equal((await c.get(`${base}/mentions?since=yesterday`)).status, 400);
    });

    it('lists sources with their health, and queries', async () => {
      const sources = (await c.get(`${base}/sources`)).json<{ items: SourceView[] }>().items;
      assert.equal(sources.length, 6);
      const failing = sources.find((s) => s.lastError !== null);
      assert.match(failing?.lastError ?? '', /429/);
      // The demo's failing source speaks the reader's language, as a real failed fetch does (ADR 0250).
      const errorIn = async (lang: string) =>
        (await c.get(`${base}/sources`, { 'accept-language': lang })).json<{ items: SourceView[] }>().items.find((s) => s.id === failing?.id)?.lastError;
      assert.equal(await errorIn('fr'), `${failing?.url ?? ''} a répondu avec le code HTTP 429.`);
      assert.equal(await errorIn('en'), `${failing?.url ?? ''} answered with HTTP status 429.`);
      const detail = await c.get(`${base}/sources/${failing?.id ?? ''}`, { 'accept-language': 'en' });
      assert.equal(detail.json<SourceView>().lastError, `${failing?.url ?? ''} answered with HTTP status 429.`);
      assert.ok(sources.every((s) => s.lastSuccessAt !== null));
      const queries = (await c.get(`${base}/queries`)).json<{ items: QueryView[] }>().items;
      assert.deepEqual([...new Set(queries.map((q) => q.kind))].sort(), ['brand', 'competitor', 'trade']);
    });
  });
}
