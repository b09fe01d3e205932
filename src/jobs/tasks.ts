import { z } from 'zod';
import type { Database } from '../storage/db.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Config } from '../config/env.ts';
import { defineTask, type AnyTask } from './task.ts';
import { purgeExpired } from '../app/maintenance.ts';
import { scheduleSourcesTask, sourceFetchTask } from './listen.tasks.ts';
import { alertsEvaluateTask, alertsScheduleTask, webhookDeliverTask } from './alerts.tasks.ts';
import { foldAuthorsScheduleTask, foldAuthorsTask, queryRematchTask } from './measures.tasks.ts';

/** What every handler receives: the process's database, clock, logger and configuration. */
export interface JobContext {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
}

/** Nightly: expired sessions, invitations, old login attempts and week-old hourly measures are deleted. Idempotent. */
export const purgeExpiredTask = defineTask<Record<string, never>, JobContext>({
  name: 'maintenance-purge-expired',
  payload: z.object({}).strict(),
  retry: { limit: 3, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  expireInSeconds: 600,
  schedule: { cron: '17 3 * * *', payload: {} },
  async handle(_payload, ctx) {
    const counts = await purgeExpired(ctx.database.db, ctx.clock, { sessionIdleMs: ctx.config.sessionIdleMs });
    ctx.logger.info('maintenance.purged', { ...counts });
  },
});

/** Every task relais runs. Order is irrelevant; names are stable (they are queue names in the database). */
export const relaisTasks: readonly AnyTask<JobContext>[] = [
  purgeExpiredTask,
  sourceFetchTask,
  scheduleSourcesTask,
  alertsEvaluateTask,
  alertsScheduleTask,
  webhookDeliverTask,
  queryRematchTask,
  foldAuthorsTask,
  foldAuthorsScheduleTask,
];
