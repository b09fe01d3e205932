import { PgBoss, fromPglite, type JobResult } from 'pg-boss';
import type { Database } from '../storage/db.ts';
import type { Logger } from '../core/logger.ts';
import { PermanentJobError, type AnyTask } from './task.ts';

/**
 * The job queue: pg-boss on the same database as everything else (PostgreSQL,
 * or PGlite through pg-boss's adapter), so jobs and schedules survive restarts
 * and several `relais worker` processes can share one PostgreSQL queue.
 */
export interface JobQueue<Ctx> {
  /** Enqueue a job; returns its id. */
  send(task: string, payload: object, opts?: { startAfterSeconds?: number; singletonKey?: string }): Promise<string | null>;
  /** Start consuming every task (a `serve` with workers, or `relais worker`). */
  work(ctx: Ctx): Promise<void>;
  stop(): Promise<void>;
  readonly boss: PgBoss;
}

export interface QueueOptions {
  readonly logger: Logger;
  /** Seconds between polls for new jobs (tests use the minimum, 0.5). */
  readonly pollingIntervalSeconds?: number;
  /** Run cron schedules in this process. */
  readonly schedule?: boolean;
}

const bossFor = (database: Database, opts: QueueOptions): PgBoss => {
  const common = {
    schedule: opts.schedule ?? true,
    supervise: true,
    migrate: true,
    application_name: 'relais-jobs',
  };
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('PGlite database without its engine handle');
    return new PgBoss({ ...common, backend: 'pglite', db: fromPglite(database.pglite) });
  }
  if (!database.url) throw new Error('PostgreSQL database without its URL');
  return new PgBoss({ ...common, connectionString: database.url, max: 4 });
};

export const createJobQueue = async <Ctx>(database: Database, tasks: readonly AnyTask<Ctx>[], opts: QueueOptions): Promise<JobQueue<Ctx>> => {
  const boss = bossFor(database, opts);
  const { logger } = opts;
  boss.on('error', (e: Error) => logger.error('jobs.error', { message: e.message }));
  await boss.start();
  const byName = new Map(tasks.map((t) => [t.name, t]));
  for (const t of tasks) {
    await boss.createQueue(t.name, {
      retryLimit: t.retry.limit,
      retryDelay: t.retry.delaySeconds,
      retryBackoff: t.retry.backoff,
      ...(t.retry.maxDelaySeconds !== undefined ? { retryDelayMax: t.retry.maxDelaySeconds } : {}),
      expireInSeconds: t.expireInSeconds,
      ...(t.policy ? { policy: t.policy } : {}),
    });
    if (t.schedule) {
      const parsed = t.payload.parse(t.schedule.payload) as object;
      await boss.schedule(t.name, t.schedule.cron, parsed, { tz: 'UTC' });
    }
  }
  let working = false;
  const queue: JobQueue<Ctx> = {
    boss,
    async send(task, payload, o = {}) {
      const t = byName.get(task);
      if (!t) throw new Error(`Unknown task "${task}"`);
      const data = t.payload.parse(payload) as object;
      return boss.send(task, data, {
        ...(o.startAfterSeconds !== undefined ? { startAfter: o.startAfterSeconds } : {}),
        ...(o.singletonKey !== undefined ? { singletonKey: o.singletonKey } : {}),
      });
    },
    async work(ctx) {
      if (working) return;
      working = true;
      for (const t of tasks) {
        await boss.work(
          t.name,
          { batchSize: 1, perJobResults: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
          async (jobs): Promise<JobResult[]> => {
            const results: JobResult[] = [];
            for (const job of jobs) {
              const started = Date.now();
              const parsed = t.payload.safeParse(job.data);
              if (!parsed.success) {
                logger.error('jobs.invalid-payload', { task: t.name, job: job.id, issues: parsed.error.issues.map((i) => i.message) });
                results.push({ id: job.id, status: 'deadletter', output: { error: 'invalid payload' } });
                continue;
              }
              try {
                await t.handle(parsed.data, ctx, { id: job.id, attempt: job.retryCount, signal: job.signal, send: queue.send });
                logger.debug('jobs.done', { task: t.name, job: job.id, ms: Date.now() - started });
                results.push({ id: job.id, status: 'completed' });
              } catch (e) {
                const message = (e as Error).message;
                const permanent = e instanceof PermanentJobError;
                logger.warn('jobs.failed', { task: t.name, job: job.id, attempt: job.retryCount, permanent, message });
                results.push({ id: job.id, status: permanent ? 'deadletter' : 'failed', output: { error: message } });
              }
            }
            return results;
          },
        );
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
  return queue;
};
