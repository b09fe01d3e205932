import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { startFakeMastodon, type FakeMastodon, type FakeStatus } from '../../sources/mastodon/testing/fake-mastodon.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject } from '../../sources/mastodon/testing/payloads.ts';
import { findSourceDetails } from '../../storage/source-fetch.repo.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { ingestSource } from './ingest-source.ts';

/** The registered `mastodon` connector, end to end: a stored source → local API → stored mentions. */

const statuses = (from: number, n: number): FakeStatus[] =>
  Array.from({ length: n }, (_, i) => {
    const id = String(120_000_000_000_000_000n + BigInt(from + i));
    return { ...readObject('entities_Status__001.json'), id, uri: `https://mastodon.social/users/Gargron/statuses/${id}`, content: `<p>Status ${from + i} about #rasage</p>` };
  });

for (const target of targets) {
  const skip = hasMastodonPayloads ? await target.skip() : MASTODON_PAYLOADS_MISSING;
  describe(`ingest of a Mastodon hashtag on ${target.name}`, { skip }, () => {
    let database: TestDatabase;
    let api: FakeMastodon;
    const clock = fixedClock('2026-01-15T12:00:00Z');
    const fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });

    before(async () => {
      database = await target.open();
      api = await startFakeMastodon();
    });
    after(async () => {
      await api.close();
      await database.close();
    });

    it('stores new statuses once, keeps the cursor, and reads only what is new the next time', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'M', now: clock.now() })).id;
      const id = (await insertSource(database.db, ws, { kind: 'mastodon', name: '#rasage', url: api.url, config: { hashtags: ['rasage', 'barbe'] }, now: clock.now() })).id;
      api.tags.set('rasage', statuses(1, 3));
      const deps = { db: database.db, clock, fetcher };
      const first = await ingestSource(deps, id);
      assert.equal(first.outcome, 'stored');
      assert.ok(first.outcome === 'stored' && first.fetched === 3 && first.stored === 3, JSON.stringify(first));
      assert.equal((await findSourceDetails(database.db, ws, id))?.state.cursor, '120000000000000003');
      assert.deepEqual(api.requests[0]?.searchParams.getAll('any[]'), ['barbe']);

      api.tags.set('barbe', statuses(4, 2));
      const second = await ingestSource(deps, id);
      assert.ok(second.outcome === 'stored' && second.fetched === 2 && second.stored === 2, JSON.stringify(second));
      const count = await database.query<{ n: number }>('select count(*)::int as n from mentions where source_id = $1', [id]);
      assert.equal(count[0]?.n, 5);
    });
  });
}
