import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support: a real HTTP server on 127.0.0.1 serving RSS documents that a test changes
 * between requests (items, status, ETag), and recording the requests it received.
 */
export interface FeedItem {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly link?: string;
  readonly published?: string;
}

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const rssDocument = (items: readonly FeedItem[], opts: { title?: string; language?: string } = {}): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${escapeXml(opts.title ?? 'Test feed')}</title><link>https://blog.example/</link>`,
    opts.language ? `<language>${opts.language}</language>` : '',
    ...items.map(
      (i) =>
        `<item><guid isPermaLink="false">${escapeXml(i.id)}</guid><title>${escapeXml(i.title)}</title>` +
        `<link>${escapeXml(i.link ?? `https://blog.example/${encodeURIComponent(i.id)}`)}</link>` +
        `<description>${escapeXml(i.text)}</description>` +
        `<pubDate>${new Date(i.published ?? '2026-11-19T10:00:00Z').toUTCString()}</pubDate></item>`,
    ),
    '</channel></rss>',
  ].join('\n');

export interface FeedResponse {
  status?: number;
  body?: string;
  etag?: string;
  headers?: Record<string, string>;
}

export interface FeedServer {
  readonly url: string;
  /** What the next requests get; an ETag matching If-None-Match gives 304. */
  respond(r: FeedResponse | ((req: IncomingMessage) => FeedResponse)): void;
  readonly requests: { ifNoneMatch: string | undefined }[];
  close(): Promise<void>;
}

export const startFeedServer = async (path = '/feed.xml'): Promise<FeedServer> => {
  let current: FeedResponse | ((req: IncomingMessage) => FeedResponse) = { status: 404, body: 'not found' };
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const inm = req.headers['if-none-match'];
    requests.push({ ifNoneMatch: typeof inm === 'string' ? inm : undefined });
    const r = typeof current === 'function' ? current(req) : current;
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8', ...(r.headers ?? {}) };
    if (r.etag) headers.etag = r.etag;
    if (r.etag && inm === r.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(r.status ?? 200, headers).end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    respond(r) {
      current = r;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
