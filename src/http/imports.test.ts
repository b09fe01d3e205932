import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { ImportReportView, PeopleImportReportView } from '../core/api/imports.ts';
import type { MentionsPage } from '../core/api/listen.ts';
import { makeHarness, setUpOwnerAndViewer, type Client, type Harness } from './testing/harness.ts';

for (const target of targets) {
  describe(`import route on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let ws = '';
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      ({ owner, viewer, ws } = await setUpOwnerAndViewer(h));
    });
    after(() => database.close());

    it('stores the valid lines and reports the refused ones; viewers cannot import', async () => {
      const content = 'texte,auteur\n"Un message importé par l\'API",léa\n,sam\n';
      const body = { name: 'export.csv', content, mapping: { text: 'texte', author: 'auteur' } };
      assert.equal((await viewer.post(`${ws}/imports`, body)).status, 403);
      const r = await owner.post(`${ws}/imports`, body);
      assert.equal(r.status, 200, r.text);
      const report = r.json<ImportReportView>();
      assert.equal(report.stored, 1);
      // The reasons in the reader's language (ADR 0250): French by default.
      assert.deepEqual(report.refused, [{ line: 3, reason: 'texte vide (colonne « texte »)' }]);
      const page = (await owner.get(`${ws}/mentions?sourceId=${report.sourceId}`)).json<MentionsPage>();
      assert.equal(page.items[0]?.text, "Un message importé par l'API");
      assert.equal((await owner.post(`${ws}/imports`, { ...body, mapping: { text: 'absent' } })).status, 400);
      assert.equal((await owner.post(`${ws}/imports`, { ...body, extra: 1 })).status, 400);
    });
  });
}

for (const target of targets) {
  describe(`people import route on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let ws = '';
    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      ({ owner, viewer, ws } = await setUpOwnerAndViewer(h));
    });
    after(() => database.close());

    it('adds people, merges a known handle, reports refused lines; viewers cannot import', async () => {
      const content = JSON.stringify([
        { nom: 'Léa', compte: '@lea@piaille.fr', roles: ['customer'] },
        { nom: 'Léa Martin', compte: '@LEA@piaille.fr', roles: ['press'] },
        { nom: 'Personne' },
      ]);
      const body = { name: 'people.json', content, mapping: { name: 'nom', mastodon: 'compte' } };
      assert.equal((await viewer.post(`${ws}/imports/people`, body)).status, 403);
      const r = await owner.post(`${ws}/imports/people`, body);
      assert.equal(r.status, 200, r.text);
      const report = r.json<PeopleImportReportView>();
      assert.deepEqual({ ...report, refused: report.refused.map((x) => x.line) }, { format: 'json', unit: 'item', records: 3, created: 1, merged: 1, unchanged: 0, refused: [3] });
      assert.equal((await owner.post(`${ws}/imports/people`, { ...body, mapping: { mastodon: 'absent' } })).status, 400);
      assert.equal((await owner.post(`${ws}/imports/people`, { ...body, mapping: { text: 'nom' } })).status, 400);
    });
  });
}
