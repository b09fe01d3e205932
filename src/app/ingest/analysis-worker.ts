/**
 * The analysis worker thread (ADR 0131): receives batches of texts, answers with their
 * language, sentiment and fingerprint. Started by analysis-pool.ts; holds no state.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyseBatch, type AnalysisInput } from './analyse-batch.ts';

interface Request {
  readonly id: number;
  readonly inputs: readonly AnalysisInput[];
}

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread (see analysis-pool.ts)');
// Below the ingest thread and the database (ADR 0320): when the cores are busy, the batch being
// inserted and the server's requests go first; the worker works ahead of them (two batches) and
// catches up when a core is free. Linux only, where a thread's niceness is its own (elsewhere
// setpriority would lower the whole process).
const analysisNiceness = 10;
if (process.platform === 'linux') {
  try {
    setPriority(analysisNiceness);
  } catch {
    // Not allowed here (a sandbox): the worker runs at the process's priority.
  }
}
port.on('message', (m: Request) => {
  try {
    const out = analyseBatch(m.inputs);
    port.postMessage({ id: m.id, ok: true, out }, [out.label.buffer, out.score.buffer]);
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
