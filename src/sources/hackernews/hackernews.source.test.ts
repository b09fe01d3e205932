import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch, type Fetcher } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { runSourceContract } from '../testing/contract.ts';
import { hackerNewsConnector } from './connector.ts';
import { hackerNewsSource, searchUrl, type HackerNewsSourceConfig } from './hackernews.source.ts';
import { allHits, askHn, commentWithLink, nestedComment, searchByDate, storyWithUrl } from './testing/algolia-fixtures.ts';

runSourceContract<HackerNewsSourceConfig>({
  name: 'Hacker News (Algolia search_by_date)',
  source: hackerNewsSource,
  // A day of overlap: the second run's first page asks for the same window, so the server's
  // validator can match (a validator belongs to one URL; a narrower window is another URL).
  config: (baseUrl) => ({ query: 'coupe-chou', baseUrl: `${baseUrl}/api/v1`, overlapSeconds: 86_400 }),
  respond: (req) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: searchByDate(req) }),
  brokenBody: '{"hits": [{"objectID": "1"',
  minItems: 4,
});

describe('hackerNewsSource against a local search API', () => {
  let server: Server;
  let base = '';
  const requests: URL[] = [];
  /** Per request index: an override answer (status + headers), else the normal search answer. */
  let failAt = new Map<number, { status: number; headers?: Record<string, string> }>();
  let hits: readonly Record<string, unknown>[] = allHits;
  const inner: Fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher: inner });
  const config = (extra: Partial<HackerNewsSourceConfig> = {}): HackerNewsSourceConfig => ({ query: 'coupe chou', baseUrl: `${base}/api/v1/`, ...extra });

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const i = requests.length;
      requests.push(new URL(req.url ?? '/', base));
      const fail = failAt.get(i);
      if (fail) {
        res.writeHead(fail.status, fail.headers ?? {});
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(searchByDate(req, hits));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    requests.length = 0;
    failAt = new Map();
    hits = allHits;
  });

  test('asks search_by_date for the query, stories and comments, newest first', async () => {
    await hackerNewsSource.fetch(config(), {}, ctx());
    const u = requests[0];
    assert.ok(u);
    assert.equal(u.pathname, '/api/v1/search_by_date');
    assert.equal(u.searchParams.get('query'), 'coupe chou');
    assert.equal(u.searchParams.get('tags'), '(story,comment)');
    assert.equal(u.searchParams.get('page'), '0');
    assert.equal(u.searchParams.get('numericFilters'), null, 'a first run has no lower bound');
  });

  test('pages until the network runs out; the cursor is the newest created_at_i', async () => {
    const r = await hackerNewsSource.fetch(config({ hitsPerPage: 3 }), {}, ctx());
    assert.deepEqual(requests.map((u) => u.searchParams.get('page')), ['0', '1']);
    assert.deepEqual(r.items.map((d) => d.externalId), ['hn:41000011', 'hn:41000010', 'hn:41000001', 'hn:41000002']);
    assert.equal(r.skipped, 1, 'the malformed hit is counted');
    assert.match(r.problems[0] ?? '', /^page 0, hit \d: /);
    assert.equal(r.state.cursor, String(nestedComment.created_at_i));
    assert.equal(r.capped, false);
    assert.equal(r.notModified, false);
  });

  test('the next run asks only for newer hits (minus the overlap) and reads the new ones', async () => {
    const first = await hackerNewsSource.fetch(config({ overlapSeconds: 0 }), {}, ctx());
    requests.length = 0;
    const late = { ...commentWithLink, objectID: '41000020', parent_id: 41000011, created_at: '2026-01-15T11:00:00Z', created_at_i: 1768474800 };
    hits = [...allHits, late];
    const second = await hackerNewsSource.fetch(config({ overlapSeconds: 0 }), { ...first.state, etag: undefined }, ctx());
    assert.equal(requests[0]?.searchParams.get('numericFilters'), `created_at_i>${nestedComment.created_at_i}`);
    assert.deepEqual(second.items.map((d) => d.externalId), ['hn:41000020']);
    assert.equal(second.items[0]?.inReplyTo, 'hn:41000011');
    assert.equal(second.state.cursor, '1768474800');
    requests.length = 0;
    const third = await hackerNewsSource.fetch(config({ overlapSeconds: 0 }), { cursor: second.state.cursor! }, ctx());
    assert.equal(third.items.length, 0);
    assert.equal(third.notModified, true, 'nothing newer: not modified');
    assert.equal(third.state.cursor, '1768474800', 'the cursor stays');
  });

  test('the overlap re-reads hits indexed late', async () => {
    await hackerNewsSource.fetch(config({ overlapSeconds: 600 }), { cursor: String(nestedComment.created_at_i) }, ctx());
    assert.equal(requests[0]?.searchParams.get('numericFilters'), `created_at_i>${nestedComment.created_at_i - 600}`);
  });

  const wellFormed = [storyWithUrl, askHn, commentWithLink, nestedComment];

  test('the page cap stops the run and says so', async () => {
    hits = wellFormed;
    const r = await hackerNewsSource.fetch(config({ hitsPerPage: 1, maxPages: 2 }), {}, ctx());
    assert.equal(requests.length, 2);
    assert.equal(r.capped, true);
    assert.deepEqual(r.items.map((d) => d.externalId), ['hn:41000011', 'hn:41000010']);
  });

  test('a capped run leaves a backlog in the cursor; the next runs read it after the new hits', async () => {
    const old = 1768400000;
    hits = Array.from({ length: 7 }, (_, i) => ({ ...nestedComment, objectID: String(43000000 + i), created_at: null, created_at_i: old + 100 * (i + 1) }));
    const first = await hackerNewsSource.fetch(config({ hitsPerPage: 2, maxPages: 2, overlapSeconds: 0 }), { cursor: String(old) }, ctx());
    assert.equal(first.capped, true);
    assert.deepEqual(first.items.map((d) => d.externalId), ['hn:43000006', 'hn:43000005', 'hn:43000004', 'hn:43000003']);
    assert.equal(first.state.cursor, `${old + 700}:${old}:${old + 400}`);
    // Meanwhile one new hit arrives: the next run reads it, then the backlog.
    hits = [...hits, { ...nestedComment, objectID: '43000099', created_at: null, created_at_i: old + 800 }];
    requests.length = 0;
    const second = await hackerNewsSource.fetch(config({ hitsPerPage: 2, maxPages: 2, overlapSeconds: 0 }), { cursor: first.state.cursor! }, ctx());
    assert.deepEqual(requests.map((u) => u.searchParams.get('numericFilters')), [`created_at_i>${old + 700}`, `created_at_i>${old},created_at_i<=${old + 400}`, `created_at_i>${old},created_at_i<=${old + 400}`]);
    assert.deepEqual(second.items.map((d) => d.externalId), ['hn:43000099', 'hn:43000003', 'hn:43000002', 'hn:43000001', 'hn:43000000']);
    assert.equal(second.capped, false);
    assert.equal(second.state.cursor, String(old + 800), 'the backlog is read: a plain cursor again');
  });

  test('a first run that hits the cap does not backfill history', async () => {
    hits = wellFormed;
    const r = await hackerNewsSource.fetch(config({ hitsPerPage: 1, maxPages: 1 }), {}, ctx());
    assert.equal(r.capped, true);
    assert.equal(r.state.cursor, String(nestedComment.created_at_i));
  });

  test('a 429 with Retry-After on the second page keeps the first page but not the cursor', async () => {
    hits = wellFormed;
    failAt.set(1, { status: 429, headers: { 'retry-after': '120' } });
    const r = await hackerNewsSource.fetch(config({ hitsPerPage: 2 }), { cursor: '1700000000' }, ctx());
    assert.deepEqual(r.items.map((d) => d.externalId), ['hn:41000011', 'hn:41000010']);
    assert.equal(r.retryAfter, 120);
    assert.equal(r.state.cursor, '1700000000', 'the next run reads the missed pages again');
    assert.equal(r.notModified, false);
  });

  test('a 429 with Retry-After on the first page is a retry SourceError', async () => {
    failAt.set(0, { status: 429, headers: { 'retry-after': '30' } });
    await assert.rejects(hackerNewsSource.fetch(config(), {}, ctx()), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.action, 'retry');
      assert.equal(e.retryAfterSeconds, 30);
      return true;
    });
  });

  test('a 5xx on the first page is a retry SourceError; on a later page the run keeps what it read', async () => {
    hits = wellFormed;
    failAt.set(0, { status: 502 });
    await assert.rejects(hackerNewsSource.fetch(config(), {}, ctx()), (e: unknown) => e instanceof SourceError && e.code === 'fetch' && e.action === 'retry');
    requests.length = 0;
    failAt = new Map([[1, { status: 500 }]]);
    const r = await hackerNewsSource.fetch(config({ hitsPerPage: 2 }), {}, ctx());
    assert.equal(r.items.length, 2);
    assert.equal(r.state.cursor, undefined);
    assert.equal(r.retryAfter, undefined);
  });

  test('a response that is JSON but not a search result is a parse error', async () => {
    hits = [];
    const bad = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"message":"Invalid value for numericFilters","status":400}');
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
      await assert.rejects(hackerNewsSource.fetch({ query: 'x', baseUrl: url }, {}, ctx()), (e: unknown) => {
        assert.ok(e instanceof SourceError);
        assert.equal(e.code, 'parse');
        assert.match(e.message, /not a search response \(hits: /);
        return true;
      });
    } finally {
      bad.closeAllConnections();
      bad.close();
    }
  });

  test('bad config is a config SourceError and makes no request', async () => {
    for (const c of [{ query: '  ' }, { query: 'x', hitsPerPage: 0 }, { query: 'x', maxPages: 1.5 }, { query: 'x', overlapSeconds: -1 }]) {
      await assert.rejects(hackerNewsSource.fetch({ baseUrl: base, ...c }, {}, ctx()), (e: unknown) => e instanceof SourceError && e.code === 'config');
    }
    assert.equal(requests.length, 0);
  });

  test('the stored-source connector: `search` terms, the source URL as API root', async () => {
    const r = await hackerNewsConnector.fetch({ url: `${base}/api/v1`, config: { search: 'Coupe-Chou', hitsPerPage: 2 } }, {}, ctx());
    assert.equal(requests[0]?.searchParams.get('query'), 'Coupe-Chou');
    assert.equal(requests[0]?.searchParams.get('hitsPerPage'), '2');
    assert.equal(r.items.length, 4);
  });

  test('an Ask HN keeps its HTML body as text; a story keeps its URL as a link', async () => {
    hits = [storyWithUrl, askHn];
    const r = await hackerNewsSource.fetch(config(), {}, ctx());
    const ask = r.items.find((d) => d.externalId === 'hn:41000002');
    assert.match(ask?.text ?? '', /30 days' notice\. Has anyone "been there"\?/);
    assert.deepEqual(r.items.find((d) => d.externalId === 'hn:41000001')?.links, ['https://blog.coupe-chou.fr/2026/bank']);
  });
});

test('searchUrl encodes the query and defaults to the public API', () => {
  const u = new URL(searchUrl({ query: 'café & "rasoir"' }, 2, { above: 1768471200 }));
  assert.equal(u.origin + u.pathname, 'https://hn.algolia.com/api/v1/search_by_date');
  assert.equal(u.searchParams.get('query'), 'café & "rasoir"');
  assert.equal(u.searchParams.get('page'), '2');
  assert.equal(u.searchParams.get('hitsPerPage'), '100');
  assert.equal(u.searchParams.get('numericFilters'), 'created_at_i>1768471200');
});
