/**
 * The analysis worker thread (ADR 0131): receives batches of texts, answers with their
 * language, sentiment and fingerprint. Started by analysis-pool.ts; holds no state.
 */
import { parentPort } from 'node:worker_threads';
import { analyseBatch, type AnalysisInput } from './analyse-batch.ts';

interface Request {
  readonly id: number;
  readonly inputs: readonly AnalysisInput[];
}

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread (see analysis-pool.ts)');
port.on('message', (m: Request) => {
  try {
    const out = analyseBatch(m.inputs);
    port.postMessage({ id: m.id, ok: true, out }, [out.label.buffer, out.score.buffer]);
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
