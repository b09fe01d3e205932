import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { runSourceContract } from '../testing/contract.ts';
import { mastodonSource, type MastodonSourceConfig } from './mastodon.source.ts';
import { startFakeMastodon, type FakeMastodon, type FakeStatus } from './testing/fake-mastodon.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject, readPayload } from './testing/payloads.ts';

const skip = hasMastodonPayloads ? {} : { skip: MASTODON_PAYLOADS_MISSING };

/** The documentation's full Status examples (Gargron's link post, trwnh's edited post, "Hello world"). */
const realStatuses = (): Record<string, unknown>[] =>
  hasMastodonPayloads ? [readObject('entities_Status__001.json'), readObject('methods_statuses__024.json'), readObject('methods_statuses__003.json')] : [];

/** `n` statuses derived from the real examples, with increasing ids from `from`. */
const series = (from: number, n: number): FakeStatus[] => {
  const base = realStatuses();
  return Array.from({ length: n }, (_, i) => {
    const s = base[i % base.length] ?? {};
    const id = String(110_000_000_000_000_000n + BigInt(from + i));
    return { ...s, id, uri: `https://mastodon.social/users/Gargron/statuses/${id}`, url: `https://mastodon.social/@Gargron/${id}` };
  });
};

if (hasMastodonPayloads) {
  runSourceContract<MastodonSourceConfig>({
    name: 'mastodon (hashtag timeline)',
    source: mastodonSource,
    config: (baseUrl) => ({ server: baseUrl, mode: 'hashtag', value: 'cats' }),
    respond: () => ({
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '2026-01-15T12:05:00.000Z' },
      // The documentation's hashtag timeline example (elided: skipped and counted) and its full Status examples.
      body: JSON.stringify([...(readPayload('methods_timelines__002.json') as unknown[]), ...realStatuses()]),
    }),
    brokenBody: '{"error": "This is not a timeline"',
    minItems: 3,
  });
}

describe('Mastodon source against a local API-shaped server', skip, () => {
  let api: FakeMastodon;
  const clock = fixedClock('2026-01-15T12:00:00Z');
  const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock, fetcher });
  const hashtag = (extra: Partial<MastodonSourceConfig> = {}): MastodonSourceConfig => ({ server: api.url, mode: 'hashtag', value: '#Cats', ...extra });
  const ids = (items: readonly { externalId: string }[]) => items.map((d) => d.externalId.split('/').pop());

  before(async () => {
    api = await startFakeMastodon();
  });
  after(() => api.close());
  beforeEach(() => {
    api.tags.clear();
    api.accounts.clear();
    api.requests.length = 0;
    api.pageSize = 2;
    api.remaining = 300;
    delete api.failRequest;
  });

  test('first run backfills through rel="next"; later runs ask min_id and walk rel="prev": only new statuses, none lost', async () => {
    api.tags.set('cats', series(1, 5));
    const first = await mastodonSource.fetch(hashtag(), {}, ctx());
    assert.deepEqual(ids(first.items), ['110000000000000005', '110000000000000004', '110000000000000003', '110000000000000002', '110000000000000001']);
    assert.equal(first.state.cursor, '110000000000000005');
    assert.equal(api.requests[0]?.pathname, '/api/v1/timelines/tag/Cats');
    assert.equal(api.requests[0]?.searchParams.get('limit'), '40');
    assert.equal(first.pages, 4, 'three full pages and the empty one that ends the walk');

    api.requests.length = 0;
    const idle = await mastodonSource.fetch(hashtag(), first.state, ctx());
    assert.deepEqual(idle.items, []);
    assert.equal(api.requests[0]?.searchParams.get('min_id'), '110000000000000005');
    assert.equal(idle.state.cursor, '110000000000000005');

    api.tags.get('cats')?.push(...series(6, 3));
    const next = await mastodonSource.fetch(hashtag(), idle.state, ctx());
    assert.deepEqual(ids(next.items).sort(), ['110000000000000006', '110000000000000007', '110000000000000008']);
    assert.equal(next.state.cursor, '110000000000000008');
  });

  test('the page cap stops a run; the next run continues from the cursor', async () => {
    api.tags.set('cats', series(1, 2));
    const first = await mastodonSource.fetch(hashtag({ maxPages: 1 }), {}, ctx());
    api.tags.get('cats')?.push(...series(3, 5));
    const capped = await mastodonSource.fetch(hashtag({ maxPages: 1 }), first.state, ctx());
    assert.deepEqual(ids(capped.items), ['110000000000000004', '110000000000000003']);
    const rest1 = await mastodonSource.fetch(hashtag({ maxPages: 1 }), capped.state, ctx());
    const rest2 = await mastodonSource.fetch(hashtag({ maxPages: 1 }), rest1.state, ctx());
    assert.deepEqual([...ids(rest1.items), ...ids(rest2.items)], ['110000000000000006', '110000000000000005', '110000000000000007']);
  });

  test('several hashtags are asked with any[]', async () => {
    api.tags.set('cats', series(1, 1));
    api.tags.set('dogs', series(2, 1));
    const r = await mastodonSource.fetch(hashtag({ anyTags: ['#dogs'] }), {}, ctx());
    assert.deepEqual(api.requests[0]?.searchParams.getAll('any[]'), ['dogs']);
    assert.equal(r.items.length, 2);
  });

  test('an exhausted rate-limit window stops paginating and reports the wait until X-RateLimit-Reset', async () => {
    api.tags.set('cats', series(1, 5));
    api.remaining = 1;
    const r = await mastodonSource.fetch(hashtag(), {}, ctx());
    assert.equal(api.requests.length, 1);
    assert.equal(r.items.length, 2);
    assert.equal(r.retryAfter, 300, 'reset is 12:05, the clock says 12:00');
  });

  test('a 429 on the first page is a retry SourceError with Retry-After', async () => {
    api.tags.set('cats', series(1, 3));
    api.failRequest = { nth: 1, retryAfter: '120' };
    await assert.rejects(mastodonSource.fetch(hashtag(), {}, ctx()), (e: unknown) => e instanceof SourceError && e.action === 'retry' && e.retryAfterSeconds === 120);
  });

  test('a 429 on a later page keeps the pages read, reports Retry-After, and loses nothing', async () => {
    api.tags.set('cats', series(1, 1));
    const first = await mastodonSource.fetch(hashtag(), {}, ctx());
    api.tags.get('cats')?.push(...series(2, 5));
    api.failRequest = { nth: 2, retryAfter: '60' };
    const partial = await mastodonSource.fetch(hashtag(), first.state, ctx());
    assert.equal(partial.retryAfter, 60);
    assert.deepEqual(ids(partial.items), ['110000000000000003', '110000000000000002']);
    const rest = await mastodonSource.fetch(hashtag(), partial.state, ctx());
    assert.deepEqual(ids(rest.items).sort(), ['110000000000000004', '110000000000000005', '110000000000000006']);
  });

  test("an account's statuses: acct looked up, then its statuses", async () => {
    const account = readObject('entities_Account__001.json');
    api.accounts.set('Gargron', { account, statuses: series(1, 3) });
    const r = await mastodonSource.fetch({ server: api.url, mode: 'account', value: '@Gargron' }, {}, ctx());
    assert.equal(api.requests[0]?.pathname, '/api/v1/accounts/lookup');
    assert.equal(api.requests[0]?.searchParams.get('acct'), 'Gargron');
    assert.equal(api.requests[1]?.pathname, `/api/v1/accounts/${String(account['id'])}/statuses`);
    assert.equal(r.items.length, 3);
    await assert.rejects(mastodonSource.fetch({ server: api.url, mode: 'account', value: 'nobody' }, {}, ctx()), (e: unknown) => e instanceof SourceError && e.action === 'give-up');
  });

  test('public status search reads the statuses of /api/v2/search', async () => {
    api.searchable = series(1, 3);
    const r = await mastodonSource.fetch({ server: api.url, mode: 'search', value: 'hello world' }, {}, ctx());
    assert.equal(api.requests[0]?.searchParams.get('type'), 'statuses');
    assert.equal(api.requests[0]?.searchParams.get('q'), 'hello world');
    assert.deepEqual(ids(r.items), ['110000000000000003']);
  });

  test('a malformed status is skipped and counted; the cursor still moves past it', async () => {
    const [good, bad] = series(1, 2);
    assert.ok(good && bad);
    api.tags.set('cats', [good, { id: bad.id, content: 42 }]);
    const r = await mastodonSource.fetch(hashtag(), {}, ctx());
    assert.equal(r.items.length, 1);
    assert.equal(r.skipped.length, 1);
    assert.equal(r.skipped[0]?.id, '110000000000000002');
    assert.equal(r.state.cursor, '110000000000000002');
  });

  test('a bad config is a config error that gives up', async () => {
    await assert.rejects(mastodonSource.fetch({ server: 'not a url', mode: 'hashtag', value: 'x' }, {}, ctx()), (e: unknown) => e instanceof SourceError && e.code === 'config' && e.action === 'give-up');
  });
});
