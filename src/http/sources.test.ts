import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { SourceDetail, SourcePreview } from '../core/api/sources.ts';
import type { MentionsPage } from '../core/api/listen.ts';
import { ingestSource } from '../app/ingest/ingest-source.ts';
import { ingestFetcher } from '../app/ingest/fetcher.ts';
import { rssDocument, startFeedServer, type FeedServer } from '../app/ingest/testing/feed-server.ts';
import { makeHarness, setUp, viewerOf, type Client, type Harness } from './testing/harness.ts';

const items = [
  { id: 'p1', title: 'Premier', text: 'Un premier billet sur le savon artisanal.' },
  { id: 'p2', title: 'Second', text: 'Un second billet sur la barbe et le rasage.' },
];

for (const target of targets) {
  describe(`source routes on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let base = '';
    let server: FeedServer;

    before(async () => {
      database = await target.open();
      server = await startFeedServer();
      server.respond((req) =>
        req.url === '/page.html'
          ? { body: `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`, headers: { 'content-type': 'text/html' } }
          : { body: rssDocument(items, { title: 'Le blog' }) },
      );
      h = makeHarness(database, { env: { RELAIS_ALLOW_PRIVATE_NETWORKS: 'true' } });
      const s = await setUp(h);
      owner = s.client;
      base = `/api/v1/workspaces/${s.workspaceId}/sources`;
      viewer = await viewerOf(h, owner, s.workspaceId);
    });
    after(async () => {
      await server.close();
      await database.close();
    });

    it('previews a feed, and follows a web page to the feed it advertises; nothing is saved', async () => {
      const direct = await owner.post(`${base}/preview`, { kind: 'rss', url: server.url });
      assert.equal(direct.status, 200, direct.text);
      const p = direct.json<SourcePreview>();
      assert.equal(p.title, 'Le blog');
      assert.deepEqual(p.items.map((i) => i.id), ['p1', 'p2']);
      const page = await owner.post(`${base}/preview`, { kind: 'rss', url: server.url.replace('/feed.xml', '/page.html') });
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json<SourcePreview>().feedUrl, server.url);
      assert.equal((await owner.get(base)).json<{ items: unknown[] }>().items.length, 0);
    });

    it('refuses a preview of a private address unless the operator allows it', async () => {
      const strict = makeHarness(database);
      const c = strict.client();
      await c.login('owner@example.org', 'correct horse battery');
      const r = await c.post(`${base}/preview`, { kind: 'rss', url: server.url });
      assert.equal(r.status, 400);
      assert.match(r.text, /"key":"fetch.blocked-address"/);
      assert.match(r.text, /adresse privée ou réservée/);
      assert.equal((await owner.post(`${base}/preview`, { kind: 'rss', url: 'ftp://x' })).status, 400);
    });

    it('creates, shows health, renames, pauses, resumes and deletes a source; viewers may only read', async () => {
      const created = await owner.post(base, { kind: 'rss', url: server.url, name: 'Le blog', fetchIntervalSeconds: 600 });
      assert.equal(created.status, 201, created.text);
      const s = created.json<SourceDetail>();
      assert.equal(s.fetchIntervalSeconds, 600);
      assert.equal(s.itemsPerDay.length, 14);
      assert.equal((await viewer.post(base, { kind: 'rss', url: server.url })).status, 403);
      assert.equal((await viewer.request('PATCH', `${base}/${s.id}`, { name: 'x' })).status, 403);
      assert.equal((await viewer.get(`${base}/${s.id}`)).status, 200);

      // The worker's ingest runs; the health shows today's items and the last success.
      await ingestSource({ db: database.db, clock: h.clock, fetcher: ingestFetcher({ allowPrivateNetworks: true, clock: h.clock, minDelayMs: 0 }) }, s.id);
      const health = (await owner.get(`${base}/${s.id}`)).json<SourceDetail>();
      assert.equal(health.itemsPerDay.at(-1)?.count, 2);
      assert.equal(health.itemsPerDay.at(-1)?.day, h.clock.now().toISOString().slice(0, 10));
      assert.ok(health.lastSuccessAt);
      const mentions = (await owner.get(`/api/v1/workspaces/${base.split('/')[4]}/mentions?sourceId=${s.id}`)).json<MentionsPage>();
      assert.equal(mentions.items.length, 2);

      const renamed = await owner.patch(`${base}/${s.id}`, { name: 'Blog renommé', status: 'paused' });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json<SourceDetail>().status, 'paused');
      assert.equal((await owner.post(`${base}/${s.id}/fetch`)).status, 409);
      assert.equal((await owner.patch(`${base}/${s.id}`, { status: 'active' })).json<SourceDetail>().status, 'active');
      const fetched = await owner.post(`${base}/${s.id}/fetch`);
      assert.equal(fetched.status, 202, fetched.text);
      // No queue in this process: the source is made due, and the scheduler's next tick takes it.
      assert.equal(fetched.json<{ queued: boolean }>().queued, false);
      assert.equal((await owner.get(`${base}/${s.id}`)).json<SourceDetail>().nextFetchAt, null);
      assert.equal((await owner.patch(`${base}/${s.id}`, { fetchIntervalSeconds: 5 })).status, 400);
      assert.equal((await owner.delete(`${base}/${s.id}`)).status, 200);
      assert.equal((await owner.get(`${base}/${s.id}`)).status, 404);
      assert.equal((await owner.get(`${base}/not-a-uuid`)).status, 404);
    });
  });
}
