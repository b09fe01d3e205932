import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../core/errors.ts';
import { parseFeedInput } from './parse-feed.ts';

const withServer = async (routes: Record<string, [string, string]>, fn: (base: string) => Promise<void>): Promise<void> => {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': route[0] });
    res.end(route[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
};

const rss = '<rss version="2.0"><channel><title>Blog</title><link>/</link><item><title>Hello</title><link>/hello</link><description>&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</description><pubDate>Mon, 12 Jan 2026 18:00:00 GMT</pubDate></item></channel></rss>';

test('a web page is followed to the feed it advertises', async () => {
  await withServer(
    {
      '/': ['text/html; charset=utf-8', '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>blog</body></html>'],
      '/feed.xml': ['application/rss+xml', rss],
    },
    async (base) => {
      const out = await parseFeedInput(`${base}/`, { cwd: '.', allowPrivateNetworks: true });
      assert.deepEqual(out, {
        feed: { title: 'Blog', link: `${base}/` },
        items: [{ id: `${base}/hello`, title: 'Hello', link: `${base}/hello`, published: '2026-01-12T18:00:00.000Z', text: 'Hi & bye' }],
      });
    },
  );
});

test('a page without a feed, an HTTP error and a refused address are clear AppErrors', async () => {
  await withServer({ '/': ['text/html', '<html><body>no feed here</body></html>'] }, async (base) => {
    await assert.rejects(parseFeedInput(`${base}/`, { cwd: '.', allowPrivateNetworks: true }), (e: unknown) => e instanceof AppError && /HTML page/.test(e.message));
    await assert.rejects(parseFeedInput(`${base}/missing`, { cwd: '.', allowPrivateNetworks: true }), (e: unknown) => e instanceof AppError && /404/.test(e.message));
    await assert.rejects(parseFeedInput(`${base}/`, { cwd: '.' }), (e: unknown) => e instanceof AppError && e.code === 'bad-request' && /private or reserved/.test(e.message));
  });
});
