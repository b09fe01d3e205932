import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase, type Database } from '../storage/db.ts';
import { freshPostgres, targets } from '../storage/testing/databases.ts';
import { silentLogger } from '../core/logger.ts';
import { createJobQueue } from './queue.ts';
import { defineTask, PermanentJobError } from './task.ts';

interface Ctx {
  db: Database;
  failFirst: Set<string>;
}

const idPayload = z.object({ id: z.string().min(1) }).strict();

const record = defineTask<{ id: string }, Ctx>({
  name: 'test-record',
  payload: idPayload,
  retry: { limit: 3, delaySeconds: 1, backoff: false },
  expireInSeconds: 60,
  async handle({ id }, ctx, job) {
    if (ctx.failFirst.has(id) && job.attempt === 0) throw new Error('transient failure');
    if (id === 'permanent') throw new PermanentJobError('cannot ever work');
    // Idempotent: a second delivery of the same job leaves one row.
    await ctx.db.query('insert into job_log (id, attempt) values ($1, $2) on conflict (id) do nothing', [id, job.attempt]);
  },
});

const scheduled = defineTask<Record<string, never>, Ctx>({
  name: 'test-scheduled',
  payload: z.object({}).strict(),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 60,
  schedule: { cron: '0 3 * * *', payload: {} },
  async handle() {},
});

const tasks = [record, scheduled];

const waitFor = async (check: () => Promise<boolean>, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out waiting for the job');
};

const logged = async (db: Database, id: string) =>
  (await db.query<{ attempt: number }>('select attempt from job_log where id = $1', [id]))[0];

/** Opens the same database again, as a restarted process would. */
type Reopen = () => Promise<Database>;

const scenario = (name: string, first: () => Promise<{ db: Database; reopen: Reopen; cleanup: () => Promise<void> }>) => {
  it(`${name}: a job enqueued before a restart runs after it; retries and schedules survive`, async () => {
    const { db, reopen, cleanup } = await first();
    try {
      await db.query('create table job_log (id text primary key, attempt int not null)');
      // Process 1: enqueues and stops without working.
      const q1 = await createJobQueue<Ctx>(db, tasks, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
      assert.ok(await q1.send('test-record', { id: 'before-restart' }));
      assert.ok(await q1.send('test-record', { id: 'flaky' }));
      await assert.rejects(() => q1.send('test-record', { id: 42 }), /expected string/i);
      await q1.stop();
      await db.close();

      // Process 2: the same database, opened afresh.
      const db2 = await reopen();
      try {
        const q2 = await createJobQueue<Ctx>(db2, tasks, { logger: silentLogger, pollingIntervalSeconds: 0.5 });
        const schedules = await q2.boss.getSchedules();
        assert.ok(schedules.some((s) => s.name === 'test-scheduled' && s.cron === '0 3 * * *'), 'schedule kept');
        await q2.send('test-record', { id: 'permanent' });
        await q2.work({ db: db2, failFirst: new Set(['flaky']) });
        await waitFor(async () => (await logged(db2, 'before-restart')) !== undefined && (await logged(db2, 'flaky')) !== undefined);
        assert.equal((await logged(db2, 'before-restart'))?.attempt, 0);
        assert.equal((await logged(db2, 'flaky'))?.attempt, 1, 'the failed first attempt was retried');
        await waitFor(async () => {
          const [job] = await q2.boss.findJobs('test-record', { data: { id: 'permanent' } });
          return job?.state === 'failed';
        });
        assert.equal(await logged(db2, 'permanent'), undefined);
        await q2.stop();
      } finally {
        await db2.close();
      }
    } finally {
      await cleanup();
    }
  });
};

describe('job queue on pglite (data dir on disk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-jobs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  scenario('pglite', async () => ({
    db: await openDatabase({ kind: 'pglite', dataDir: dir }, { command: 'test' }),
    reopen: () => openDatabase({ kind: 'pglite', dataDir: dir }, { command: 'test' }),
    cleanup: async () => {},
  }));
});

const pg = targets.find((t) => t.name === 'postgres');
describe('job queue on postgres', { skip: pg ? await pg.skip() : 'no postgres target' }, () => {
  scenario('postgres', async () => {
    const fresh = await freshPostgres({ migrate: false });
    const url = fresh.url ?? '';
    return {
      // The first handle is closed by the scenario; keep the database until cleanup.
      db: { ...fresh, close: async () => {} },
      reopen: () => openDatabase({ kind: 'postgres', url }),
      cleanup: () => fresh.close(),
    };
  });
});
