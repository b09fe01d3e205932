import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, readJetstreamFrame, startJetstream, subscribeUrl, type JetstreamBatch } from './jetstream.ts';
import { postUri } from './syntax.ts';
import { recordedEvents, startFakeJetstream, type FakeJetstream, type JetstreamEvent } from './testing/fake-jetstream.ts';

const expectedPosts = (events: readonly JetstreamEvent[]): string[] =>
  events
    .filter((e) => e.kind === 'commit' && e.commit?.collection === 'app.bsky.feed.post' && e.commit.operation !== 'delete' && (e.commit.record as { text?: unknown }).text !== 42)
    .map((e) => postUri(e.did, e.commit?.rkey ?? ''));

const until = async (cond: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const servers: FakeJetstream[] = [];
after(async () => {
  for (const s of servers) await s.close();
});
const serve = async (events: readonly JetstreamEvent[], opts: Parameters<typeof startFakeJetstream>[1] = {}) => {
  const s = await startFakeJetstream(events, opts);
  servers.push(s);
  return s;
};

describe('frames', () => {
  test('a post create is normalised; identity events carry the new handle; other collections and account events are ignored; bad frames skipped', () => {
    const [post] = recordedEvents(1);
    const item = readJetstreamFrame(JSON.stringify(post));
    assert.equal(item.kind, 'post');
    if (item.kind === 'post') {
      assert.equal(item.post.draft.externalId, postUri(post?.did ?? '', post?.commit?.rkey ?? ''));
      assert.equal(item.post.timeUs, post?.time_us);
    }
    const like = { did: 'did:plc:x', time_us: 5, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.like', rkey: 'k', record: {} } };
    assert.deepEqual(readJetstreamFrame(JSON.stringify(like)), { kind: 'ignore', timeUs: 5 });
    assert.deepEqual(readJetstreamFrame(JSON.stringify({ did: 'did:plc:x', time_us: 6, kind: 'identity', identity: {} })), { kind: 'identity', identity: { did: 'did:plc:x' }, timeUs: 6 });
    const renamed = { did: 'did:plc:x', time_us: 8, kind: 'identity', identity: { did: 'did:plc:x', handle: 'Alice.Example.com', seq: 1, time: '2026-12-07T10:00:00.000Z' } };
    assert.deepEqual(readJetstreamFrame(JSON.stringify(renamed)), { kind: 'identity', identity: { did: 'did:plc:x', handle: 'alice.example.com' }, timeUs: 8 });
    const invalid = { ...renamed, identity: { ...renamed.identity, handle: 'handle.invalid' } };
    assert.deepEqual(readJetstreamFrame(JSON.stringify(invalid)), { kind: 'identity', identity: { did: 'did:plc:x' }, timeUs: 8 }, 'no valid handle: none');
    assert.deepEqual(readJetstreamFrame(JSON.stringify({ did: 'did:plc:x', time_us: 9, kind: 'account', account: { active: false } })), { kind: 'ignore', timeUs: 9 });
    assert.equal(readJetstreamFrame('{not json').kind, 'skip');
    assert.equal(readJetstreamFrame('{"did":1}').kind, 'skip');
    const del = readJetstreamFrame(JSON.stringify({ did: 'did:plc:x', time_us: 7, kind: 'commit', commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'k' } }));
    assert.deepEqual(del, { kind: 'delete', uri: 'at://did:plc:x/app.bsky.feed.post/k', timeUs: 7 });
  });

  test('the subscribe URL asks for posts only, from the cursor', () => {
    const u = new URL(subscribeUrl('wss://jetstream.example/subscribe', 1_725_911_162_329_308));
    assert.deepEqual(u.searchParams.getAll('wantedCollections'), ['app.bsky.feed.post']);
    assert.equal(u.searchParams.get('cursor'), '1725911162329308');
    assert.equal(new URL(subscribeUrl('wss://jetstream.example/subscribe', undefined)).searchParams.has('cursor'), false);
  });

  test('backoff grows exponentially, is capped, and is jittered', () => {
    assert.equal(backoffDelay(0, 1000, 60_000, () => 0), 500);
    assert.equal(backoffDelay(0, 1000, 60_000, () => 0.999999), 1000);
    assert.equal(backoffDelay(3, 1000, 60_000, () => 0), 4000);
    assert.equal(backoffDelay(30, 1000, 60_000, () => 0.5), 45_000);
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(2, 1000, 60_000, () => i / 20)));
    assert.ok(spread.size > 10);
  });
});

describe('consumer against a local Jetstream-shaped server', () => {
  test('every post arrives once per connection, with deletes, identity events, skips counted and the cursor at the last event', async () => {
    const events = recordedEvents(1000);
    const server = await serve(events);
    const seen: string[] = [];
    const deletes: string[] = [];
    const identities: string[] = [];
    let skipped = 0;
    const batches: JetstreamBatch[] = [];
    const c = startJetstream({
      url: server.url,
      batchSize: 100,
      batchWaitMs: 5,
      async onBatch(b) {
        batches.push(b);
        seen.push(...b.posts.map((p) => p.draft.externalId));
        deletes.push(...b.deletes);
        identities.push(...b.identities.map((i) => `${i.did} ${i.handle ?? ''}`));
        skipped += b.skipped;
      },
    });
    const last = events.at(-1)?.time_us ?? 0;
    await until(() => c.stats().cursor === last);
    await c.stop();
    assert.deepEqual(seen, expectedPosts(events));
    assert.deepEqual(
      identities,
      events.filter((e) => e.kind === 'identity').map((e) => `${e.did} ${String(e.identity?.['handle'] ?? '')}`),
    );
    assert.ok(identities.length > 0);
    assert.equal(deletes.length, events.filter((e) => e.commit?.operation === 'delete').length);
    assert.equal(skipped, events.filter((e) => (e.commit?.record as { text?: unknown } | undefined)?.text === 42).length);
    assert.ok(skipped > 0);
    assert.ok(batches.every((b) => b.events <= 100));
    assert.equal(server.connections[0]?.getAll('wantedCollections').join(), 'app.bsky.feed.post');
    assert.equal(server.connections[0]?.has('cursor'), false);
  });

  test('a server that does not filter collections: likes and other records are ignored by the consumer', async () => {
    const events = recordedEvents(500);
    const likes = events.filter((e) => e.commit?.collection === 'app.bsky.feed.like').length;
    assert.ok(likes > 0);
    const server = await serve(events, { ignoreWanted: true });
    const posts: string[] = [];
    const deletes: string[] = [];
    let handled = 0;
    const c = startJetstream({
      url: server.url,
      batchWaitMs: 2,
      async onBatch(b) {
        handled += b.events;
        posts.push(...b.posts.map((p) => p.draft.externalId));
        deletes.push(...b.deletes);
      },
    });
    await until(() => c.stats().cursor === events.at(-1)?.time_us);
    await c.stop();
    assert.equal(handled, events.length, 'every event, likes included, went through the consumer');
    assert.deepEqual(posts, expectedPosts(events));
    assert.ok(deletes.every((u) => u.includes('/app.bsky.feed.post/')));
  });

  test('a dropped connection is reconnected from the cursor, rewound, and nothing is missed', async () => {
    const events = recordedEvents(1200);
    const server = await serve(events, { dropAfter: 250 });
    const seen = new Set<string>();
    const cursors: number[] = [];
    const c = startJetstream({
      url: server.url,
      batchSize: 50,
      batchWaitMs: 2,
      rewindMicros: 20_000,
      backoff: { initialMs: 5, maxMs: 50 },
      async onBatch(b) {
        for (const p of b.posts) seen.add(p.draft.externalId);
        cursors.push(b.cursor);
      },
    });
    const last = events.at(-1)?.time_us ?? 0;
    await until(() => c.stats().cursor === last);
    await c.stop();
    assert.deepEqual([...seen].sort(), [...new Set(expectedPosts(events))].sort());
    assert.ok(server.connections.length >= 5, `connections: ${server.connections.length}`);
    // Each reconnection asks from a cursor the consumer had reached, minus the rewind.
    for (const q of server.connections.slice(1)) {
      const from = Number(q.get('cursor'));
      assert.ok(cursors.includes(from + 20_000), `reconnected from ${from}, not a processed cursor minus the rewind`);
    }
    assert.deepEqual(cursors, [...cursors].sort((a, b) => a - b), 'the cursor never goes back');
  });

  test('a new consumer resumes from the persisted cursor', async () => {
    const events = recordedEvents(600);
    const server = await serve(events);
    let persisted: number | undefined;
    const first = startJetstream({
      url: server.url,
      batchSize: 50,
      batchWaitMs: 2,
      async onBatch(b) {
        persisted = b.cursor;
        // Slow enough to be stopped half-way.
        await new Promise((r) => setTimeout(r, 20));
      },
    });
    await until(() => (first.stats().cursor ?? 0) >= (events[200]?.time_us ?? 0));
    await first.stop();
    const firstConnections = server.connections.length;
    const resumedFrom = persisted ?? 0;
    const seen: string[] = [];
    const second = startJetstream({
      url: server.url,
      cursor: resumedFrom,
      rewindMicros: 3000,
      batchWaitMs: 2,
      async onBatch(b) {
        seen.push(...b.posts.map((p) => p.draft.externalId));
      },
    });
    await until(() => server.connections.length > firstConnections && second.stats().cursor === events.at(-1)?.time_us);
    await second.stop();
    assert.ok(resumedFrom < (events.at(-1)?.time_us ?? 0), 'the first consumer was not stopped half-way');
    assert.equal(server.connections[firstConnections]?.get('cursor'), String(resumedFrom - 3000), JSON.stringify({ firstConnections, all: server.connections.map((q) => q.toString()) }));
    const replayed = events.filter((e) => e.time_us >= resumedFrom - 3000);
    assert.deepEqual(seen, expectedPosts(replayed));
  });

  test('a slow handler: the queue stays bounded (the socket is closed and resumed), nothing is lost', async () => {
    const events = recordedEvents(3000);
    const server = await serve(events, { chunk: 2000 });
    const seen = new Set<string>();
    let maxQueued = 0;
    const c = startJetstream({
      url: server.url,
      batchSize: 100,
      batchWaitMs: 1,
      maxQueue: 300,
      rewindMicros: 1000,
      async onBatch(b) {
        maxQueued = Math.max(maxQueued, c.stats().queued);
        for (const p of b.posts) seen.add(p.draft.externalId);
        await new Promise((r) => setTimeout(r, 3));
      },
    });
    await until(() => c.stats().cursor === events.at(-1)?.time_us, 30_000);
    const stats = c.stats();
    await c.stop();
    assert.ok(stats.overflows > 0, 'the queue never filled: the test did not exercise backpressure');
    assert.ok(maxQueued <= 300, `queue reached ${maxQueued}`);
    assert.deepEqual([...seen].sort(), [...new Set(expectedPosts(events))].sort());
  });

  test('a failing handler is retried; the cursor does not move until it passes', async () => {
    const events = recordedEvents(120);
    const server = await serve(events);
    let calls = 0;
    const cursors: number[] = [];
    const c = startJetstream({
      url: server.url,
      batchSize: 1000,
      batchWaitMs: 20,
      backoff: { initialMs: 5, maxMs: 20 },
      async onBatch(b) {
        calls++;
        if (calls <= 2) throw new Error('database unavailable');
        cursors.push(b.cursor);
      },
    });
    await until(() => c.stats().cursor === events.at(-1)?.time_us);
    await c.stop();
    assert.ok(calls >= 3);
    assert.equal(cursors[0], events.at(-1)?.time_us);
  });
});
