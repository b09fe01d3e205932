import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { countUsers, findUserById, findUserCredentials, insertUser, updateUser } from './users.repo.ts';

const now = new Date('2026-11-01T10:00:00Z');

for (const target of targets) {
  describe(`users repository on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('stores a user and finds the credentials by e-mail whatever the case', async () => {
      assert.equal(await countUsers(database.db), 0);
      const u = await insertUser(database.db, { email: 'Nicolas@Coupe-Chou.fr', name: 'Nicolas', passwordHash: 'h1', locale: 'fr', now });
      assert.equal(u.email, 'Nicolas@Coupe-Chou.fr');
      const found = await findUserCredentials(database.db, '  nicolas@COUPE-CHOU.fr ');
      assert.equal(found?.user.id, u.id);
      assert.equal(found?.passwordHash, 'h1');
      assert.equal(await countUsers(database.db), 1);
    });

    it('refuses a second account for the same e-mail in another case, with a conflict', async () => {
      await assert.rejects(
        insertUser(database.db, { email: 'NICOLAS@coupe-chou.fr', name: 'Other', passwordHash: 'h2', locale: 'en', now }),
        (e: Error & { code?: string }) => e.code === 'conflict',
      );
    });

    it('updates name and locale, leaving the rest', async () => {
      const found = await findUserCredentials(database.db, 'nicolas@coupe-chou.fr');
      assert.ok(found);
      const u = await updateUser(database.db, found.user.id, { locale: 'en' });
      assert.equal(u?.locale, 'en');
      assert.equal(u?.name, 'Nicolas');
      assert.equal((await findUserById(database.db, found.user.id))?.locale, 'en');
      assert.equal(await findUserCredentials(database.db, 'nobody@example.org'), null);
    });
  });
}
