import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { fixedClock, systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { insertWorkspace } from '../storage/workspaces.repo.ts';
import { insertSource } from '../storage/sources.repo.ts';
import { findSourceDetails } from '../storage/source-fetch.repo.ts';
import { scheduleDueSources, sourceFetchKey } from '../app/ingest/schedule.ts';
import { rssDocument, startFeedServer, type FeedServer } from '../app/ingest/testing/feed-server.ts';
import { createJobQueue } from './queue.ts';
import { scheduleSourcesTask, sourceFetchTask, type ListenJobContext } from './listen.tasks.ts';

const waitFor = async (check: () => Promise<boolean>, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
};

for (const target of targets) {
  describe(`listen jobs on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let server: FeedServer;
    let workspaceId = '';
    before(async () => {
      database = await target.open();
      server = await startFeedServer();
      workspaceId = (await insertWorkspace(database.db, { name: 'W', now: new Date() })).id;
    });
    after(async () => {
      await server.close();
      await database.close();
    });

    it('the scheduler enqueues due sources once, leases them, and spaces sources of one host', async () => {
      const clock = fixedClock('2026-11-20T09:00:00Z');
      const ws = (await insertWorkspace(database.db, { name: 'S', now: clock.now() })).id;
      const a = (await insertSource(database.db, ws, { kind: 'rss', name: 'a', url: 'https://one.example.org/a', now: clock.now() })).id;
      const b = (await insertSource(database.db, ws, { kind: 'rss', name: 'b', url: 'https://one.example.org/b', now: clock.now() })).id;
      const paused = (await insertSource(database.db, ws, { kind: 'rss', name: 'p', url: 'https://two.example/', status: 'paused', now: clock.now() })).id;
      // A kind without a connector (imports are files, never fetched) is never scheduled.
      const mastodon = (await insertSource(database.db, ws, { kind: 'import', name: 'm', url: 'https://m.example.org/', now: clock.now() })).id;
      // RFC 6761 names (the demo's) never resolve: leased, never enqueued.
      const reserved = (await insertSource(database.db, ws, { kind: 'rss', name: 'r', url: 'https://blog.example/feed', now: clock.now() })).id;
      // The Bluesky firehose is not pulled: its one consumer streams it (ADR 0111).
      const firehose = (await insertSource(database.db, ws, { kind: 'bluesky', name: 'f', config: { mode: 'firehose' }, now: clock.now() })).id;
      const sent: { id: string; startAfterSeconds: number; singletonKey: string }[] = [];
      // Other workspaces' sources (from other tests) may be due too: look only at this one's.
      const mine = new Set([a, b, paused, mastodon, reserved, firehose]);
      await scheduleDueSources(database.db, clock, async (id, o) => {
        if (mine.has(id)) sent.push({ id, ...o });
      });
      assert.deepEqual(sent.map((s) => s.id).sort(), [a, b].sort());
      assert.deepEqual(sent.map((s) => s.startAfterSeconds).sort(), [0, 2]);
      assert.equal(sent.find((s) => s.id === a)?.singletonKey, sourceFetchKey(a));
      assert.equal((await findSourceDetails(database.db, ws, a))?.nextFetchAt?.getTime(), clock.now().getTime() + 900_000);
      assert.equal((await findSourceDetails(database.db, ws, reserved))?.nextFetchAt?.getTime(), clock.now().getTime() + 900_000);
      // The next tick, a minute later: nothing is due any more.
      clock.advance(60_000);
      sent.length = 0;
      await scheduleDueSources(database.db, clock, async (id, o) => {
        if (mine.has(id)) sent.push({ id, ...o });
      });
      assert.deepEqual(sent, []);
    });

    it('a scheduler tick through the real queue fetches a due feed and stores its items', async () => {
      server.respond({ body: rssDocument([{ id: 'j1', title: 'Un', text: 'Premier billet du flux.' }, { id: 'j2', title: 'Deux', text: 'Second billet du flux.' }]) });
      const id = (await insertSource(database.db, workspaceId, { kind: 'rss', name: 'jobs', url: server.url, now: new Date() })).id;
      const ctx: ListenJobContext = { database, clock: systemClock, logger: silentLogger, config: { allowPrivateNetworks: true, secretKey: { kind: 'env', key: Buffer.alloc(32, 7) } } };
      const queue = await createJobQueue<ListenJobContext>(database, [sourceFetchTask, scheduleSourcesTask], {
        logger: silentLogger,
        pollingIntervalSeconds: 0.5,
        schedule: false,
      });
      try {
        await queue.work(ctx);
        await queue.send(scheduleSourcesTask.name, {});
        const count = async () => Number((await database.query<{ n: number }>('select count(*)::int as n from mentions where source_id = $1', [id]))[0]?.n);
        await waitFor(async () => (await count()) === 2);
        // While one fetch of a source is queued, a second one with its key is dropped.
        const slow = (await insertSource(database.db, workspaceId, { kind: 'rss', name: 'later', url: server.url, status: 'paused', now: new Date() })).id;
        assert.ok(await queue.send(sourceFetchTask.name, { id: slow }, { singletonKey: sourceFetchKey(slow), startAfterSeconds: 3600 }));
        assert.equal(await queue.send(sourceFetchTask.name, { id: slow }, { singletonKey: sourceFetchKey(slow) }), null);
        // Delivered again (at-least-once): nothing more is stored.
        await queue.send(sourceFetchTask.name, { id });
        await waitFor(async () => (await findSourceDetails(database.db, workspaceId, id))?.state.etag === null && server.requests.length >= 2);
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(await count(), 2);
      } finally {
        await queue.stop();
      }
    });
  });
}
