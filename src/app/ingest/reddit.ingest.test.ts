import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { listMentions } from '../../storage/mentions.repo.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { answer, makePost, newPosts } from '../../sources/reddit/testing/listing-fixtures.ts';
import { ingestSource } from './ingest-source.ts';

/** A Reddit source through the whole pipeline: the listing connector by kind and config, store, cursor. */
for (const target of targets) {
  describe(`ingest of a subreddit listing on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let server: Server;
    let base = '';
    let posts = newPosts;
    const paths: string[] = [];
    const clock = fixedClock('2026-01-15T12:00:00Z');
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });

    before(async () => {
      database = await target.open();
      server = createServer((req, res) => {
        paths.push(new URL(req.url ?? '/', 'http://x').pathname);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(answer(req, { posts }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      server.close();
      await database.close();
    });

    it('stores posts with author, tags and metrics, keeps the cursor, and stores only what is new next time', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'Reddit', now: clock.now() })).id;
      const id = (await insertSource(database.db, ws, { kind: 'reddit', name: 'r/wicked_edge', url: base, config: { subreddit: 'wicked_edge' }, now: clock.now() })).id;
      const first = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(first.outcome, 'stored', JSON.stringify(first));
      assert.equal(first.outcome === 'stored' && first.stored, 4, 'the removed and the deleted posts are skipped');
      assert.deepEqual(paths, ['/r/wicked_edge/new.json']);
      const rows = (await listMentions(database.db, ws, { sourceId: id }, { limit: 50 })).items;
      const nsfw = rows.find((m) => m.externalId === 't3_1i0aaa2');
      assert.equal(nsfw?.network, 'reddit');
      assert.equal(nsfw?.author.handle, 'u/first_timer_fr');
      assert.deepEqual(nsfw?.hashtags, ['r/wicked_edge', 'nsfw', 'spoiler']);
      assert.deepEqual(nsfw?.metrics, { score: 3, replies: 9 });

      posts = [makePost('1i0aaa6', 1, 'Brand new post'), ...newPosts];
      const second = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(second.outcome === 'stored' && second.stored, 1, JSON.stringify(second));
      assert.equal((await listMentions(database.db, ws, { sourceId: id }, { limit: 50 })).items.length, 5);
    });
  });
}
