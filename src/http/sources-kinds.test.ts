import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { SourceDetail, SourcePreview } from '../core/api/sources.ts';
import type { MentionsPage } from '../core/api/listen.ts';
import { ingestSource } from '../app/ingest/ingest-source.ts';
import { ingestFetcher } from '../app/ingest/fetcher.ts';
import { secretKeyOf } from '../config/secret-key.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, postViews, readObject, searchByDate, startFakeBluesky, startFakeMastodon, type FakeMastodon } from '../app/sources/testing/peers.ts';
import { makeHarness, setUp, type Client, type Harness } from './testing/harness.ts';

/**
 * Sources of every kind through the API (ADR 0121) with their secrets sealed at rest (ADR 0120),
 * against local servers shaped like Mastodon and the Hacker News search API, on both databases.
 */
const token = 'tok-brand-7f3a9c';
const status = (id: string, extra: Record<string, unknown> = {}) => ({
  ...readObject('entities_Status__001.json'),
  id,
  uri: `https://mastodon.social/users/Gargron/statuses/${id}`,
  url: `https://mastodon.social/@Gargron/${id}`,
  ...extra,
});

for (const target of targets) {
  describe(`sources of every kind on ${target.name}`, { skip: hasMastodonPayloads ? await target.skip() : MASTODON_PAYLOADS_MISSING }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let base = '';
    let api: FakeMastodon;
    let hn: Server;
    let hnUrl = '';
    const ingest = (id: string) =>
      ingestSource({ db: database.db, clock: h.clock, fetcher: ingestFetcher({ allowPrivateNetworks: true, clock: h.clock, minDelayMs: 0 }), secretKey: () => secretKeyOf(h.config) }, id);

    before(async () => {
      database = await target.open();
      api = await startFakeMastodon();
      const account = readObject('entities_Account__001.json');
      api.me = {
        token,
        account: readObject('methods_accounts__001.json'),
        notifications: [
          { id: '201', type: 'mention', created_at: '2026-11-20T08:00:00.000Z', account, status: status('700', { content: '<p>@trwnh merci pour le savon !</p>' }) },
          { id: '202', type: 'favourite', created_at: '2026-11-20T08:10:00.000Z', account, status: status('650', { content: '<p>Notre savon du mois</p>', favourites_count: 4, reblogs_count: 1 }) },
        ],
      };
      api.tags.set('savon', [status('800', { content: '<p>Le #savon de Marseille</p>' })]);
      hn = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(searchByDate(req));
      });
      await new Promise<void>((r) => hn.listen(0, '127.0.0.1', r));
      hnUrl = `http://127.0.0.1:${(hn.address() as AddressInfo).port}/api/v1`;
      h = makeHarness(database, { env: { RELAIS_ALLOW_PRIVATE_NETWORKS: 'true' } });
      const s = await setUp(h);
      owner = s.client;
      base = `/api/v1/workspaces/${s.workspaceId}/sources`;
    });
    after(async () => {
      await api.close();
      hn.closeAllConnections();
      hn.close();
      await database.close();
    });

    it('connects a Mastodon account: the token is verified, sealed at rest, never returned or logged, kept on update', async () => {
      const body = { kind: 'mastodon', url: api.url, config: { mode: 'notifications', accessToken: token } };
      const bad = await owner.post(`${base}/preview`, { ...body, config: { mode: 'notifications', accessToken: 'wrong' } });
      assert.equal(bad.status, 400, bad.text);
      assert.match(bad.text, /"key":"source.reconnect"/);
      assert.match(bad.text, /a refusé les identifiants du compte connecté/, 'said in the user’s language');
      assert.doesNotMatch(bad.text, /wrong/);

      const preview = await owner.post(`${base}/preview`, body);
      assert.equal(preview.status, 200, preview.text);
      const p = preview.json<SourcePreview>();
      assert.equal(p.account?.handle, '@trwnh@mastodon.social');
      assert.deepEqual(p.items.map((i) => i.id.split('/').pop()).sort(), ['650', '700']);

      const unverified = await owner.post(base, { ...body, config: { mode: 'notifications', accessToken: 'wrong' } });
      assert.equal(unverified.status, 400, 'the token is verified when the source is added, preview or not');
      const created = await owner.post(base, body);
      assert.equal(created.status, 201, created.text);
      const s = created.json<SourceDetail>();
      assert.deepEqual(s.config, { mode: 'notifications', accessToken: { set: true } });
      assert.ok(!created.text.includes(token));
      assert.ok(!(await owner.get(`${base}/${s.id}`)).text.includes(token));
      assert.ok(!(await owner.get(base)).text.includes(token));

      // At rest: sealed, not the token.
      const rows = await database.db.execute(sql`select config::text as c from sources where id = ${s.id}`);
      const stored = (Array.isArray(rows) ? rows : (rows as { rows: { c: string }[] }).rows)[0] as { c: string };
      assert.ok(!stored.c.includes(token), stored.c);
      assert.match(stored.c, /"accessToken": ?"sealed:v1:/);

      // The worker opens it and reads the notifications; the favourite brings the brand's status with its counts.
      const first = await ingest(s.id);
      assert.equal(first.outcome, 'stored', JSON.stringify(first));
      assert.ok(api.authorizations.includes(`Bearer ${token}`));
      const mentions = (await owner.get(`/api/v1/workspaces/${base.split('/')[4]}/mentions?sourceId=${s.id}`)).json<MentionsPage>();
      assert.equal(mentions.items.length, 2);

      // More favourites later: the stored status's counts are refreshed, nothing is stored twice.
      api.me?.notifications.push({ id: '203', type: 'favourite', created_at: '2026-11-20T08:20:00.000Z', account: readObject('entities_Account__001.json'), status: status('650', { content: '<p>Notre savon du mois</p>', favourites_count: 9, reblogs_count: 2 }) });
      const second = await ingest(s.id);
      assert.equal(second.outcome, 'stored');
      assert.equal(second.outcome === 'stored' ? second.metricsRefreshed : -1, 1);
      const m = await database.db.execute(sql`select metrics::text as m from mentions where source_id = ${s.id} and external_id like '%/650'`);
      const metrics = JSON.parse(((Array.isArray(m) ? m : (m as { rows: { m: string }[] }).rows)[0] as { m: string }).m) as Record<string, number>;
      assert.equal(metrics['likes'], 9);
      assert.equal(metrics['reposts'], 2);

      // An update without the token keeps it (and, the target unchanged, keeps the cursor).
      const updated = await owner.patch(`${base}/${s.id}`, { config: { mode: 'notifications', types: ['mention'] } });
      assert.equal(updated.status, 200, updated.text);
      assert.deepEqual(updated.json<SourceDetail>().config, { mode: 'notifications', accessToken: { set: true }, types: ['mention'] });
      api.authorizations.length = 0;
      assert.equal((await ingest(s.id)).outcome, 'stored');
      assert.ok(api.authorizations.length > 0 && api.authorizations.every((a) => a === `Bearer ${token}`));

      // The token is revoked: the source stops and says it needs reconnecting; a new token and a resume bring it back.
      api.me = { ...(api.me as NonNullable<FakeMastodon['me']>), token: 'tok-new' };
      const refused = await ingest(s.id);
      assert.equal(refused.outcome, 'failed');
      const health = (await owner.get(`${base}/${s.id}`)).json<SourceDetail>();
      assert.equal(health.status, 'disabled');
      // Said in the reader's language (ADR 0250); the connector's English stays in the row for the logs.
      assert.match(health.disabledReason ?? '', /a refusé les identifiants du compte connecté/);
      assert.match((await owner.get(`${base}/${s.id}`, { 'accept-language': 'en' })).json<SourceDetail>().disabledReason ?? '', /refused the connected account’s credentials/);
      assert.match(health.lastError ?? '', /a refusé les identifiants du compte connecté/);
      const wrong = await owner.patch(`${base}/${s.id}`, { status: 'active', config: { mode: 'notifications', accessToken: 'tok-typo' } });
      assert.equal(wrong.status, 400, 'a new token is verified before it is saved');
      assert.match(wrong.text, /a refusé les identifiants du compte connecté/);
      assert.equal((await owner.get(`${base}/${s.id}`)).json<SourceDetail>().status, 'disabled');
      assert.equal((await owner.patch(`${base}/${s.id}`, { status: 'active', config: { mode: 'notifications', accessToken: 'tok-new' } })).status, 200);
      assert.equal((await ingest(s.id)).outcome, 'stored');

      const logged = JSON.stringify(h.logs);
      assert.ok(!logged.includes(token) && !logged.includes('tok-new') && !logged.includes('tok-typo'));
    });

    it('adds a Mastodon hashtag, Hacker News, Reddit and Bluesky sources, each with its own fields', async () => {
      const tag = await owner.post(base, { kind: 'mastodon', url: api.url, config: { mode: 'hashtag', hashtag: '#savon' } });
      assert.equal(tag.status, 201, tag.text);
      assert.deepEqual(tag.json<SourceDetail>().config, { mode: 'hashtag', hashtag: 'savon' });
      assert.match(tag.json<SourceDetail>().name, /^#savon — 127\.0\.0\.1$/);
      assert.equal((await ingest(tag.json<SourceDetail>().id)).outcome, 'stored');

      const hnPreview = await owner.post(`${base}/preview`, { kind: 'hackernews', url: hnUrl, config: { query: 'coupe-chou' } });
      assert.equal(hnPreview.status, 200, hnPreview.text);
      assert.ok(hnPreview.json<SourcePreview>().items.length >= 3);
      const hnSource = await owner.post(base, { kind: 'hackernews', url: hnUrl, config: { query: 'coupe-chou' } });
      assert.equal(hnSource.status, 201, hnSource.text);
      assert.equal(hnSource.json<SourceDetail>().name, 'Hacker News : coupe-chou');

      const sub = await owner.post(base, { kind: 'reddit', config: { subreddit: 'r/barber' } });
      assert.equal(sub.status, 201, sub.text);
      assert.equal(sub.json<SourceDetail>().url, 'https://www.reddit.com/r/barber/new/.rss');
      assert.deepEqual(sub.json<SourceDetail>().config, { subreddit: 'barber' });
      const feed = await owner.post(base, { kind: 'reddit', url: 'https://www.reddit.com/r/savon/.rss' });
      assert.equal(feed.status, 201, feed.text);

      const bsky = { kind: 'bluesky', config: { mode: 'notifications', service: 'https://bsky.social', identifier: 'brand.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' } };
      const saved = await owner.post(base, bsky);
      assert.equal(saved.status, 201, saved.text);
      assert.deepEqual(saved.json<SourceDetail>().config, { mode: 'notifications', service: 'https://bsky.social', identifier: 'brand.bsky.social', appPassword: { set: true } });
      assert.ok(!saved.text.includes('abcd-efgh'));
      const firehose = await owner.post(base, { kind: 'bluesky', config: { mode: 'firehose' } });
      assert.equal(firehose.status, 201, firehose.text);
    });

    it('refuses what a kind does not take, with the field named', async () => {
      const cases: [unknown, RegExp][] = [
        [{ kind: 'mastodon', url: api.url, config: { mode: 'hashtag', hashtag: 'two words' } }, /« config\.hashtag » : un mot-dièse se compose de lettres/],
        [{ kind: 'mastodon', url: api.url, config: { mode: 'notifications' } }, /« config\.accessToken » est obligatoire/],
        [{ kind: 'mastodon', config: { mode: 'search', q: 'savon' } }, /url/],
        [{ kind: 'mastodon', url: api.url, config: { mode: 'timeline' } }, /config\.mode/],
        [{ kind: 'reddit', url: 'https://www.reddit.com/r/x/.rss', config: { subreddit: 'x1' } }, /soit l’adresse d’un flux Reddit, soit un subreddit ou une recherche/],
        [{ kind: 'reddit', config: { subreddit: 'a b' } }, /un nom de subreddit compte 2 à 21/],
        [{ kind: 'hackernews', config: { query: '  ' } }, /« config\.query » ne doit pas être vide/],
        [{ kind: 'bluesky', config: { mode: 'notifications', service: 'https://bsky.social', identifier: 'brand.bsky.social' } }, /config\.appPassword/],
        [{ kind: 'bluesky', config: { mode: 'firehose', extra: 1 } }, /extra/],
        [{ kind: 'import', url: 'https://x.org' }, /kind/],
      ];
      for (const [body, message] of cases) {
        const r = await owner.post(base, body);
        assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
        assert.match(r.text, message, JSON.stringify(body));
      }
      const tag = (await owner.post(base, { kind: 'mastodon', url: api.url, config: { mode: 'hashtag', hashtag: 'ok' } })).json<SourceDetail>();
      const wrong = await owner.patch(`${base}/${tag.id}`, { config: { mode: 'search' } });
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /config\.q/);
      const feed = (await owner.post(base, { kind: 'rss', url: 'https://example.org/feed.xml' })).json<SourceDetail>();
      assert.equal((await owner.patch(`${base}/${feed.id}`, { config: { x: 1 } })).status, 400);
    });

    it('previews a Bluesky search through its connector, saving nothing', async () => {
      const appview = await startFakeBluesky();
      try {
        appview.state.posts = postViews(3);
        const before = (await owner.get(base)).json<{ items: unknown[] }>().items.length;
        const r = await owner.post(`${base}/preview`, { kind: 'bluesky', config: { mode: 'search', q: 'barbier', service: appview.url } });
        assert.equal(r.status, 200, r.text);
        const preview = r.json<SourcePreview>();
        assert.ok(preview.items.length > 0, 'the search answered posts');
        assert.ok(appview.state.calls.some((c) => c.nsid === 'app.bsky.feed.searchPosts' && c.params.get('q') === 'barbier'));
        assert.equal((await owner.get(base)).json<{ items: unknown[] }>().items.length, before, 'a preview saves no source');
      } finally {
        await appview.close();
      }
    });
  });
}
