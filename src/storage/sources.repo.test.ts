import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { findSource, insertSource, listSources, recordSourceError, recordSourceSuccess, setSourceStatus } from './sources.repo.ts';

const t0 = new Date('2026-11-01T00:00:00Z');

for (const target of targets) {
  describe(`sources repository on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('keeps health per source and disables after repeated errors', async () => {
      const db = database.db;
      const a = (await insertWorkspace(db, { name: 'A', now: t0 })).id;
      const b = (await insertWorkspace(db, { name: 'B', now: t0 })).id;
      const s = await insertSource(db, a, { kind: 'rss', name: 'Blog', url: 'https://blog.example/feed', now: t0 });
      assert.equal(s.status, 'active');
      assert.equal(await recordSourceError(db, a, s.id, { error: { text: 'parse error', problem: null }, at: t0, disableAfter: 3 }), 1);
      assert.equal(await recordSourceError(db, a, s.id, { error: { text: 'parse error', problem: null }, at: t0, disableAfter: 3 }), 2);
      assert.equal((await findSource(db, a, s.id))?.status, 'active');
      await recordSourceError(db, a, s.id, { error: { text: 'parse error again', problem: null }, at: t0, disableAfter: 3 });
      const disabled = await findSource(db, a, s.id);
      assert.equal(disabled?.status, 'disabled');
      assert.equal(disabled?.lastError, 'parse error again');
      await setSourceStatus(db, a, s.id, 'active');
      await recordSourceSuccess(db, a, s.id, new Date(t0.getTime() + 1000));
      const healed = await findSource(db, a, s.id);
      assert.equal(healed?.errorCount, 0);
      assert.equal(healed?.status, 'active');
      assert.deepEqual(healed?.lastSuccessAt, new Date(t0.getTime() + 1000));
      // Another workspace neither sees nor changes it.
      assert.equal(await findSource(db, b, s.id), null);
      assert.equal(await setSourceStatus(db, b, s.id, 'paused'), false);
      assert.deepEqual(await listSources(db, b), []);
      assert.equal((await listSources(db, a)).length, 1);
    });
  });
}
