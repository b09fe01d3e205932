import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { targets, type TestDatabase } from './testing/databases.ts';
import { executePrepared } from './prepared.ts';

for (const target of targets) {
  describe(`per-batch statements prepared once on ${target.name} (ADR 0320)`, { skip: await target.skip() }, () => {
    let d: TestDatabase;
    before(async () => {
      d = await target.open();
    });
    after(async () => d?.close());

    const squares = (n: number) => sql`select x, x * x as sq from generate_series(1, ${n}::int) as x`;

    it('gives the rows an ordinary query gives, with any parameters, in and out of a transaction', async () => {
      assert.deepEqual(await executePrepared(d.db, 'relais_test_squares', squares(3)), [
        { x: 1, sq: 1 },
        { x: 2, sq: 4 },
        { x: 3, sq: 9 },
      ]);
      await d.db.transaction(async (tx) => {
        assert.deepEqual(await executePrepared(tx, 'relais_test_squares', squares(2)), [
          { x: 1, sq: 1 },
          { x: 2, sq: 4 },
        ]);
      });
      // A failing statement fails as an ordinary query would, with the database's message.
      // (drizzle wraps it with the statement on PGlite: the database's error is its cause there.)
      await assert.rejects(executePrepared(d.db, 'relais_test_fails', sql`select 1 / ${0}::int`), (e: Error) => {
        assert.match(`${e.message} ${(e.cause as Error | undefined)?.message ?? ''}`, /division by zero/);
        return true;
      });
    });

    it('on PostgreSQL, is prepared once per connection under its name and run again from it', { skip: target.name !== 'postgres' && 'PGlite runs it as an ordinary query' }, async () => {
      await d.db.transaction(async (tx) => {
        for (const n of [1, 4, 2]) assert.equal((await executePrepared(tx, 'relais_test_once', squares(n))).length, n);
        const prepared = await executePrepared<{ name: string }>(tx, 'relais_test_list', sql`select name from pg_prepared_statements where name like ${'relais_test_%'} order by name`);
        assert.ok(prepared.some((p) => p.name === 'relais_test_once'), JSON.stringify(prepared));
      });
    });
  });
}
