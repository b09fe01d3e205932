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
import { allHits, searchByDate } from '../../sources/hackernews/testing/algolia-fixtures.ts';
import { ingestSource } from './ingest-source.ts';

/** A Hacker News source through the whole pipeline: connector, store, cursor kept between runs. */
for (const target of targets) {
  describe(`ingest of a Hacker News search on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let server: Server;
    let base = '';
    let hits: readonly Record<string, unknown>[] = allHits;
    const filters: (string | null)[] = [];
    const clock = fixedClock('2026-01-15T12:00:00Z');
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });

    before(async () => {
      database = await target.open();
      server = createServer((req, res) => {
        filters.push(new URL(req.url ?? '/', 'http://x').searchParams.get('numericFilters'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(searchByDate(req, hits));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      server.close();
      await database.close();
    });

    it('stores stories and comments with their thread, keeps the cursor, and stores a re-read hit once', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'HN', now: clock.now() })).id;
      const id = (await insertSource(database.db, ws, { kind: 'hackernews', name: 'hn', url: `${base}/api/v1`, config: { search: 'coupe-chou' }, now: clock.now() })).id;
      const first = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(first.outcome, 'stored', JSON.stringify(first));
      assert.equal(first.outcome === 'stored' && first.stored, 4, 'four well-formed hits; the malformed one is skipped');
      const rows = (await listMentions(database.db, ws, { sourceId: id }, { limit: 50 })).items;
      const reply = rows.find((m) => m.externalId === 'hn:41000011');
      assert.equal(reply?.network, 'hackernews');
      assert.equal(reply?.inReplyTo, 'hn:41000010');
      assert.equal(reply?.threadRoot, 'hn:41000001');
      // A new comment arrives; the overlap re-reads the newest old one, which is not stored again.
      hits = [...allHits, { ...(allHits[3] as Record<string, unknown>), objectID: '41000030', created_at: '2026-01-15T10:21:00Z', created_at_i: 1768472460 }];
      filters.length = 0;
      const second = await ingestSource({ db: database.db, clock, fetcher }, id);
      assert.equal(filters[0], `created_at_i>${1768472400 - 300}`, 'the stored cursor came back');
      assert.equal(second.outcome, 'stored', JSON.stringify(second));
      assert.equal(second.outcome === 'stored' && second.stored, 1);
      assert.equal(second.outcome === 'stored' && second.duplicates, 1);
      assert.equal((await listMentions(database.db, ws, { sourceId: id }, { limit: 50 })).items.length, 5);
    });
  });
}
