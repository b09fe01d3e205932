import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { analyseBatch, type AnalysisInput } from './analyse-batch.ts';
import { createAnalysisPool } from './analysis-pool.ts';

const samples = [
  "Merci pour l'accueil, c'était parfait ! 😍 #BonneAdresse",
  'Colis toujours pas arrivé, service client injoignable 😡 @boutique',
  'Worst customer service ever. Total scam, avoid.',
  'The new collection is out today, link in bio https://example.com/c',
  "Bof, pas terrible le nouveau menu mais l'équipe est top",
  'ok',
];
const inputs: AnalysisInput[] = Array.from({ length: 301 }, (_, i) => {
  const text = `${samples[i % samples.length] ?? ''} ${i % 7 === 0 ? '' : String(i)}`;
  return { text, fingerprintText: text, declaredLang: i % 11 === 0 ? 'de' : null };
});
const expected = analyseBatch(inputs);

describe('analysis pool', () => {
  const pool = createAnalysisPool({ chunkSize: 16 });
  after(() => pool.close());

  it('gives, through the worker thread, exactly what the analysis gives in this thread, in order', async () => {
    const got = await pool.analyse(inputs);
    assert.deepEqual(got.lang, expected.lang);
    assert.deepEqual([...got.label], [...expected.label]);
    assert.deepEqual([...got.score], [...expected.score]);
    assert.deepEqual(got.hash, expected.hash);
    assert.ok(got.label.some((l) => l === 0) && got.label.some((l) => l === 2), 'both polarities occur');
    assert.ok(got.hash.includes(null) && got.hash.some((h) => h !== null), 'short texts have no fingerprint');
  });

  it('shares the chunks of concurrent batches between the worker and a thread that helps while it waits', async () => {
    const a = pool.analyse(inputs);
    const b = pool.analyse(inputs.slice(100));
    const [ra, rb] = await pool.helpUntil(Promise.all([a, b]));
    assert.deepEqual(ra.lang, expected.lang);
    assert.deepEqual([...rb.score], [...expected.score.slice(100)]);
    assert.equal(await pool.helpUntil(Promise.resolve(7)), 7);
    await assert.rejects(pool.helpUntil(Promise.reject(new Error('boom'))), /boom/);
  });

  it('starts its worker ahead of the first batch, which the worker then analyses alone', async () => {
    const fresh = createAnalysisPool({ chunkSize: 16 });
    try {
      assert.equal(fresh.stats().worker, 'none');
      const started = fresh.start();
      assert.equal(fresh.start(), started, 'starting twice is one start');
      await started;
      const before = fresh.stats();
      assert.equal(before.worker, 'ready');
      assert.equal(before.analysedHere, 0);
      const got = await fresh.analyse(inputs);
      assert.deepEqual(got.lang, expected.lang);
      const after = fresh.stats();
      assert.equal(after.analysedByWorker - before.analysedByWorker, inputs.length);
      assert.equal(after.analysedHere, 0, 'nothing analysed in this thread');
    } finally {
      await fresh.close();
    }
    assert.equal(fresh.stats().worker, 'none');
    const inline = createAnalysisPool({ worker: false });
    await inline.start();
    assert.equal(inline.stats().worker, 'none');
    assert.deepEqual((await inline.analyse(inputs)).hash, expected.hash);
  });

  it('runs its worker below this thread’s priority on Linux, and only the worker', { skip: process.platform !== 'linux' && 'thread niceness is per thread only on Linux' }, async () => {
    const niceness = (): Map<string, number> => {
      const out = new Map<string, number>();
      for (const tid of readdirSync('/proc/self/task')) {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        out.set(tid, Number(fields[16]));
      }
      return out;
    };
    const before = niceness();
    const fresh = createAnalysisPool({ chunkSize: 16 });
    try {
      await fresh.start();
      const now = niceness();
      const added = [...now].filter(([tid]) => !before.has(tid));
      assert.ok(added.some(([, n]) => n === 10), `the worker thread runs at niceness 10 (new threads: ${JSON.stringify(added)})`);
      assert.equal(now.get(String(process.pid)), before.get(String(process.pid)), 'this thread keeps its priority');
      assert.deepEqual((await fresh.analyse(inputs)).lang, expected.lang);
    } finally {
      await fresh.close();
    }
  });

  it('works without a worker thread, and a closed pool starts a new worker', async () => {
    const inline = createAnalysisPool({ worker: false });
    assert.deepEqual((await inline.analyse(inputs)).lang, expected.lang);
    await pool.close();
    assert.deepEqual((await pool.analyse(inputs.slice(0, 40))).hash, expected.hash.slice(0, 40));
  });
});
