import { renderProblem } from '../../core/messages.ts';
import { describe, it, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { fixedClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { listPeople } from '../../storage/people.repo.ts';
import { importPeople, peopleFields, resolvePeopleMapping, toPersonDraft } from './import-people.ts';
import { parseMapping } from './mapping.ts';

const csv = [
  'Nom;Mastodon;Courriel;Type;Étiquettes;Bio;Site',
  'Léa Martin;@Lea@Piaille.fr;lea@example.fr;cliente;barbière, lyon;Barbière à Lyon;https://lea.example',
  'Sam Ortiz;sam@mastodon.social;;journaliste|partner;;"Écrit sur le rasage,',
  'traditionnel";',
  'Sans Compte;;;prospect;;;',
  'Mauvais rôle;@bad@piaille.fr;;ami;;;',
  'Handle cassé;pas un handle;;;;;',
  'Léa M.;;LEA@example.fr;relais;rasage;;',
  'Trop;de;colonnes;ici;a;b;c;d',
].join('\n');

test('records → person drafts: handles normalised per network, roles in French or English, reasons', () => {
  const mapping = resolvePeopleMapping(['Nom', 'Mastodon', 'Courriel', 'Type'], {});
  assert.deepEqual(mapping, { name: 'Nom', roles: 'Type', mastodon: 'Mastodon', email: 'Courriel' });
  const ok = toPersonDraft({ line: 2, fields: { Nom: 'Léa', Mastodon: '@Lea@Piaille.FR', Courriel: '', Type: 'cliente; press' } }, mapping as object);
  assert.deepEqual(ok, { ok: true, draft: { displayName: 'Léa', handles: [{ network: 'mastodon', handle: '@lea@piaille.fr' }], tags: [], roles: ['customer', 'press'] } });
  // JSON: handles as an object or an array, tags as an array.
  const json = resolvePeopleMapping(['name', 'handles', 'tags'], {});
  assert.ok(!('error' in json));
  assert.deepEqual(toPersonDraft({ line: 1, fields: { name: 'Bob', handles: { bluesky: '@Bob.bsky.social', reddit: '/u/bob_r' }, tags: ['a', 'a', 'b'] } }, json), {
    ok: true, draft: { displayName: 'Bob', handles: [{ network: 'bluesky', handle: 'bob.bsky.social' }, { network: 'reddit', handle: 'u/bob_r' }], tags: ['a', 'b'], roles: [] },
  });
  assert.deepEqual(toPersonDraft({ line: 1, fields: { name: 'Bob', handles: [{ network: 'twitter', handle: '@Bob' }] } }, json), {
    ok: true, draft: { displayName: 'Bob', handles: [{ network: 'x', handle: 'bob' }], tags: [], roles: [] },
  });
  const myspace = toPersonDraft({ line: 1, fields: { name: 'Bob', handles: 'myspace:bob' } }, json);
  assert.ok(!myspace.ok);
  assert.match(renderProblem(myspace.problem, 'en'), /unknown network "myspace"/);
  assert.match(renderProblem(myspace.problem, 'fr'), /réseau inconnu « myspace »/);
  // Mapping errors say what to do.
  assert.match(String((resolvePeopleMapping(['Nom', 'Ville'], {}) as { error: string }).error), /no handle column: map one with --map NETWORK=COLUMN/);
  assert.match(String((resolvePeopleMapping(['Nom', 'Mastodon'], { email: 'Mail' }) as { error: string }).error), /column "Mail" \(for email\) is not in the file/);
  assert.match(String((parseMapping('nom=Nom', peopleFields) as { error: string }).error), /"nom" is not a field/);
});

for (const target of targets) {
  describe(`import of people on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let workspaceId = '';
    const clock = fixedClock('2026-11-20T09:00:00Z');
    before(async () => {
      database = await target.open();
      workspaceId = (await insertWorkspace(database.db, { name: 'Atelier', now: clock.now() })).id;
    });
    after(() => database.close());

    it('saves the valid lines, refuses the others with line and reason, merges on a known handle', async () => {
      const progress: number[] = [];
      // Chunks of two records, one transaction each: progress after each.
      const report = await importPeople(database.db, { workspaceId, name: 'contacts.csv', content: csv, chunkSize: 2, onProgress: (p) => progress.push(p.records) }, clock);
      assert.equal(report.format, 'csv');
      assert.equal(report.unit, 'line');
      assert.equal(report.records, 7);
      // Line 8 names Léa again by her e-mail (case folded): merged into her, not a new person.
      assert.equal(report.created, 2);
      assert.equal(report.merged, 1);
      assert.deepEqual(report.refused.map((r) => r.line), [5, 6, 7, 9]);
      assert.match(report.refused[0]?.reason ?? '', /no handle/);
      assert.match(report.refused[1]?.reason ?? '', /unknown role "ami"/);
      assert.match(report.refused[2]?.reason ?? '', /"pas un handle" has spaces \(column "Mastodon"\)/);
      assert.match(report.refused[3]?.reason ?? '', /unreadable CSV/);
      assert.deepEqual(progress, [2, 4, 6, 7]);
      const people = await listPeople(database.db, workspaceId);
      assert.deepEqual(people.map((p) => p.displayName), ['Léa M.', 'Sam Ortiz']);
      const lea = people[0];
      // The Site column is a web handle (guessed from its name).
      assert.deepEqual(lea?.handles, [
        { network: 'email', handle: 'lea@example.fr' }, { network: 'mastodon', handle: '@lea@piaille.fr' }, { network: 'web', handle: 'https://lea.example/' },
      ]);
      assert.deepEqual(lea?.roles, ['customer', 'relay']);
      assert.deepEqual(lea?.tags, ['barbière', 'lyon', 'rasage']);
      assert.equal(lea?.bio, 'Barbière à Lyon');
      assert.equal(people[1]?.bio, 'Écrit sur le rasage,\ntraditionnel');
      assert.deepEqual(people[1]?.roles, ['press', 'partner']);

      // The same file again: nobody is created twice.
      const again = await importPeople(database.db, { workspaceId, name: 'contacts.csv', content: csv }, clock);
      assert.equal(again.created, 0);
      assert.equal((await listPeople(database.db, workspaceId)).length, 2);
    });

    it('a line whose handles belong to two people is refused, the rest saved; JSON Lines reported by line', async () => {
      const jsonl = [
        '{"name": "Bob", "handles": {"bluesky": "bob.bsky.social"}}',
        '{"name": "Both", "handles": [{"network": "bluesky", "handle": "bob.bsky.social"}, {"network": "email", "handle": "lea@example.fr"}]}',
        'not json',
        '{"name": "Chloé", "email": "chloe@example.fr", "roles": ["competitor"]}',
      ].join('\n');
      const report = await importPeople(database.db, { workspaceId, name: 'people.jsonl', content: jsonl }, clock);
      assert.equal(report.unit, 'line');
      assert.equal(report.created, 2);
      assert.deepEqual(report.refused.map((r) => [r.line, r.reason.slice(0, 40)]), [[2, 'its handles belong to 2 different people'], [3, 'not valid JSON']]);
    });

    it('a file with no handle column or an unknown workspace is a clear error, nothing saved', async () => {
      await assert.rejects(importPeople(database.db, { workspaceId, name: 'x.csv', content: 'Nom;Ville\nA;Lyon' }, clock), (e: unknown) => e instanceof AppError && e.code === 'bad-request' && /no handle column/.test(e.message));
      await assert.rejects(importPeople(database.db, { workspaceId: 'nope', name: 'x.csv', content: 'email\na@b.fr' }, clock), (e: unknown) => e instanceof AppError && e.code === 'not-found');
    });
  });
}
