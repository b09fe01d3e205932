import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverFeeds } from './discover.ts';

test('finds RSS, Atom and JSON feed links and resolves relative hrefs', () => {
  const html = `<!doctype html><html><head>
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/rss+xml" title="Articles &amp; news" href="/feed.xml">
    <LINK REL="Alternate" TYPE="application/atom+xml" HREF='atom.xml'>
    <link type="application/feed+json" rel="alternate home" href="https://cdn.example/feed.json">
    <link rel="alternate" hreflang="en" href="/en/">
    <!-- <link rel="alternate" type="application/rss+xml" href="/old.xml"> -->
    <link rel="alternate" type="application/rss+xml" href="/feed.xml">
  </head></html>`;
  assert.deepEqual(discoverFeeds(html, 'https://blog.example/posts/'), [
    { url: 'https://blog.example/feed.xml', type: 'application/rss+xml', title: 'Articles & news' },
    { url: 'https://blog.example/posts/atom.xml', type: 'application/atom+xml' },
    { url: 'https://cdn.example/feed.json', type: 'application/feed+json' },
  ]);
});

test('honours <base href> and finds nothing on a page without feeds', () => {
  const html = '<head><base href="https://static.example/x/"><link rel="alternate" type="application/rss+xml" href="rss"></head>';
  assert.deepEqual(discoverFeeds(html, 'https://blog.example/'), [{ url: 'https://static.example/x/rss', type: 'application/rss+xml' }]);
  assert.deepEqual(discoverFeeds('<html><body>hello</body></html>', 'https://blog.example/'), []);
});
