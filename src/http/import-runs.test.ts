import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { ImportRunView } from '../core/api/imports.ts';
import type { CreatedToken } from '../core/api/tokens.ts';
import { makeHarness, setUp, type Client, type Harness } from './testing/harness.ts';

/**
 * Followed imports (ADR 0200) through a real HTTP server: the file goes up as a stream, slowly,
 * while another request reads the progress; an upload cut in the middle leaves an interrupted
 * import whose counts are exactly what is stored, and sending the file again finishes it.
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

for (const target of targets) {
  describe(`followed imports over HTTP on ${target.name}`, { skip: await target.skip(), timeout: 240_000 }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let ws = '';
    let base = '';
    let server: ReturnType<typeof serve>;
    before(async () => {
      database = await target.open();
      h = makeHarness(database, { env: { RELAIS_MAX_IMPORT_BYTES: String(1024 * 1024) } });
      const s = await setUp(h);
      owner = s.client;
      ws = `/api/v1/workspaces/${s.workspaceId}`;
      server = await new Promise((resolve) => {
        const srv = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(srv));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
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
    const create = async (name = 'avis.csv') => {
      const r = await owner.post(`${ws}/import-runs`, { kind: 'posts', name, size: file.length, mapping: { text: 'avis', author: 'auteur', date: 'date' } });
      assert.equal(r.status, 201, r.text);
      const run = r.json<ImportRunView>();
      assert.equal(run.status, 'waiting');
      return run;
    };
    const storedFor = async (sourceId: string) =>
      Number((await database.query<{ n: string }>('select count(*)::text as n from mentions where source_id = $1', [sourceId]))[0]?.n);

    it('reports progress while the file goes up, then the whole report and its CSV', async () => {
      const run = await create();
      const seen: ImportRunView[] = [];
      let finished = false;
      const polling = (async () => {
        while (!finished) {
          const r = await owner.get(`${ws}/import-runs/${run.id}`);
          assert.equal(r.status, 200, r.text);
          seen.push(r.json<ImportRunView>());
          await sleep(40);
        }
      })();
      const res = await upload(run.id, slowBody(file, { size: 8192, pauseMs: 30 }));
      finished = true;
      await polling;
      assert.equal(res.status, 200, await res.clone().text());
      const done = (await res.json()) as ImportRunView;

      const during = seen.filter((s) => s.status === 'running' && s.bytesRead > 0 && s.bytesRead < file.length);
      assert.ok(during.length >= 2, `progress was seen while the upload ran (${seen.map((s) => `${s.status}:${s.bytesRead}`).join(' ')})`);
      for (let i = 1; i < seen.length; i++) {
        assert.ok((seen[i]?.bytesRead ?? 0) >= (seen[i - 1]?.bytesRead ?? 0), 'bytes read never go back');
        assert.ok((seen[i]?.records ?? 0) >= (seen[i - 1]?.records ?? 0), 'records read never go back');
      }
      // Counts seen mid-way are committed ones: stored + refused + duplicates = records settled.
      for (const s of during) assert.equal(s.counts.stored + s.counts.duplicates + s.refused, s.records);

      assert.equal(done.status, 'done');
      assert.equal(done.bytesTotal, file.length);
      assert.equal(done.bytesRead, file.length);
      assert.equal(done.records, lines);
      assert.equal(done.lastLine, lines + 1);
      assert.equal(done.refused, refusedLines.length);
      assert.equal(done.counts.stored, lines - refusedLines.length);
      assert.deepEqual(done.refusedLines.map((r) => r.line), refusedLines);
      assert.equal(done.refusedLines[0]?.reason, 'empty text (column "avis")');
      assert.match(done.refusedLines.find((r) => r.line === 1235)?.reason ?? '', /unreadable date "hier"/);
      assert.ok(done.sourceId);
      assert.equal(await storedFor(done.sourceId), done.counts.stored);

      const report = await owner.get(`${ws}/import-runs/${run.id}/refused.csv`);
      assert.equal(report.status, 200);
      assert.match(report.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(report.headers.get('content-disposition') ?? '', /attachment; filename="avis-refused.csv"/);
      const rows = report.text.trim().split('\n');
      assert.equal(rows[0], 'line,reason');
      assert.equal(rows.length, refusedLines.length + 1);
      assert.equal(rows[1], `${refusedLines[0]},"empty text (column ""avis"")"`);

      // The file of an import is sent once.
      const again = await upload(run.id, file, file.length);
      assert.equal(again.status, 409);
      // Refused before its body was read: the connection is closed, so the rest of the file is never taken for a request.
      assert.equal(again.headers.get('connection'), 'close');
    });

    it('an upload cut in the middle is interrupted, its counts exactly what is stored; the same file again finishes the job', async () => {
      const other = csvOf('Commentaire');
      const run = await create('coupé.csv');
      const res = await upload(run.id, slowBody(other, { size: 16384, pauseMs: 20, cutAt: Math.floor(other.length / 2) })).catch((e: unknown) => e);
      assert.ok(res instanceof Error, 'the client saw its upload fail');
      let cut: ImportRunView | undefined;
      for (let i = 0; i < 200 && cut?.status !== 'interrupted'; i++) {
        await sleep(50);
        cut = (await owner.get(`${ws}/import-runs/${run.id}`)).json<ImportRunView>();
      }
      assert.equal(cut?.status, 'interrupted', JSON.stringify(cut));
      assert.ok(cut.records > 0 && cut.records < lines, `part of the file was settled (${cut.records})`);
      assert.ok(cut.sourceId);
      assert.equal(await storedFor(cut.sourceId), cut.counts.stored, 'nothing stored beyond the committed counts');
      assert.deepEqual(cut.refusedLines.map((r) => r.line), refusedLines.filter((l) => l <= cut.lastLine));

      const rerun = await create('coupé.csv');
      const res2 = await upload(rerun.id, other, other.length);
      assert.equal(res2.status, 200);
      const done = (await res2.json()) as ImportRunView;
      assert.equal(done.status, 'done');
      assert.equal(done.counts.duplicates, cut.counts.stored, 'what was stored before is recognised');
      assert.equal(done.counts.stored + cut.counts.stored, lines - refusedLines.length);
      assert.equal(await storedFor(done.sourceId ?? ''), lines - refusedLines.length);
    });

    it('people too; a bad mapping fails the import with its reason; viewers, oversize files and unknown ids are refused', async () => {
      const people = await owner.post(`${ws}/import-runs`, { kind: 'people', name: 'contacts.csv', mapping: { mastodon: 'compte' } });
      assert.equal(people.status, 201, people.text);
      const id = people.json<ImportRunView>().id;
      const body = Buffer.from('nom,compte\nLéa,@lea@piaille.fr\nSam,pas un compte\nLéa M.,@LEA@piaille.fr\n');
      const r = await upload(id, body, body.length);
      assert.equal(r.status, 200);
      const done = (await r.json()) as ImportRunView;
      assert.deepEqual([done.status, done.counts.created, done.counts.merged, done.refused, done.bytesTotal], ['done', 1, 1, 1, null]);
      assert.equal(done.refusedLines[0]?.line, 3);

      assert.equal((await owner.post(`${ws}/import-runs`, { kind: 'people', name: 'x.csv', mapping: { text: 'nom' } })).status, 400, 'a posts field for people');
      const bad = await owner.post(`${ws}/import-runs`, { kind: 'posts', name: 'x.csv', mapping: { text: 'absent' } });
      const badRes = await upload(bad.json<ImportRunView>().id, file, file.length);
      assert.equal(badRes.status, 400);
      const badError = ((await badRes.json()) as { error: { message: string; problems: { key: string }[] } }).error;
      assert.equal(badError.problems[0]?.key, 'import.column-missing');
      assert.match(badError.message, /La colonne « absent » \(pour text\) n’est pas dans le fichier/, 'said in French by default (ADR 0220)');
      const failed = (await owner.get(`${ws}/import-runs/${bad.json<ImportRunView>().id}`)).json<ImportRunView>();
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /column "absent"/);

      const big = (await owner.post(`${ws}/import-runs`, { kind: 'posts', name: 'big.csv' })).json<ImportRunView>();
      const huge = Buffer.alloc(1024 * 1024 + 1, 'a');
      assert.equal((await upload(big.id, huge, huge.length)).status, 413);

      const viewer = h.client();
      viewer.bearer = (await owner.post('/api/v1/me/tokens', { name: 'v', workspaceId: ws.split('/').pop(), role: 'viewer' })).json<CreatedToken>().token;
      assert.equal((await viewer.post(`${ws}/import-runs`, { kind: 'posts', name: 'x.csv' })).status, 403);
      assert.equal((await viewer.get(`${ws}/import-runs/${id}`)).status, 200, 'viewers may read');
      assert.equal((await owner.get(`${ws}/import-runs/not-an-id`)).status, 404);
      assert.equal((await owner.get(`${ws}/import-runs/00000000-0000-4000-8000-000000000000/refused.csv`)).status, 404);
    });
  });
}
