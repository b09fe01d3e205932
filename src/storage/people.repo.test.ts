import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PersonDraft } from '../core/person.ts';
import { targets, type TestDatabase } from './testing/databases.ts';
import { insertWorkspace } from './workspaces.repo.ts';
import { findPersonByHandle, listPeople, savePeople } from './people.repo.ts';

const now = new Date('2026-11-01T10:00:00Z');
const later = new Date('2026-11-02T10:00:00Z');

const lea: PersonDraft = {
  displayName: 'Léa Martin',
  handles: [{ network: 'mastodon', handle: '@lea@piaille.fr' }],
  profileUrl: 'https://piaille.fr/@lea',
  tags: ['barbière'],
  roles: ['customer'],
};

for (const target of targets) {
  describe(`people on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('creates people, merges on a known handle, and refuses a draft whose handles name two people', async () => {
      const db = database.db;
      const ws = (await insertWorkspace(db, { name: 'Atelier', now })).id;
      const other = (await insertWorkspace(db, { name: 'Autre', now })).id;
      const bob: PersonDraft = { displayName: 'Bob', handles: [{ network: 'bluesky', handle: 'bob.bsky.social' }], tags: [], roles: ['press'] };
      const first = await savePeople(db, ws, [lea, bob], now);
      assert.deepEqual(first.map((o) => o.kind), ['created', 'created']);

      // The same person again, with a new handle, a new tag and a note: merged, not duplicated.
      const again = await savePeople(db, ws, [
        { ...lea, handles: [...lea.handles, { network: 'email', handle: 'lea@example.fr' }], tags: ['barbière', 'lyon'], notes: 'Salon rue Mercière' },
        lea,
      ], later);
      assert.deepEqual(again.map((o) => o.kind), ['merged', 'unchanged']);
      const people = await listPeople(db, ws);
      assert.equal(people.length, 2);
      const merged = people.find((p) => p.displayName === 'Léa Martin');
      assert.deepEqual(merged?.handles, [{ network: 'email', handle: 'lea@example.fr' }, { network: 'mastodon', handle: '@lea@piaille.fr' }]);
      assert.deepEqual(merged?.tags, ['barbière', 'lyon']);
      assert.deepEqual(merged?.roles, ['customer']);
      assert.equal(merged?.notes, 'Salon rue Mercière');
      assert.equal(merged?.createdAt.toISOString(), now.toISOString());
      assert.equal(merged?.updatedAt.toISOString(), later.toISOString());

      // Lea's e-mail and Bob's Bluesky handle in one line: two people, nothing saved for it.
      const conflict = await savePeople(db, ws, [{ displayName: 'X', handles: [{ network: 'email', handle: 'lea@example.fr' }, { network: 'bluesky', handle: 'bob.bsky.social' }], tags: [], roles: [] }], later);
      assert.equal(conflict[0]?.kind, 'conflict');
      assert.equal((await listPeople(db, ws)).length, 2);

      // Handles are unique per workspace, not across workspaces.
      assert.deepEqual((await savePeople(db, other, [lea], now)).map((o) => o.kind), ['created']);
      assert.equal((await findPersonByHandle(db, ws, { network: 'mastodon', handle: '@lea@piaille.fr' }))?.id, merged?.id);
      assert.equal(await findPersonByHandle(db, ws, { network: 'mastodon', handle: '@nobody@piaille.fr' }), null);
    });

    it('the handle key is enforced by the database too', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'Clés', now })).id;
      const [a] = await savePeople(database.db, ws, [lea], now);
      assert.equal(a?.kind, 'created');
      await assert.rejects(
        database.query(`insert into person_handles (workspace_id, person_id, network, handle) values ($1, $2, 'mastodon', '@lea@piaille.fr')`, [ws, a && 'personId' in a ? a.personId : '']),
        /duplicate key|unique/i,
      );
    });
  });
}
