import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { mastodonSource, type MastodonSourceConfig } from './mastodon.source.ts';
import { notificationsToDrafts } from './notifications.ts';
import { verifyMastodonCredentials } from './verify-credentials.ts';
import { startFakeMastodon, type FakeMastodon, type FakeStatus } from './testing/fake-mastodon.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject, readPayload } from './testing/payloads.ts';

const skip = hasMastodonPayloads ? {} : { skip: MASTODON_PAYLOADS_MISSING };

/** A full Status of the documentation (the brand's own post in favourites and boosts). */
const status = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...readObject('entities_Status__001.json'),
  id,
  uri: `https://mastodon.social/users/Gargron/statuses/${id}`,
  url: `https://mastodon.social/@Gargron/${id}`,
  ...extra,
});

/** Notifications shaped like the documentation's examples, with full statuses inside. */
const notifications = (): FakeStatus[] => {
  const [mention] = readPayload('methods_notifications__001.json') as Record<string, unknown>[];
  const account = readObject('entities_Account__001.json');
  return [
    { ...mention, id: '101', type: 'mention', account, status: status('900', { content: '<p>@brand votre savon est formidable</p>', in_reply_to_id: '850' }) },
    { id: '102', type: 'favourite', created_at: '2026-01-15T11:00:00.000Z', account, status: status('850', { content: '<p>Notre nouveau savon</p>', favourites_count: 12, reblogs_count: 3 }) },
    { id: '103', type: 'follow', created_at: '2026-01-15T11:01:00.000Z', account },
    { id: '104', type: 'reblog', created_at: '2026-01-15T11:02:00.000Z', account, status: status('850', { content: '<p>Notre nouveau savon</p>', favourites_count: 12, reblogs_count: 4 }) },
    { id: '105', type: 'quote', created_at: '2026-01-15T11:03:00.000Z', account, status: status('910', { content: '<p>Je recommande ce savon</p>' }) },
  ];
};

describe('Mastodon notifications → drafts (documentation examples)', skip, () => {
  test('mentions and quotes are mentions; favourites and boosts bring the brand status with its counts; follows are passed over', () => {
    const r = notificationsToDrafts(notifications(), 'mastodon.social');
    assert.deepEqual(r.ids, ['101', '102', '103', '104', '105']);
    const byId = new Map(r.drafts.map((d) => [d.externalId.split('/').pop(), d]));
    assert.deepEqual([...byId.keys()], ['900', '850', '910']);
    assert.match(byId.get('900')?.text ?? '', /savon est formidable/);
    assert.equal(byId.get('900')?.inReplyTo, '850');
    // The first copy of the brand's status in the page wins (servers send newest first); counts ride on it.
    assert.deepEqual(byId.get('850')?.metrics, { replies: 5, reposts: 3, likes: 12, quotes: 2 });
    assert.deepEqual(r.issues, []);
  });

  test('the documentation’s elided favourite (a status with no content) is a counted issue, its id still seen', () => {
    const r = notificationsToDrafts([readObject('entities_Notification__002.json'), { nonsense: true }], 'mastodon.social');
    assert.deepEqual(r.ids, ['34975535']);
    assert.equal(r.drafts.length, 0);
    assert.equal(r.issues.length, 2);
    assert.deepEqual(r.issues.map((i) => i.index).sort(), [0, 1]);
    assert.ok(r.issues.some((i) => i.reason === 'not a notification'));
    assert.ok(r.issues.some((i) => i.id === '103186046267791694' && /content/.test(i.reason)));
  });
});

describe('Mastodon notifications of a connected account against a local API-shaped server', skip, () => {
  let api: FakeMastodon;
  const clock = fixedClock('2026-01-15T12:00:00Z');
  const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock, fetcher });
  const config = (extra: Partial<MastodonSourceConfig> = {}): MastodonSourceConfig => ({ server: api.url, mode: 'notifications', accessToken: 'tok-123', ...extra });

  before(async () => {
    api = await startFakeMastodon();
  });
  after(() => api.close());
  beforeEach(() => {
    api.me = { token: 'tok-123', account: readObject('methods_accounts__001.json'), notifications: notifications() };
    api.requests.length = 0;
    api.authorizations.length = 0;
    api.pageSize = 2;
    api.remaining = 300;
    delete api.failRequest;
  });

  test('verify_credentials names the account behind a token; a wrong token says to reconnect', async () => {
    const a = await verifyMastodonCredentials(api.url, 'tok-123', ctx());
    assert.equal(a.handle, '@trwnh@mastodon.social');
    assert.equal(a.url, 'https://mastodon.social/@trwnh');
    await assert.rejects(verifyMastodonCredentials(api.url, 'revoked', ctx()), (e: unknown) => e instanceof SourceError && e.action === 'reconnect' && /reconnected/.test(e.message) && !e.message.includes('revoked'));
  });

  test('reads every page with the token and the types filter, then resumes from the cursor with min_id', async () => {
    const first = await mastodonSource.fetch(config(), {}, ctx());
    assert.equal(first.pages, 3);
    assert.equal(first.state.cursor, '105');
    assert.deepEqual(first.items.map((d) => d.externalId.split('/').pop()).sort(), ['850', '900', '910']);
    assert.ok(api.authorizations.every((h) => h === 'Bearer tok-123'));
    assert.deepEqual(api.requests[0]?.searchParams.getAll('types[]'), ['mention', 'reblog', 'favourite', 'quote']);

    api.me?.notifications.push({ id: '106', type: 'mention', created_at: '2026-01-15T11:30:00.000Z', account: readObject('entities_Account__001.json'), status: status('920', { content: '<p>encore vous</p>' }) });
    api.requests.length = 0;
    const next = await mastodonSource.fetch(config(), first.state, ctx());
    assert.equal(api.requests[0]?.searchParams.get('min_id'), '105');
    assert.deepEqual(next.items.map((d) => d.externalId.split('/').pop()), ['920']);
    assert.equal(next.state.cursor, '106');
  });

  test('the rate limit is honoured: a used-up window stops the walk and says how long to wait; a 429 is a retry with Retry-After', async () => {
    api.remaining = 2;
    api.resetAt = '2026-01-15T12:04:00.000Z';
    const r = await mastodonSource.fetch(config(), {}, ctx());
    assert.equal(r.pages, 2, 'the second answer said no request is left');
    assert.equal(r.retryAfter, 240);
    assert.equal(r.state.cursor, '105', 'the first run reads newest first; the cursor is the newest id read');
    api.remaining = 300;
    api.failRequest = { nth: 1, retryAfter: '120' };
    await assert.rejects(mastodonSource.fetch(config(), {}, ctx()), (e: unknown) => e instanceof SourceError && e.action === 'retry' && e.retryAfterSeconds === 120);
  });

  test('only the chosen types are asked for', async () => {
    const r = await mastodonSource.fetch(config({ types: ['mention'] }), {}, ctx());
    assert.deepEqual(api.requests[0]?.searchParams.getAll('types[]'), ['mention']);
    assert.deepEqual(r.items.map((d) => d.externalId.split('/').pop()), ['900']);
  });

  test('a refused token (401) is a reconnect error that names the server, not the token', async () => {
    await assert.rejects(mastodonSource.fetch(config({ accessToken: 'revoked' }), {}, ctx()), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.action, 'reconnect');
      assert.match(e.message, /127\.0\.0\.1:\d+ refused the access token \(HTTP 401\)/);
      assert.doesNotMatch(e.message, /revoked/);
      return true;
    });
  });

  test('a notifications config without a token is refused before any request', async () => {
    await assert.rejects(mastodonSource.fetch({ server: api.url, mode: 'notifications' }, {}, ctx()), (e: unknown) => e instanceof SourceError && e.code === 'config');
    assert.equal(api.requests.length, 0);
  });
});
