import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch, type Fetcher } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext, type SourceResult } from '../source.ts';
import { runSourceContract } from '../testing/contract.ts';
import { redditConnector } from './connector.ts';
import { parseCursor, redditSource, type RedditSourceConfig } from './reddit.source.ts';
import { answer, makePost, newPosts } from './testing/listing-fixtures.ts';

runSourceContract<RedditSourceConfig>({
  name: 'Reddit (subreddit listing JSON)',
  source: redditSource,
  config: (baseUrl) => ({ subreddit: 'wicked_edge', baseUrl }),
  respond: (req) => ({ headers: { 'content-type': 'application/json; charset=UTF-8', 'x-ratelimit-remaining': '99.0', 'x-ratelimit-reset': '300' }, body: answer(req) }),
  brokenBody: '{"kind": "Listing", "data": {"children": [',
  minItems: 4,
});

runSourceContract<RedditSourceConfig>({
  name: 'Reddit (subreddit comments listing JSON)',
  source: redditSource,
  config: (baseUrl) => ({ subreddit: 'wicked_edge', comments: true, baseUrl }),
  respond: (req) => ({ headers: { 'content-type': 'application/json; charset=UTF-8' }, body: answer(req) }),
  brokenBody: '{"kind": "t3", "data": {}}',
  minItems: 2,
});

describe('redditSource against a local Reddit-shaped server', () => {
  let server: Server;
  let base = '';
  const requests: URL[] = [];
  let failAt = new Map<number, { status: number; headers?: Record<string, string> }>();
  let headersAt = new Map<number, Record<string, string>>();
  let posts = newPosts;
  let pageSize = 25;
  const fetcher: Fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher });

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
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', ...(headersAt.get(i) ?? {}) });
      res.end(answer(req, { posts, pageSize }));
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
    headersAt = new Map();
    posts = newPosts;
    pageSize = 25;
  });

  test('a subreddit: posts normalised, removed and deleted ones skipped, NSFW and spoiler tagged', async () => {
    const r = await redditSource.fetch({ subreddit: 'r/wicked_edge', baseUrl: base }, {}, ctx());
    assert.equal(requests[0]?.pathname, '/r/wicked_edge/new.json');
    assert.equal(requests[0]?.searchParams.get('raw_json'), '1');
    assert.deepEqual(r.items.map((d) => d.externalId), ['t3_1i0aaa5', 't3_1i0aaa4', 't3_1i0aaa2', 't3_1i0aaa1']);
    assert.equal(r.skipped, 2);
    assert.match(r.problems.join('\n'), /t3_1i0aaa3 was removed \(moderator\)/);
    assert.match(r.problems.join('\n'), /t3_1i0aab9 was deleted/);
    const [update, link, nsfw, review] = r.items;
    assert.equal(update?.network, 'reddit');
    assert.equal(update?.url, 'https://www.reddit.com/r/wicked_edge/comments/1i0aaa5/');
    assert.deepEqual(update?.author, { handle: 'u/lather_lord', url: 'https://www.reddit.com/user/lather_lord/' });
    assert.equal(update?.title, 'Update: Coupe-Chou unscented is now my daily driver');
    assert.equal(update?.text, 'Update: Coupe-Chou unscented is now my daily driver\n\nGot the unscented tub I ordered. Same great lather. Thanks u/straight_razor_sam for the tip!');
    assert.equal(update?.html, '<div><p>Got the unscented tub I ordered. Same great <strong>lather</strong>. Thanks <a href="https://www.reddit.com/u/straight_razor_sam">u/straight_razor_sam</a> for the tip!</p>\n</div>');
    assert.deepEqual(update?.mentions, ['u/straight_razor_sam']);
    assert.deepEqual(update?.metrics, { score: 96, replies: 14 });
    assert.equal(update?.publishedAt.toISOString(), '2026-01-15T11:55:00.000Z');
    assert.deepEqual(update?.hashtags, ['r/wicked_edge']);
    assert.deepEqual(link?.links, ['https://weekly.example/2026/01/coupe-chou']);
    assert.equal(link?.text, 'How a shaving community saved a small French maker');
    assert.deepEqual(nsfw?.hashtags, ['r/wicked_edge', 'nsfw', 'spoiler']);
    assert.match(review?.text ?? '', /Anyone else\? 5 < 6 & 7 > 2\.$/);
    assert.equal(parseCursor(r.state.cursor)?.newest.name, 't3_1i0aaa5');
  });

  test('comments: reply and thread references, deleted and removed skipped', async () => {
    const r = await redditSource.fetch({ subreddit: 'wicked_edge', comments: true, baseUrl: base }, {}, ctx());
    assert.equal(requests[0]?.pathname, '/r/wicked_edge/comments.json');
    assert.deepEqual(r.items.map((d) => d.externalId), ['t1_kx0c3', 't1_kx0c1']);
    const [reply] = r.items;
    assert.equal(reply?.inReplyTo, 't1_kx0c1');
    assert.equal(reply?.threadRoot, 't3_1i0aaa1');
    assert.equal(reply?.title, 'Coupe-Chou vetiver: great lather, scent fades fast');
    assert.deepEqual(reply?.links, ['https://coupe-chou.example/savons']);
    assert.equal(reply?.author.handle, 'u/straight_razor_sam');
    assert.equal(r.skipped, 2);
  });

  test('a search: sorted by date, within a subreddit when one is given', async () => {
    const r = await redditSource.fetch({ query: 'coupe-chou', baseUrl: base }, {}, ctx());
    assert.equal(requests[0]?.pathname, '/search.json');
    assert.equal(requests[0]?.searchParams.get('q'), 'coupe-chou');
    assert.equal(requests[0]?.searchParams.get('sort'), 'new');
    assert.deepEqual(r.items.map((d) => d.externalId), ['t3_1i0aaa5', 't3_1i0aaa1']);
    await redditSource.fetch({ query: 'lather', subreddit: 'wicked_edge', baseUrl: base }, {}, ctx());
    assert.equal(requests[1]?.pathname, '/r/wicked_edge/search.json');
    assert.equal(requests[1]?.searchParams.get('restrict_sr'), '1');
  });

  test('the cursor: later runs read only what is newer; a capped run keeps a backlog, read next time', async () => {
    pageSize = 2;
    const older = Array.from({ length: 6 }, (_, i) => makePost(`1j00${i}`, 300 + i * 10, `old ${i}`));
    posts = older;
    const first = await redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base, maxPages: 2 }, {}, ctx());
    // A first run reads only the newest pages: no backlog.
    assert.deepEqual(first.items.map((d) => d.title), ['old 0', 'old 1', 'old 2', 'old 3']);
    assert.equal(parseCursor(first.state.cursor)?.backlog, undefined);
    assert.equal(requests[1]?.searchParams.get('after'), 't3_1j001');

    const fresh = Array.from({ length: 5 }, (_, i) => makePost(`1k00${i}`, 10 + i * 10, `new ${i}`));
    posts = [...fresh, ...older];
    requests.length = 0;
    const second = await redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base, maxPages: 2 }, first.state, ctx());
    assert.deepEqual(second.items.map((d) => d.title), ['new 0', 'new 1', 'new 2', 'new 3']);
    assert.equal(second.capped, true);
    const cursor = parseCursor(second.state.cursor);
    assert.equal(cursor?.newest.name, 't3_1k000');
    assert.deepEqual(cursor?.backlog, { after: 't3_1k003', downTo: parseCursor(first.state.cursor)?.newest });

    requests.length = 0;
    const third = await redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base, maxPages: 2 }, second.state, ctx());
    // Nothing new on top; the backlog gives the one post the cap left, and stops at the old cursor.
    assert.deepEqual(third.items.map((d) => d.title), ['new 4']);
    assert.equal(parseCursor(third.state.cursor)?.backlog, undefined);
    assert.equal(parseCursor(third.state.cursor)?.newest.name, 't3_1k000');
    assert.equal(third.capped, false);
  });

  test('rate limit: no request left stops paging and reports the reset; a 429 is a retry with its wait', async () => {
    pageSize = 2;
    headersAt.set(0, { 'x-ratelimit-remaining': '0.0', 'x-ratelimit-used': '100', 'x-ratelimit-reset': '117' });
    const r = await redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base }, {}, ctx());
    assert.equal(requests.length, 1);
    assert.equal(r.retryAfter, 117);
    assert.equal(r.items.length, 2);

    requests.length = 0;
    failAt.set(0, { status: 429, headers: {} });
    await assert.rejects(redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base }, {}, ctx()), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.action, 'retry');
      assert.equal(e.retryAfterSeconds, 60);
      return true;
    });

    // A 429 on a later page: what was read is kept, with the wait.
    requests.length = 0;
    headersAt = new Map();
    failAt = new Map([[1, { status: 429, headers: { 'retry-after': '30' } }]]);
    const partial = await redditSource.fetch({ subreddit: 'wicked_edge', baseUrl: base }, {}, ctx());
    assert.equal(partial.items.length, 2);
    assert.equal(partial.retryAfter, 30);
  });

  test('bad configurations are config errors that give up', async () => {
    for (const config of [{}, { subreddit: 'no spaces allowed' }, { subreddit: 'x' }, { query: '   ' }] as RedditSourceConfig[]) {
      await assert.rejects(redditSource.fetch({ ...config, baseUrl: base }, {}, ctx()), (e: unknown) => {
        assert.ok(e instanceof SourceError);
        assert.equal(e.code, 'config');
        assert.equal(e.action, 'give-up');
        return true;
      });
    }
    assert.equal(requests.length, 0);
  });

  test('the connector: a stored {subreddit} reads the listing; a source with only a feed URL reads the feed', async () => {
    const feedCalls: string[] = [];
    const connector = redditConnector(async (url): Promise<SourceResult> => {
      feedCalls.push(url);
      return { items: [], state: {}, notModified: false };
    });
    const r = await connector.fetch({ url: base, config: { subreddit: 'wicked_edge' } }, {}, ctx());
    assert.equal(r.items.length, 4);
    await connector.fetch({ url: 'https://www.reddit.com/r/wicked_edge/.rss', config: {} }, {}, ctx());
    assert.deepEqual(feedCalls, ['https://www.reddit.com/r/wicked_edge/.rss']);
    await assert.rejects(connector.fetch({ url: null, config: {} }, {}, ctx()), /neither a subreddit/);
  });
});
