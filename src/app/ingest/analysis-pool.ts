import { Worker } from 'node:worker_threads';
import { analyseBatch, type AnalysedBatch, type AnalysisInput } from './analyse-batch.ts';

/**
 * Language, sentiment and fingerprints of ingest batches, shared between a worker thread and
 * the ingest thread (ADR 0131).
 *
 * A batch is cut into chunks of `chunkSize` texts put in one queue. The worker takes the next
 * chunk whenever it has finished one (it holds at most two, so it never waits for a message);
 * the ingest thread takes chunks too while it waits for the analysis of the next batch
 * (`helpUntil`). So on a busy machine, where the worker gets less of a core, the ingest thread
 * picks up the rest. It does not help while a batch is inserted (ADR 0270: the insert is the
 * critical path, and on PGlite the engine runs in the ingest thread anyway), so the worker
 * analyses batch b + 1 while batch b is stored.
 *
 * One worker per process, started on first use or ahead of it by `start` (serve and worker do at
 * boot, so the first batch does not wait for the worker to load its modules, ADR 0280), and
 * unref'd while idle (it never keeps the process alive). A worker that dies fails the batches it held and is replaced on the next
 * batch; where a worker cannot start at all, batches are analysed in the calling thread.
 */
export interface AnalysisPool {
  /** The analysis of `inputs`, in order. */
  analyse(inputs: readonly AnalysisInput[]): Promise<AnalysedBatch>;
  /** Waits for `p`, analysing queued chunks in this thread meanwhile. */
  helpUntil<T>(p: Promise<T>): Promise<T>;
  /**
   * Starts the worker ahead of the first batch and resolves once it has analysed a few texts (its
   * modules loaded, its code warm). Resolves as well where no worker can start (the analysis then
   * runs in the calling thread). Idempotent.
   */
  start(): Promise<void>;
  /** Texts analysed so far by the worker and in the calling thread, and whether the worker is up. */
  stats(): AnalysisPoolStats;
  close(): Promise<void>;
}

export interface AnalysisPoolStats {
  readonly worker: 'none' | 'starting' | 'ready';
  readonly analysedByWorker: number;
  readonly analysedHere: number;
}

export interface AnalysisPoolOptions {
  /** Texts per chunk (default 64: a few milliseconds of work, so helping never delays the ingest thread long). */
  readonly chunkSize?: number;
  /** false: no worker thread, everything in the calling thread (tests compare both). */
  readonly worker?: boolean;
}

interface Job {
  readonly out: AnalysedBatch;
  remaining: number;
  failed: boolean;
  readonly resolve: (b: AnalysedBatch) => void;
  readonly reject: (e: Error) => void;
}

interface Chunk {
  readonly job: Job;
  readonly start: number;
  readonly inputs: readonly AnalysisInput[];
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly out?: AnalysedBatch;
  readonly error?: string;
}

const inlineBelow = 16;

// What `start` has the worker analyse: a French and an English post that go through every part
// of the analysis (language, rules, model, fingerprint), so the first real batch finds it warm.
const warmUp: readonly AnalysisInput[] = [
  "Franchement pas déçu, l'accueil était top et le savon sent très bon ! 😍 #rasage @coupechou",
  "Worst shipping ever, but the beard oil isn't bad at all :) https://example.com/a",
].map((text) => ({ text, fingerprintText: text, declaredLang: null }));

const emptyBatch = (n: number): AnalysedBatch => ({ lang: new Array<string>(n), label: new Uint8Array(n), score: new Float64Array(n), hash: new Array<string | null>(n) });

const settle = (c: Chunk, part: AnalysedBatch): void => {
  const { job, start } = c;
  if (job.failed) return;
  const n = c.inputs.length;
  for (let i = 0; i < n; i++) {
    job.out.lang[start + i] = part.lang[i] as string;
    job.out.hash[start + i] = part.hash[i] ?? null;
  }
  job.out.label.set(part.label, start);
  job.out.score.set(part.score, start);
  job.remaining -= n;
  if (job.remaining === 0) job.resolve(job.out);
};

const fail = (job: Job, e: Error): void => {
  if (job.failed) return;
  job.failed = true;
  job.reject(e);
};

export const createAnalysisPool = (opts: AnalysisPoolOptions = {}): AnalysisPool => {
  const chunkSize = opts.chunkSize ?? 64;
  let worker: Worker | null = null;
  let broken = opts.worker === false;
  let nextId = 1;
  const queue: Chunk[] = [];
  const held = new Map<number, Chunk>();
  let wake: (() => void) | null = null;
  let ready = false;
  let starting: Promise<void> | null = null;
  let analysedByWorker = 0;
  let analysedHere = 0;

  const runHere = (c: Chunk): void => {
    if (c.job.failed) return;
    try {
      analysedHere += c.inputs.length;
      settle(c, analyseBatch(c.inputs));
    } catch (e) {
      fail(c.job, e instanceof Error ? e : new Error(String(e)));
    }
  };

  const feed = (): void => {
    const w = worker ?? start();
    if (!w) {
      while (queue.length > 0) runHere(queue.shift() as Chunk);
      return;
    }
    while (held.size < 2 && queue.length > 0) {
      const c = queue.shift() as Chunk;
      if (c.job.failed) continue;
      const id = nextId++;
      held.set(id, c);
      w.postMessage({ id, inputs: c.inputs });
    }
    if (held.size > 0) w.ref();
    else w.unref();
  };

  const lost = (w: Worker, e: Error): void => {
    if (worker !== w) return;
    worker = null;
    ready = false;
    starting = null;
    for (const c of held.values()) fail(c.job, e);
    held.clear();
  };

  function start(): Worker | null {
    if (broken) return null;
    let w: Worker;
    try {
      w = new Worker(new URL('./analysis-worker.ts', import.meta.url));
    } catch {
      broken = true;
      return null;
    }
    w.unref();
    w.on('message', (r: Reply) => {
      const c = held.get(r.id);
      if (!c) return;
      held.delete(r.id);
      ready = true;
      if (r.ok && r.out) {
        analysedByWorker += c.inputs.length;
        settle(c, r.out);
      }
      else fail(c.job, new Error(`analysis worker: ${r.error ?? 'no result'}`));
      feed();
    });
    w.on('error', (e) => lost(w, e));
    w.on('exit', (code) => lost(w, new Error(`analysis worker exited (${code})`)));
    worker = w;
    return w;
  }

  return {
    analyse(inputs) {
      // A handful of texts costs less here than the round trip (and than starting the worker).
      if (inputs.length < inlineBelow) {
        analysedHere += inputs.length;
        return Promise.resolve(analyseBatch(inputs));
      }
      return new Promise<AnalysedBatch>((resolve, reject) => {
        const job: Job = { out: emptyBatch(inputs.length), remaining: inputs.length, failed: false, resolve, reject };
        for (let s = 0; s < inputs.length; s += chunkSize) queue.push({ job, start: s, inputs: inputs.slice(s, s + chunkSize) });
        feed();
        const w = wake;
        wake = null;
        w?.();
      });
    },
    async helpUntil<T>(p: Promise<T>): Promise<T> {
      let done = false;
      const finished = p.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      while (!done) {
        const c = queue.shift();
        if (c) {
          runHere(c);
          // Let replies, I/O and the awaited promise through between chunks.
          await new Promise<void>((r) => setImmediate(r));
          continue;
        }
        await Promise.race([finished, new Promise<void>((r) => (wake = r))]);
      }
      return p;
    },
    start() {
      starting ??= new Promise<void>((resolve) => {
        const job: Job = { out: emptyBatch(warmUp.length), remaining: warmUp.length, failed: false, resolve: () => resolve(), reject: () => resolve() };
        queue.unshift({ job, start: 0, inputs: warmUp });
        feed();
      });
      return starting;
    },
    stats: () => ({ worker: worker === null ? 'none' : ready ? 'ready' : 'starting', analysedByWorker, analysedHere }),
    async close() {
      const w = worker;
      worker = null;
      ready = false;
      starting = null;
      for (const c of held.values()) fail(c.job, new Error('analysis pool closed'));
      held.clear();
      if (w) await w.terminate();
    },
  };
};

let shared: AnalysisPool | undefined;
/** The process's pool, created on first use. */
export const analysisPool = (): AnalysisPool => (shared ??= createAnalysisPool());
