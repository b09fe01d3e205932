import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch, type Fetcher } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { runSourceContract } from '../testing/contract.ts';
import { createBlueskySource, type BlueskySourceConfig } from './bluesky.source.ts';
import { blueskyConfigFromStored } from './connector-config.ts';
import { createSessionStore, jwtExpiry } from './session.ts';
import { createFakeBlueskyState, makeJwt, startFakeBluesky, type FakeBluesky } from './testing/fake-appview.ts';
import { ALICE, BOB, BRAND } from './testing/records.ts';

const contractState = createFakeBlueskyState(() => Date.parse('2026-01-15T12:00:00Z'));
contractState.checkLogin = false;
const contractReply = (req: { method?: string; url?: string; headers: { authorization?: string } }) => {
  const r = contractState.answer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), req.headers.authorization, '');
  return { status: r.status, body: r.body, headers: r.headers ?? {} };
};

runSourceContract<BlueskySourceConfig>({
  name: 'bluesky search',
  source: createBlueskySource(),
  config: (base) => ({ mode: 'search', q: 'barbier', service: base }),
  respond: contractReply,
  brokenBody: '{"posts": "not a list"',
  minItems: 250,
  skip: {
    'conditional-get':
      'each run asks for posts `since` the newest one seen (the cursor), so the first page is a new URL every time; the public AppView sends no validators for search anyway',
  },
});

runSourceContract<BlueskySourceConfig>({
  name: 'bluesky notifications',
  source: createBlueskySource(createSessionStore()),
  config: (base) => ({ mode: 'notifications', service: base, identifier: 'coupechou.fr', appPassword: 'abcd-efgh-ijkl-mnop' }),
  respond: contractReply,
  brokenBody: '<html>maintenance</html>',
  minItems: 3,
});

describe('Bluesky pull connectors against a local PDS/AppView-shaped server', () => {
  let api: FakeBluesky;
  const clock = fixedClock('2026-12-01T12:00:00Z');
  const fetcher: Fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock, fetcher });
  before(async () => {
    api = await startFakeBluesky(() => clock.now().getTime());
  });
  after(() => api.close());

  test('search: latest first, paginated by cursor, since the newest post of the last run, with counts', async () => {
    const source = createBlueskySource();
    api.state.calls.length = 0;
    const first = await source.fetch({ mode: 'search', q: 'Barbier', service: api.url, maxPages: 5 }, {}, ctx());
    assert.deepEqual(
      api.state.calls.map((c) => [c.nsid, c.params.get('q'), c.params.get('sort'), c.params.get('cursor')]),
      [
        ['app.bsky.feed.searchPosts', 'Barbier', 'latest', null],
        ['app.bsky.feed.searchPosts', 'Barbier', 'latest', '100'],
        ['app.bsky.feed.searchPosts', 'Barbier', 'latest', '200'],
      ],
    );
    assert.equal(first.items.length, 250);
    assert.equal(first.pages, 3);
    assert.equal(first.state.cursor, '2026-12-01T12:00:00.000Z');
    const d = first.items[0];
    // The author is the DID, as the firehose names it; the view's handle is a hint (ADR 0280).
    assert.equal(d?.author.handle, ALICE);
    assert.equal(d?.author.handleHint, 'alice.example.com');
    assert.equal(d?.author.name, 'Alice');
    assert.equal(d?.url, `https://bsky.app/profile/${ALICE}/post/3lbview0`);
    assert.deepEqual(d?.metrics, { replies: 0, reposts: 0, likes: 0, quotes: 0 });
    assert.deepEqual(first.items[7]?.metrics, { replies: 1, reposts: 3, likes: 7, quotes: 1 });

    // The page cap holds, and the language filter goes to the server.
    api.state.calls.length = 0;
    const capped = await source.fetch({ mode: 'search', q: 'barbier', service: api.url, lang: 'fr', maxPages: 1 }, {}, ctx());
    assert.equal(capped.pages, 1);
    assert.equal(api.state.calls[0]?.params.get('lang'), 'fr');
    assert.ok(capped.items.every((i) => i.declaredLang === 'fr'));

    api.state.calls.length = 0;
    await source.fetch({ mode: 'search', q: 'barbier', service: api.url }, first.state, ctx());
    assert.equal(api.state.calls[0]?.params.get('since'), '2026-12-01T12:00:00.000Z');
  });

  test('notifications: reply, mention and quote become mentions; likes and reposts are counted; the rest ignored', async () => {
    const source = createBlueskySource(createSessionStore());
    const config: BlueskySourceConfig = { mode: 'notifications', service: api.url, identifier: 'coupechou.fr', appPassword: 'abcd-efgh-ijkl-mnop' };
    const r = await source.fetch(config, {}, ctx());
    assert.deepEqual(
      r.items.map((d) => [d.externalId.split('/').at(-1), d.author.handle, d.author.handleHint]),
      [
        ['3lbnreply222a', ALICE, 'alice.example.com'],
        ['3lbnmention22', BOB, 'bob.example.com'],
        ['3lbnquote222a', ALICE, 'alice.example.com'],
      ],
    );
    assert.equal(r.items[0]?.inReplyTo?.startsWith('at://'), true);
    assert.deepEqual(r.items[1]?.mentions, ['coupechou.fr']);
    assert.deepEqual(r.items[2]?.links, [`https://bsky.app/profile/${BRAND}/post/3lbquoted22aa`]);
    assert.deepEqual(r.reactions, [{ subject: `at://${BRAND}/app.bsky.feed.post/3lbquoted22aa`, likes: 2, reposts: 1 }]);
    assert.equal(r.state.cursor, '2026-12-01T11:59:00.000Z');

    // The next run stops at what it has seen: a new reply only.
    api.state.notifications.unshift({ ...api.state.notifications[0]!, uri: `at://${BRAND}/app.bsky.feed.post/3lbnewreply2a`, indexedAt: '2026-12-01T12:05:00.000Z' });
    const next = await source.fetch(config, r.state, ctx());
    assert.deepEqual(next.items.map((d) => d.externalId.split('/').at(-1)), ['3lbnewreply2a']);
    assert.deepEqual(next.reactions, []);
    api.state.notifications.shift();
  });

  test('session: one login, then the token is reused; an expired token is refreshed; a revoked refresh logs in again', async () => {
    const sessions = createSessionStore();
    const source = createBlueskySource(sessions);
    const config: BlueskySourceConfig = { mode: 'notifications', service: api.url, identifier: 'coupechou.fr', appPassword: 'abcd-efgh-ijkl-mnop' };
    await source.fetch(config, {}, ctx());
    await source.fetch(config, {}, ctx());
    assert.deepEqual(sessions.counts, { logins: 1, refreshes: 0 });

    // The server says ExpiredToken: refresh once, and the call goes through.
    api.state.expireNext = 1;
    assert.equal((await source.fetch(config, {}, ctx())).items.length, 3);
    assert.deepEqual(sessions.counts, { logins: 1, refreshes: 1 });

    // The token's own expiry is near: refresh before calling.
    clock.advance(7200_000);
    await source.fetch(config, {}, ctx());
    assert.deepEqual(sessions.counts, { logins: 1, refreshes: 2 });

    // The refresh token was revoked: log in again.
    clock.advance(7200_000);
    api.state.refuseRefresh = true;
    await source.fetch(config, {}, ctx());
    assert.deepEqual(sessions.counts, { logins: 2, refreshes: 2 });
    api.state.refuseRefresh = false;
  });

  test('a refused app password asks the user to reconnect; a bad config is a config error', async () => {
    const source = createBlueskySource(createSessionStore());
    await assert.rejects(source.fetch({ mode: 'notifications', service: api.url, identifier: 'coupechou.fr', appPassword: 'wrong' }, {}, ctx()), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.action, 'reconnect');
      assert.match(e.message, /app password/);
      assert.doesNotMatch(e.message, /wrong/);
      return true;
    });
    await assert.rejects(source.fetch({ mode: 'search' } as unknown as BlueskySourceConfig, {}, ctx()), (e: unknown) => e instanceof SourceError && e.code === 'config');
  });

  test('firehose sources are not pulled', async () => {
    const before = api.state.calls.length;
    const r = await createBlueskySource().fetch({ mode: 'firehose' }, {}, ctx());
    assert.equal(r.notModified, true);
    assert.equal(api.state.calls.length, before);
  });

  test('bad items in a page are skipped and counted, the rest kept', async () => {
    const posts = api.state.posts;
    api.state.searchOverride = [posts[0], { ...posts[1], record: { text: 7 } }, { junk: true }, { ...posts[3], uri: 'at://did:plc:x/app.bsky.feed.like/3lb' }, posts[2]];
    try {
      const r = await createBlueskySource().fetch({ mode: 'search', q: 'barbier', service: api.url }, {}, ctx());
      assert.equal(r.items.length, 2);
      assert.equal(r.skipped.length, 3, JSON.stringify(r.skipped));
    } finally {
      api.state.searchOverride = undefined;
    }
  });
});

test('stored configs', () => {
  assert.deepEqual(blueskyConfigFromStored(null, { search: 'coupe-chou' }), { mode: 'search', q: 'coupe-chou' });
  assert.deepEqual(blueskyConfigFromStored('https://appview.example', { mode: 'search', q: 'x' }), { mode: 'search', q: 'x', service: 'https://appview.example' });
  assert.deepEqual(blueskyConfigFromStored('https://pds.example', { mode: 'notifications', identifier: 'a.example', appPassword: 'x' }), {
    mode: 'notifications',
    service: 'https://pds.example',
    identifier: 'a.example',
    appPassword: 'x',
  });
  assert.deepEqual(blueskyConfigFromStored(null, { mode: 'firehose' }), { mode: 'firehose' });
  assert.equal(typeof blueskyConfigFromStored(null, { mode: 'notifications' }), 'string');
  assert.equal(typeof blueskyConfigFromStored(null, { mode: 'nope' }), 'string');
});

test('JWT expiry is read from the token', () => {
  assert.equal(jwtExpiry(makeJwt('did:plc:x', 1_800_000_000, 'access')), 1_800_000_000_000);
  assert.equal(jwtExpiry('not-a-jwt'), undefined);
});
