import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { AppError } from '../../core/errors.ts';
import { workspaceSlug } from '../../core/workspace.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { resolveWorkspace } from './resolve.ts';

const now = new Date('2026-11-01T10:00:00Z');

for (const target of targets) {
  describe(`workspace by id, name or slug on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('finds one workspace, and says why when it cannot', async () => {
      const db = database.db;
      const lea = await insertWorkspace(db, { name: 'Atelier Léa & Fils', now });
      await insertWorkspace(db, { name: 'Salon', now });
      await insertWorkspace(db, { name: 'SALON', now });
      assert.equal(workspaceSlug('Atelier Léa & Fils'), 'atelier-lea-fils');
      for (const ref of [lea.id, 'Atelier Léa & Fils', 'atelier-lea-fils', ' ATELIER LEA  FILS ']) assert.equal((await resolveWorkspace(db, ref)).id, lea.id, ref);
      // An exact name wins over a slug shared by several.
      assert.equal((await resolveWorkspace(db, 'SALON')).name, 'SALON');
      const fails = async (ref: string, code: string, message: RegExp) =>
        assert.rejects(resolveWorkspace(db, ref), (e: unknown) => e instanceof AppError && e.code === code && message.test(e.message));
      await fails('salon', 'conflict', /"salon" names 2 workspaces; give the id of one: [0-9a-f-]+ \((Salon|SALON)\), [0-9a-f-]+ \((Salon|SALON)\)$/);
      await fails('nowhere', 'not-found', /no workspace is named "nowhere"/);
      await fails('00000000-0000-4000-8000-000000000000', 'not-found', /no workspace has the id/);
      await fails('  ', 'bad-request', /give the workspace's id, name or slug/);
    });
  });
}
