import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemClock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { openDatabase, type Database } from '../../storage/db.ts';
import { openEventStream } from '../../sources/http/event-stream.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { startFakeMastodon, type FakeMastodon, type FakeStatus } from '../../sources/mastodon/testing/fake-mastodon.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject } from '../../sources/mastodon/testing/payloads.ts';
import { findSourceDetails, updateSourceSettings } from '../../storage/source-fetch.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { sealConfig } from '../secrets/source-config.ts';
import { ingestSource } from './ingest-source.ts';
import { startMastodonStreams, type MastodonStreams, type MastodonStreamsDeps } from './mastodon-streams.ts';

/**
 * Streaming against a local Mastodon-shaped server (Server-Sent Events): statuses from the
 * stream are stored through the same path as polled ones, deletes are honoured, a dropped
 * stream reconnects and makes its source due so polling fills the gap from its cursor, a 429
 * is waited out, a server without streaming leaves the source to polling, and stop is clean.
 */
const status = (n: number, text: string): FakeStatus => {
  const id = String(130_000_000_000_000_000n + BigInt(n));
  return { ...readObject('entities_Status__001.json'), id, uri: `https://mastodon.social/users/Gargron/statuses/${id}`, url: `https://mastodon.social/@Gargron/${id}`, content: `<p>${text}</p>` };
};

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
};

for (const target of targets) {
  const skip = hasMastodonPayloads ? await target.skip() : MASTODON_PAYLOADS_MISSING;
  describe(`Mastodon streaming in the worker on ${target.name}`, { skip }, () => {
    let database: TestDatabase;
    let api: FakeMastodon;
    let streams: MastodonStreams | undefined;
    const key = randomBytes(32);
    const logs: { event: string; fields?: Record<string, unknown> }[] = [];
    const record = (event: string, fields?: Record<string, unknown>) => void logs.push({ event, ...(fields ? { fields } : {}) });
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
    const options = (on: Database): MastodonStreamsDeps => ({
      database: on,
      clock: systemClock,
      logger,
      secretKey: () => key,
      open: (o) => openEventStream({ ...o, allowPrivateNetworks: true, idleMs: 5000 }),
      refreshMs: 60_000,
      backoff: { initialMs: 50, maxMs: 400 },
      unavailableMs: 60_000,
      electionMs: 100,
      random: () => 0.5,
    });
    /** A supervisor, once it leads (at once: no other process holds the lock). */
    const start = async (): Promise<MastodonStreams> => {
      const s = (streams = startMastodonStreams(options(database)));
      await until('the supervisor to lead', () => s.leader());
      return s;
    };
    const mentionTexts = async (sourceId: string): Promise<string[]> => {
      const r = await database.db.execute(sql`select text from mentions where source_id = ${sourceId} order by text`);
      return ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { text: string }[]).map((x) => x.text);
    };

    before(async () => {
      database = await target.open();
      api = await startFakeMastodon();
    });
    afterEach(async () => {
      await streams?.stop();
      streams = undefined;
    });
    after(async () => {
      await api.close();
      await database.close();
    });

    it('stores streamed statuses like polled ones, honours deletes, reconnects after a drop and polls the gap from the cursor', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'S', now: systemClock.now() })).id;
      api.tags.set('rasage', [status(1, 'Premier #rasage')]);
      const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: '#rasage', url: api.url, config: { mode: 'hashtag', hashtag: 'rasage' }, now: systemClock.now() })).id;
      const poll = await ingestSource({ db: database.db, clock: systemClock, fetcher }, id);
      assert.equal(poll.outcome, 'stored');
      const cursor = (await findSourceDetails(database.db, ws, id))?.state.cursor;
      assert.equal(cursor, '130000000000000001');
      await updateSourceSettings(database.db, ws, id, { fetchIntervalSeconds: 3600 });
      await database.db.execute(sql`update sources set next_fetch_at = now() + interval '1 hour' where id = ${id}`);

      await start();
      await until('the stream to connect', () => api.streams.some((s) => s.name === 'hashtag:rasage'));
      // Connecting made the source due: a poll will cover what was said before the stream opened.
      await until('the source to be due', async () => (await findSourceDetails(database.db, ws, id))?.nextFetchAt === null);

      const live = status(2, 'En direct : un #rasage parfait');
      api.emit('hashtag:rasage', 'update', JSON.stringify(live));
      await until('the streamed status to be stored', async () => (await mentionTexts(id)).length === 2);
      assert.deepEqual(await mentionTexts(id), ['En direct : un #rasage parfait', 'Premier #rasage']);
      // The stream never moves the polling cursor.
      assert.equal((await findSourceDetails(database.db, ws, id))?.state.cursor, cursor);

      api.emit('hashtag:rasage', 'update', 'not json');
      api.emit('hashtag:rasage', 'filters_changed', '');
      api.emit('hashtag:rasage', 'delete', live.id);
      await until('the deleted status to be removed', async () => (await mentionTexts(id)).length === 1);

      // A network cut: a status is posted while no stream is open; the stream comes back and the poll reads the gap.
      await database.db.execute(sql`update sources set next_fetch_at = now() + interval '1 hour' where id = ${id}`);
      const missed = status(3, 'Pendant la coupure : #rasage');
      api.tags.set('rasage', [status(1, 'Premier #rasage'), live, missed]);
      const before = api.streamConnects;
      api.dropStreams();
      await until('the stream to reconnect', () => api.streamConnects > before && api.streams.length === 1);
      // The server counts the connection before the client has read the answer's headers.
      await until('the supervisor to count the reconnection', () => streams?.streams.get(id)?.[0]?.connects === 2);
      await until('the source to be due again', async () => (await findSourceDetails(database.db, ws, id))?.nextFetchAt === null);
      const asked = api.requests.length;
      const gap = await ingestSource({ db: database.db, clock: systemClock, fetcher }, id);
      assert.equal(gap.outcome, 'stored');
      assert.equal(api.requests[asked]?.searchParams.get('min_id'), cursor, 'the poll resumes from the cursor the stream left alone');
      assert.deepEqual(await mentionTexts(id), ['En direct : un #rasage parfait', 'Pendant la coupure : #rasage', 'Premier #rasage']);
      assert.ok(logs.some((l) => l.event === 'stream.dropped'));

      // Paused: its stream closes.
      await updateSourceSettings(database.db, ws, id, { status: 'paused' });
      await streams?.refresh();
      assert.equal(streams?.streams.size, 0);
      await until('the server to see the stream closed', () => api.streams.length === 0, 2000);
    });

    it('follows a connected account’s notifications with its sealed token; other types and other streams are ignored', async () => {
      api.me = { token: 'tok-stream', account: readObject('methods_accounts__001.json'), notifications: [] };
      const ws = (await insertWorkspace(database.db, { name: 'N', now: systemClock.now() })).id;
      const config = sealConfig(key, ws, { mode: 'notifications', accessToken: 'tok-stream', types: ['mention'] });
      const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: 'notifs', url: api.url, config, now: systemClock.now() })).id;
      // A search source has no stream.
      await insertSource(database.db, ws, { kind: 'mastodon', name: 'search', url: api.url, config: { mode: 'search', q: 'savon' }, now: systemClock.now() });
      await start();
      await until('the notification stream to connect', () => api.streams.some((s) => s.name === 'user:notification'));
      assert.equal(api.streams.filter((s) => s.name.startsWith('user')).length, 1);
      assert.ok(api.authorizations.includes('Bearer tok-stream'));
      const account = readObject('entities_Account__001.json');
      api.emit('user:notification', 'notification', JSON.stringify({ id: '9', type: 'favourite', account, status: status(10, 'Notre savon') }));
      api.emit('user:notification', 'notification', JSON.stringify({ id: '10', type: 'mention', account, status: status(11, '@brand bravo pour le savon') }));
      await until('the mention to be stored', async () => (await mentionTexts(id)).length === 1);
      assert.deepEqual(await mentionTexts(id), ['@brand bravo pour le savon']);
      assert.ok(!JSON.stringify(logs).includes('tok-stream'), 'the token is never logged');
    });

    it('waits out a 429 with Retry-After; a server without streaming leaves the source to polling', async () => {
      await database.db.execute(sql`update sources set status = 'paused'`);
      const ws = (await insertWorkspace(database.db, { name: 'R', now: systemClock.now() })).id;
      await insertSource(database.db, ws, { kind: 'mastodon', name: '#barbe', url: api.url, config: { mode: 'hashtag', hashtag: 'barbe' }, now: systemClock.now() });
      api.refuseStreams = { times: 1, retryAfter: '1' };
      const t0 = Date.now();
      await start();
      await until('the stream to connect after the 429', () => api.streams.some((s) => s.name === 'hashtag:barbe'));
      assert.ok(Date.now() - t0 >= 950, `reconnected after ${Date.now() - t0} ms, before Retry-After`);
      await streams?.stop();

      api.streaming = false;
      logs.length = 0;
      const connects = api.streamConnects;
      await start();
      await until('streaming to be found unavailable', () => logs.some((l) => l.event === 'stream.unavailable'));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(api.streamConnects, connects, 'no reconnection storm against a server without streaming');
      api.streaming = true;
    });

    it('never streams a server under a reserved name (the demo’s): no connection, no DNS errors', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'Démo', now: systemClock.now() })).id;
      const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: '#rasage', url: 'https://piaille.example', config: { mode: 'hashtag', hashtag: 'rasage' }, now: systemClock.now() })).id;
      logs.length = 0;
      await start();
      await streams?.refresh();
      assert.equal(streams?.streams.has(id), false);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(logs.filter((l) => l.fields?.['source'] === id), []);
      await database.db.execute(sql`delete from sources where id = ${id}`);
    });

    it('streams every tag of a hashtag source; a status under two of them is stored once', async () => {
      await database.db.execute(sql`update sources set status = 'paused'`);
      const ws = (await insertWorkspace(database.db, { name: 'T', now: systemClock.now() })).id;
      const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: '#savon #barbier', url: api.url, config: { hashtags: ['savon', '#Barbier'] }, now: systemClock.now() })).id;
      await start();
      await until('a stream per tag', () => ['hashtag:savon', 'hashtag:barbier'].every((n) => api.streams.some((x) => x.name === n)));
      assert.deepEqual(
        streams?.streams.get(id)?.map((x) => new URL(x.url).searchParams.get('tag')),
        ['savon', 'barbier'],
      );
      const both = status(20, 'Du #savon chez le #barbier');
      api.emit('hashtag:barbier', 'update', JSON.stringify(status(21, 'Seulement le #barbier')));
      api.emit('hashtag:savon', 'update', JSON.stringify(both));
      api.emit('hashtag:barbier', 'update', JSON.stringify(both));
      await until('the statuses of both tags to be stored', async () => (await mentionTexts(id)).length === 2);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await mentionTexts(id), ['Du #savon chez le #barbier', 'Seulement le #barbier']);
    });

    if (target.name === 'postgres') {
      it('one supervisor per deployment: a second process opens nothing, one leads after a crash, the other takes over on stop', async () => {
        assert.ok(database.url);
        const other = await openDatabase({ kind: 'postgres', url: database.url }, { poolSize: 2 });
        const named = () => api.streams.filter((x) => x.name === 'hashtag:moustache').length;
        let second: MastodonStreams | undefined;
        try {
          await database.db.execute(sql`update sources set status = 'paused'`);
          const ws = (await insertWorkspace(database.db, { name: 'M', now: systemClock.now() })).id;
          const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: '#moustache', url: api.url, config: { mode: 'hashtag', hashtag: 'moustache' }, now: systemClock.now() })).id;
          const first = await start();
          await until('the first to open the stream', () => named() === 1);
          second = startMastodonStreams(options(other));
          await new Promise((r) => setTimeout(r, 400));
          assert.equal(second.leader(), false, 'two supervisors hold the singleton');
          await second.refresh();
          assert.equal(second.streams.size, 0);
          assert.equal(named(), 1, 'the stream is open once in the deployment');

          // The leader's session dies (a crashed process): its streams close, and one supervisor leads again.
          await database.db.execute(sql`
            select pg_terminate_backend(l.pid) from pg_locks l
            where l.locktype = 'advisory' and l.granted and l.pid <> pg_backend_pid()
              and l.database = (select oid from pg_database where datname = current_database())`);
          await until('exactly one to lead again with the stream open', () => first.leader() !== second?.leader() && named() === 1 && [first, second].some((x) => x?.streams.get(id)?.[0]?.connected));
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(named(), 1);
          assert.ok(first.leader() !== second.leader());
          assert.ok(logs.some((l) => l.event === 'stream.lock-lost'), 'the crashed session’s lock was lost');

          // The leader stops: the other takes over and streams.
          const [leader, follower] = first.leader() ? [first, second] : [second, first];
          await leader.stop();
          await until('the other to take over', () => follower.leader() && follower.streams.get(id)?.[0]?.connected === true);
          await until('one stream open', () => named() === 1);
          api.emit('hashtag:moustache', 'update', JSON.stringify(status(30, 'Une belle #moustache')));
          await until('the status to be stored by the new leader', async () => (await mentionTexts(id)).length === 1);
          await follower.stop();
          await until('the stream to close', () => named() === 0);
        } finally {
          await second?.stop();
          await other.close();
        }
      });
    }

    it('stops cleanly: every stream connection is closed and nothing runs afterwards', async () => {
      await start();
      await until('streams to be open', () => api.streams.length > 0);
      await streams?.stop();
      streams = undefined;
      await until('the server to see the streams closed', () => api.streams.length === 0, 2000);
      const connects = api.streamConnects;
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(api.streamConnects, connects);
    });
  });
}
