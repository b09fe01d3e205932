import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { runSourceContract } from '../testing/contract.ts';
import { FetchError, type Fetcher } from '../http/safe-fetch.ts';
import { SourceError } from '../source.ts';
import { feedSource } from './feed.source.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const jsonFeedExample = join(repoRoot, '..', 'shared', 'data', 'social-api-payloads', 'jsonfeed', 'spec-v1.1-example-2.json');

/** A realistic blog feed: escaped HTML, relative links, a script to strip, RFC 822 dates, a guid-less item. */
const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>L'atelier de Léa</title>
  <link>/blog/</link>
  <language>fr-FR</language>
  <item>
    <title>Nouvelle collection &amp; slow fashion</title>
    <link>/blog/collection</link>
    <guid isPermaLink="false">post-42</guid>
    <pubDate>Tue, 13 Jan 2026 09:30:00 +0100</pubDate>
    <dc:creator>Léa</dc:creator>
    <category>slowfashion</category>
    <content:encoded><![CDATA[<p>Merci à <a href="/people/nico">Nicolas</a> !</p><script>alert(1)</script><img src="img/a.jpg" onerror="x()">]]></content:encoded>
  </item>
  <item>
    <title>Atelier ouvert samedi</title>
    <link>https://atelier.example/blog/samedi</link>
    <description>&lt;b&gt;Venez&lt;/b&gt; nous voir, 10h–18h.</description>
    <pubDate>Mon, 12 Jan 2026 18:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Un mot sans lien</title>
    <description>Rien à voir.</description>
  </item>
</channel>
</rss>`;

runSourceContract({
  name: 'feed (RSS 2.0)',
  source: feedSource,
  config: (base) => ({ url: `${base}/feed.xml` }),
  respond: () => ({ headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: rss }),
  brokenBody: '<rss><channel><item><title>cut short',
  minItems: 3,
});

if (existsSync(jsonFeedExample)) {
  runSourceContract({
    name: 'feed (JSON Feed 1.1, spec example)',
    source: feedSource,
    config: (base) => ({ url: `${base}/feed.json` }),
    respond: () => ({ headers: { 'content-type': 'application/feed+json' }, body: readFileSync(jsonFeedExample) }),
    brokenBody: '{"version": "https://jsonfeed.org/version/1.1", "items": [',
    minItems: 1,
  });
} else {
  test('Source contract: feed (JSON Feed 1.1, spec example)', { skip: 'social-api-payloads not found at ../shared/data' }, () => {});
}

test('feed items become drafts with resolved links, plain text and the feed language', async () => {
  const fetcher: Fetcher = async () => ({
    kind: 'ok', status: 200, url: 'https://atelier.example/feed.xml', headers: { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=900' }, body: new TextEncoder().encode(rss),
  });
  const r = await feedSource.fetch({ url: 'https://atelier.example/feed.xml' }, {}, { signal: AbortSignal.timeout(1000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher });
  const [a, b, c] = r.items;
  assert.equal(r.retryAfter, 900);
  assert.equal(a?.externalId, 'post-42');
  assert.equal(a?.url, 'https://atelier.example/blog/collection');
  assert.equal(a?.text, 'Merci à Nicolas !');
  assert.equal(a?.author.handle, 'Léa');
  assert.equal(a?.declaredLang, 'fr');
  assert.deepEqual(a?.hashtags, ['slowfashion']);
  assert.ok(a?.links.includes('https://atelier.example/people/nico'));
  assert.equal(a?.html, '<p>Merci à <a href="https://atelier.example/people/nico">Nicolas</a> !</p><img src="https://atelier.example/img/a.jpg" />');
  assert.equal(a?.publishedAt.toISOString(), '2026-01-13T08:30:00.000Z');
  assert.equal(b?.text, 'Venez nous voir, 10h–18h.');
  assert.equal(b?.author.handle, "L'atelier de Léa");
  // No guid, no link, no date: a stable hash id, and the fetch time as the date.
  assert.match(c?.externalId ?? '', /^urn:sha256:[0-9a-f]{32}$/);
  assert.equal(c?.publishedAt.toISOString(), '2026-01-15T12:00:00.000Z');
});

test('a refused address surfaces as a SourceError that says give up', async () => {
  const fetcher: Fetcher = async () => {
    throw new FetchError('blocked-address', 'give-up', 'refused');
  };
  await assert.rejects(
    feedSource.fetch({ url: 'http://10.0.0.1/feed' }, {}, { signal: AbortSignal.timeout(1000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher }),
    (e: unknown) => e instanceof SourceError && e.action === 'give-up' && e.code === 'fetch',
  );
});

test('the wait before the next read is the longest the server or the publisher asks, at most a day', async () => {
  const withTtl = (minutes: number) => rss.replace('<channel>', `<channel><ttl>${minutes}</ttl>`);
  const run = async (body: string, cacheControl?: string) => {
    const fetcher: Fetcher = async () => ({
      kind: 'ok', status: 200, url: 'https://atelier.example/feed.xml',
      headers: { 'content-type': 'application/rss+xml', ...(cacheControl ? { 'cache-control': cacheControl } : {}) },
      body: new TextEncoder().encode(body),
    });
    return feedSource.fetch({ url: 'https://atelier.example/feed.xml' }, {}, { signal: AbortSignal.timeout(1000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher });
  };
  assert.equal((await run(withTtl(60), 'max-age=900')).retryAfter, 3_600);
  assert.equal((await run(withTtl(5), 'max-age=900')).retryAfter, 900);
  assert.equal((await run(rss)).retryAfter, undefined);
  assert.equal((await run(rss, 'public, max-age=31536000')).retryAfter, 86_400);
});
