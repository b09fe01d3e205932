import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { LeaseLostError, saveImportChunk, takeOverImport } from '../storage/imports.repo.ts';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { ImportRunsView, ImportRunView } from '../core/api/imports.ts';
import { makeHarness, setUpOwnerAndViewer, type Client, type Harness } from './testing/harness.ts';

/**
 * Followed imports (ADR 0200, 0250) through a real HTTP server: the file goes up whole, is
 * answered at once, and is imported in the background of the server while other requests read
 * the progress; the reasons are said in the reader's language; an upload cut in the middle
 * stores nothing; a process stopped mid-import leaves its import to another process, which
 * resumes it after its last committed chunk once the lease is past (ADR 0290), with exact counts.
 */
const lines = 3000;
const badText = (i: number) => i % 400 === 0;
const badDate = (i: number) => i === 1234;
/** A CSV of `lines` reviews (its texts start with `word`), some of them bad. */
const csvOf = (word: string) =>
  Buffer.from(
    [
      'avis;auteur;date',
      ...Array.from({ length: lines }, (_, k) => {
        const i = k + 1;
        return `${badText(i) ? '' : `"${word} numéro ${i} sur la boutique, très bien; vraiment"`};client${i};${badDate(i) ? 'hier' : `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`}`;
      }),
    ].join('\n'),
    'utf8',
  );
const file = csvOf('Avis');
const refusedLines = Array.from({ length: lines }, (_, k) => k + 1).filter((i) => badText(i) || badDate(i)).map((i) => i + 1);

/** The file in pieces of `size` bytes, a pause between them; optionally broken after `cutAt` bytes. */
const slowBody = (bytes: Buffer, o: { size: number; pauseMs: number; cutAt?: number }) => {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (o.cutAt !== undefined && at >= o.cutAt) {
        controller.error(new Error('the user closed the tab'));
        return;
      }
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      await sleep(o.pauseMs);
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + o.size)));
      at += o.size;
    },
  });
};

const finished = (s: ImportRunView | undefined) => s !== undefined && s.status !== 'running' && s.status !== 'waiting';

for (const target of targets) {
  describe(`followed imports over HTTP on ${target.name}`, { skip: await target.skip(), timeout: 240_000 }, () => {
    let database: TestDatabase;
    /** The serve process of the moment: a restart replaces it, on the same database. */
    let h: Harness;
    let owner: Client;
    let viewer: Client;
    let ws = '';
    let base = '';
    let server: ReturnType<typeof serve>;
    before(async () => {
      database = await target.open();
      h = makeHarness(database, { env: { RELAIS_MAX_IMPORT_BYTES: String(1024 * 1024) } });
      ({ owner, viewer, ws } = await setUpOwnerAndViewer(h));
      server = await new Promise((resolve) => {
        const srv = serve({ fetch: (req) => h.app.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(srv));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await h.imports.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    });

    const upload = (id: string, body: ReadableStream<Uint8Array> | Buffer, length?: number) =>
      fetch(`${base}${ws}/import-runs/${id}/file`, {
        method: 'PUT',
        headers: {
          cookie: owner.cookie ?? '',
          'x-csrf-token': owner.csrf ?? '',
          'content-type': 'text/csv',
          ...(length !== undefined ? { 'content-length': String(length) } : {}),
        },
        body,
        duplex: 'half',
      } as RequestInit);
    const create = async (name = 'avis.csv', size = file.length) => {
      const r = await owner.post(`${ws}/import-runs`, { kind: 'posts', name, size, mapping: { text: 'avis', author: 'auteur', date: 'date' } });
      assert.equal(r.status, 201, r.text);
      const run = r.json<ImportRunView>();
      assert.equal(run.status, 'waiting');
      return run;
    };
    const read = async (id: string, headers?: Record<string, string>) => {
      const r = await owner.get(`${ws}/import-runs/${id}`, headers);
      assert.equal(r.status, 200, r.text);
      return r.json<ImportRunView>();
    };
    /** Every state read until the import is over. */
    const follow = async (id: string, seen: ImportRunView[] = []) => {
      for (let i = 0; i < 3000 && !finished(seen[seen.length - 1]); i++) {
        seen.push(await read(id));
        await sleep(20);
      }
      return seen;
    };
    /** Pieces of an import's upload still stored (ADR 0290). */
    const piecesOf = async (id: string) =>
      Number((await database.query<{ n: string }>('select count(*)::text as n from import_uploads where import_id = $1', [id]))[0]?.n);
    const storedFor = async (sourceId: string) =>
      Number((await database.query<{ n: string }>('select count(*)::text as n from mentions where source_id = $1', [sourceId]))[0]?.n);

    it('answers the upload once the file is in, imports it in the background, and says every reason in the reader’s language', async () => {
      const run = await create();
      const res = await upload(run.id, file, file.length);
      assert.equal(res.status, 202, await res.clone().text());
      const accepted = (await res.json()) as ImportRunView;
      assert.ok(['running', 'done'].includes(accepted.status), accepted.status);
      assert.equal(accepted.bytesTotal, file.length);
      // The client is gone: the import goes on in the server.
      const seen = await follow(run.id, [accepted]);
      const done = seen[seen.length - 1] as ImportRunView;
      const during = seen.filter((s) => s.status === 'running' && s.records > 0);
      for (let i = 1; i < seen.length; i++) {
        assert.ok((seen[i]?.bytesRead ?? 0) >= (seen[i - 1]?.bytesRead ?? 0), 'bytes read never go back');
        assert.ok((seen[i]?.records ?? 0) >= (seen[i - 1]?.records ?? 0), 'records read never go back');
      }
      // Counts seen mid-way are committed ones: stored + refused + duplicates = records settled.
      for (const s of during) assert.equal(s.counts.stored + s.counts.duplicates + s.refused, s.records);

      assert.equal(done.status, 'done');
      assert.equal(done.bytesRead, file.length);
      assert.equal(done.records, lines);
      assert.equal(done.lastLine, lines + 1);
      assert.equal(done.refused, refusedLines.length);
      assert.equal(done.counts.stored, lines - refusedLines.length);
      assert.deepEqual(done.refusedLines.map((r) => r.line), refusedLines);
      // French by default (ADR 0220), English when asked.
      assert.equal(done.refusedLines[0]?.reason, 'texte vide (colonne « avis »)');
      assert.equal(done.refusedLines.find((r) => r.line === 1235)?.reason, 'date illisible « hier » (colonne « date »)');
      const english = await read(run.id, { 'accept-language': 'en-GB,en;q=0.8' });
      assert.equal(english.refusedLines[0]?.reason, 'empty text (column "avis")');
      assert.equal(english.refusedLines.find((r) => r.line === 1235)?.reason, 'unreadable date "hier" (column "date")');
      assert.ok(done.sourceId);
      assert.equal(await storedFor(done.sourceId), done.counts.stored);

      const report = await owner.get(`${ws}/import-runs/${run.id}/refused.csv`);
      assert.equal(report.status, 200);
      assert.match(report.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(report.headers.get('content-disposition') ?? '', /attachment; filename="avis-refused.csv"/);
      const rows = report.text.trim().split('\n');
      assert.equal(rows[0], 'line,reason');
      assert.equal(rows.length, refusedLines.length + 1);
      assert.equal(rows[1], `${refusedLines[0]},texte vide (colonne « avis »)`);
      const reportEn = await owner.get(`${ws}/import-runs/${run.id}/refused.csv`, { 'accept-language': 'en' });
      assert.equal(reportEn.text.split('\n')[1], `${refusedLines[0]},"empty text (column ""avis"")"`);

      // Rows written before the keys (or with a key this version does not know) show their text as it was.
      await database.query('update import_refusals set reason_problem = null where import_id = $1 and line = $2', [run.id, refusedLines[0]]);
      await database.query(`update import_refusals set reason_problem = '{"key":"import.from-a-newer-version"}' where import_id = $1 and line = 1235`, [run.id]);
      const legacy = await read(run.id);
      assert.equal(legacy.refusedLines[0]?.reason, 'empty text (column "avis")');
      assert.equal(legacy.refusedLines.find((r) => r.line === 1235)?.reason, 'unreadable date "hier" (column "date")');
      assert.equal(legacy.refusedLines[1]?.reason, 'texte vide (colonne « avis »)');

      // The stored upload is gone once imported (deleted with the import marked done).
      assert.equal(await piecesOf(run.id), 0);
      // The file of an import is sent once.
      const again = await upload(run.id, file, file.length);
      assert.equal(again.status, 409);
      // Refused before its body was read: the connection is closed, so the rest of the file is never taken for a request.
      assert.equal(again.headers.get('connection'), 'close');

      // The workspace's latest imports, newest first, readable by viewers.
      const list = await viewer.get(`${ws}/import-runs`);
      assert.equal(list.status, 200, list.text);
      const items = list.json<ImportRunsView>().items;
      assert.equal(items[0]?.id, run.id);
      assert.equal(items[0]?.status, 'done');
      assert.equal(items[0]?.counts.stored, done.counts.stored);
    });

    it('an upload cut in the middle stores nothing and says so; a slow upload is received before anything is imported', async () => {
      const other = csvOf('Commentaire');
      const run = await create('coupé.csv', other.length);
      const res = await upload(run.id, slowBody(other, { size: 16384, pauseMs: 20, cutAt: Math.floor(other.length / 2) })).catch((e: unknown) => e);
      assert.ok(res instanceof Error, 'the client saw its upload fail');
      let cut: ImportRunView | undefined;
      for (let i = 0; i < 200 && cut?.status !== 'interrupted'; i++) {
        await sleep(50);
        cut = await read(run.id);
      }
      assert.equal(cut?.status, 'interrupted', JSON.stringify(cut));
      assert.equal(cut.records, 0);
      assert.equal(cut.sourceId, null);
      assert.match(cut.error ?? '', /^L’envoi du fichier a été coupé avant sa fin/);
      assert.match((await read(run.id, { 'accept-language': 'en' })).error ?? '', /^The upload was cut before the whole file arrived/);

      const rerun = await create('coupé.csv', other.length);
      const res2 = await upload(rerun.id, slowBody(other, { size: 32768, pauseMs: 5 }));
      assert.equal(res2.status, 202);
      const done = (await follow(rerun.id)).pop();
      assert.equal(done?.status, 'done');
      assert.equal(done.counts.stored, lines - refusedLines.length);
      assert.equal(await storedFor(done.sourceId ?? ''), lines - refusedLines.length);
    });

    /** An import uploaded to a process whose chunks are small, which stops (cleanly) once part of it is committed. */
    const stoppedMidImport = async (name: string, bytes: Buffer) => {
      const first = h;
      const a = makeHarness(database, { env: { RELAIS_MAX_IMPORT_BYTES: String(1024 * 1024) }, importChunkSize: 50 });
      h = a;
      const run = await create(name, bytes.length);
      assert.equal((await upload(run.id, bytes, bytes.length)).status, 202);
      let mid: ImportRunView | undefined;
      for (let i = 0; i < 2000 && !(mid && mid.records > 0); i++) mid = await read(run.id);
      assert.equal(mid?.status, 'running');
      // The process stops: its import stays running, its upload stored for whoever resumes it.
      await a.imports.close();
      h = first;
      return run;
    };

    it('a process stopped mid-import: another resumes it after its last committed chunk once the lease is past; nothing twice, nothing missing', async () => {
      const other = csvOf('Remarque');
      const run = await stoppedMidImport('reprise.csv', other);
      const cut = await read(run.id);
      assert.equal(cut.status, 'running', 'an import whose upload is whole waits to be resumed, it is not interrupted');
      assert.ok(cut.records > 0 && cut.records < lines, `part of the file was settled (${cut.records})`);
      assert.ok((await piecesOf(run.id)) > 0);
      assert.equal(await storedFor(cut.sourceId ?? ''), cut.counts.stored, 'nothing stored beyond the committed counts');

      // As if a run that died held it: its lease runs 1.5 s more, and a run that lost its import commits nothing.
      const [held] = await database.query<{ token: string }>('select lease_token::text as token from imports where id = $1', [run.id]);
      await database.query(`update imports set lease_token = gen_random_uuid(), lease_until = now() + interval '1500 milliseconds' where id = $1`, [run.id]);
      const workspaceId = ws.split('/').pop() ?? '';
      const stale = { bytesRead: 1, records: 1, refused: 0, lastLine: lines + 1, counts: {}, sourceId: null, refusedLines: [], token: held?.token ?? '', now: new Date() };
      await assert.rejects(database.db.transaction((tx) => saveImportChunk(tx, workspaceId, run.id, stale)), LeaseLostError);
      assert.equal((await read(run.id)).records, cut.records, 'the fenced chunk left the counts as they were');

      // Another process (a replica, or the same one started again) takes it over once the lease is past.
      const b = makeHarness(database, { env: { RELAIS_MAX_IMPORT_BYTES: String(1024 * 1024) }, importChunkSize: 400 });
      const t0 = Date.now();
      b.imports.start();
      try {
        await sleep(700);
        const waiting = await read(run.id);
        assert.equal(waiting.records, cut.records, 'the lease is respected');
        const done = (await follow(run.id)).pop();
        assert.ok(Date.now() - t0 >= 1400, 'taken over only once the lease was past');
        assert.equal(done?.status, 'done', JSON.stringify(done));
        assert.equal(done.records, lines);
        assert.equal(done.lastLine, lines + 1);
        assert.equal(done.bytesRead, other.length);
        assert.equal(done.counts.duplicates, 0, 'nothing read twice');
        assert.equal(done.counts.stored, lines - refusedLines.length);
        assert.equal(done.refused, refusedLines.length);
        assert.deepEqual(done.refusedLines.map((r) => r.line), refusedLines);
        assert.equal(await storedFor(done.sourceId ?? ''), lines - refusedLines.length, 'every valid line stored once');
        assert.equal(await piecesOf(run.id), 0, 'the upload is deleted once imported');
        assert.ok(b.logs.some((l) => l.event === 'import.resumed'));
      } finally {
        await b.imports.close();
      }
    });

    it('an import that crashes every process that resumes it fails after three resumptions without progress, said in French and English', async () => {
      const run = await stoppedMidImport('plantage.csv', csvOf('Plantage'));
      const cut = await read(run.id);
      assert.equal(cut.status, 'running');
      // Runs that took it over and died at once (their lease past at once, no chunk committed): each is one more resumption.
      const crash = async () => {
        const row = await takeOverImport(database.db, { token: randomUUID(), leaseMs: 0 });
        assert.equal(row?.id, run.id);
        return row.resumes;
      };
      assert.equal(await crash(), 1, 'a resumption after a clean stop is the first');
      assert.equal(await crash(), 2);
      // A chunk committed in between is progress: the count starts again.
      await database.query('update imports set last_line = last_line + 1 where id = $1', [run.id]);
      assert.equal(await crash(), 1);
      assert.equal(await crash(), 2);
      assert.equal(await crash(), 3);
      // The next process to take it over gives it up rather than run it (and die) again.
      const b = makeHarness(database, { env: { RELAIS_MAX_IMPORT_BYTES: String(1024 * 1024) }, importChunkSize: 400 });
      b.imports.start();
      try {
        const done = (await follow(run.id)).pop();
        assert.equal(done?.status, 'failed', JSON.stringify(done));
        assert.equal(done.records, cut.records, 'nothing more was imported');
        assert.equal(done.error, 'Cet import a arrêté relais 4 fois de suite sans avancer : il a été abandonné. Découpez le fichier en plus petits morceaux, ou signalez-le.');
        assert.equal(
          (await read(run.id, { 'accept-language': 'en' })).error,
          'This import stopped relais 4 times in a row without getting further, so it was given up. Split the file into smaller parts, or report it.',
        );
        assert.equal(await storedFor(done.sourceId ?? ''), cut.counts.stored);
        assert.equal(await piecesOf(run.id), 0, 'its upload is deleted with it');
        assert.ok(b.logs.some((l) => l.event === 'import.crashed-repeatedly'));
        assert.ok(!b.logs.some((l) => l.event === 'import.resumed'));
      } finally {
        await b.imports.close();
      }
    });

    it('people too, with French reasons; a bad mapping fails the import with its reason; viewers, oversize files and unknown ids are refused', async () => {
      const people = await owner.post(`${ws}/import-runs`, { kind: 'people', name: 'contacts.csv', mapping: { mastodon: 'compte' } });
      assert.equal(people.status, 201, people.text);
      const id = people.json<ImportRunView>().id;
      const body = Buffer.from('nom,compte,rôle\nLéa,@lea@piaille.fr,cliente\nSam,pas un compte,\nLéa M.,@LEA@piaille.fr,\nJo,@jo@piaille.fr,astronaute\n');
      assert.equal((await upload(id, body, body.length)).status, 202);
      const done = (await follow(id)).pop() as ImportRunView;
      assert.deepEqual([done.status, done.counts.created, done.counts.merged, done.refused, done.bytesTotal], ['done', 1, 1, 2, body.length]);
      assert.deepEqual(done.refusedLines, [
        { line: 3, reason: '« pas un compte » n’est pas un identifiant mastodon valide (colonne « compte »)' },
        { line: 5, reason: 'rôle inconnu « astronaute » (colonne « rôle » ; attendu : customer, prospect, relay, leader, partner, press, competitor)' },
      ]);
      const peopleCsv = await owner.get(`${ws}/import-runs/${id}/refused.csv`, { 'accept-language': 'en' });
      assert.equal(peopleCsv.text.split('\n')[1], '3,"""pas un compte"" is not a valid mastodon handle (column ""compte"")"');

      assert.equal((await owner.post(`${ws}/import-runs`, { kind: 'people', name: 'x.csv', mapping: { text: 'nom' } })).status, 400, 'a posts field for people');
      const bad = await owner.post(`${ws}/import-runs`, { kind: 'posts', name: 'x.csv', mapping: { text: 'absent' } });
      const badRes = await upload(bad.json<ImportRunView>().id, file, file.length);
      assert.equal(badRes.status, 400);
      const badError = ((await badRes.json()) as { error: { message: string; problems: { key: string }[] } }).error;
      assert.equal(badError.problems[0]?.key, 'import.column-missing');
      assert.match(badError.message, /La colonne « absent » \(pour text\) n’est pas dans le fichier/, 'said in French by default (ADR 0220)');
      const failed = await read(bad.json<ImportRunView>().id);
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /La colonne « absent » \(pour text\)/);
      assert.match((await read(failed.id, { 'accept-language': 'en' })).error ?? '', /Column "absent" \(for text\)/);

      const big = (await owner.post(`${ws}/import-runs`, { kind: 'posts', name: 'big.csv' })).json<ImportRunView>();
      const huge = Buffer.alloc(1024 * 1024 + 1, 'a');
      assert.equal((await upload(big.id, huge, huge.length)).status, 413);
      // Without a length, the limit is counted while the file is spooled.
      const big2 = (await owner.post(`${ws}/import-runs`, { kind: 'posts', name: 'big.csv' })).json<ImportRunView>();
      assert.equal((await upload(big2.id, slowBody(huge, { size: 256 * 1024, pauseMs: 1 }))).status, 413);
      const tooBig = await read(big2.id);
      assert.equal(tooBig.status, 'failed');
      assert.equal(tooBig.error, `Le fichier dépasse ${1024 * 1024} octets.`);
      assert.equal(await piecesOf(big2.id), 0, 'nothing left stored');

      assert.equal((await viewer.post(`${ws}/import-runs`, { kind: 'posts', name: 'x.csv' })).status, 403);
      assert.equal((await viewer.get(`${ws}/import-runs/${id}`)).status, 200, 'viewers may read');
      assert.equal((await owner.get(`${ws}/import-runs/not-an-id`)).status, 404);
      assert.equal((await owner.get(`${ws}/import-runs/00000000-0000-4000-8000-000000000000/refused.csv`)).status, 404);
    });
  });
}
