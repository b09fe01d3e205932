import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertUser } from './users.repo.ts';
import { insertWorkspace, listWorkspacesOfUser, renameWorkspace, findWorkspace } from './workspaces.repo.ts';
import { addMembership, countOwners, findRole, listMembers, removeMembership, setRole } from './memberships.repo.ts';

const now = new Date('2026-11-01T10:00:00Z');

for (const target of targets) {
  describe(`workspaces and memberships on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('lists only the workspaces a user belongs to, with the role held', async () => {
      const db = database.db;
      const ann = await insertUser(db, { email: 'ann@example.org', name: 'Ann', passwordHash: 'x', locale: 'fr', now });
      const bob = await insertUser(db, { email: 'bob@example.org', name: 'Bob', passwordHash: 'x', locale: 'en', now });
      const a = await insertWorkspace(db, { name: 'Atelier A', now });
      const b = await insertWorkspace(db, { name: 'Boutique B', now: new Date(now.getTime() + 1000) });
      await addMembership(db, a.id, { userId: ann.id, role: 'owner', now });
      await addMembership(db, b.id, { userId: bob.id, role: 'owner', now });
      await addMembership(db, a.id, { userId: bob.id, role: 'viewer', now: new Date(now.getTime() + 2000) });

      assert.deepEqual(await listWorkspacesOfUser(db, ann.id), [{ id: a.id, name: 'Atelier A', role: 'owner' }]);
      assert.deepEqual(
        (await listWorkspacesOfUser(db, bob.id)).map((w) => [w.name, w.role]),
        [
          ['Boutique B', 'owner'],
          ['Atelier A', 'viewer'],
        ],
      );
      assert.equal(await findRole(db, b.id, ann.id), null);
      assert.deepEqual((await listMembers(db, a.id)).map((m) => [m.email, m.role]), [
        ['ann@example.org', 'owner'],
        ['bob@example.org', 'viewer'],
      ]);

      // Adding an existing member keeps the role held.
      assert.equal(await addMembership(db, a.id, { userId: bob.id, role: 'owner', now }), 'viewer');
      assert.equal(await countOwners(db, a.id), 1);
      assert.equal(await setRole(db, a.id, bob.id, 'owner'), true);
      assert.equal(await countOwners(db, a.id), 2);
      // Changing a role in the wrong workspace touches nothing.
      assert.equal(await setRole(db, b.id, ann.id, 'viewer'), false);
      assert.equal(await removeMembership(db, a.id, bob.id), true);
      assert.equal(await removeMembership(db, a.id, bob.id), false);
      assert.equal((await renameWorkspace(db, a.id, 'Atelier Ann'))?.name, 'Atelier Ann');
      assert.equal((await findWorkspace(db, a.id))?.name, 'Atelier Ann');
    });
  });
}
