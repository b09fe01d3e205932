import { z } from 'zod';
import { queryRematchTaskName, rematchQuery } from '../app/measures/rematch-query.ts';
import { foldAuthorLastDays, foldAuthorsKey, foldAuthorsTaskName, workspacesToFold } from '../app/measures/fold-authors.ts';
import { defineTask } from './task.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../storage/db.ts';

export interface MeasuresJobContext {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * A query was created, changed or deleted: its workspace's stored mentions are matched again and
 * its rollups rebuilt. The handler reads the query's current state, so it is idempotent; with the
 * `stately` policy and the key query-rematch:<id>, a change made while a run is under way queues
 * exactly one more run.
 */
export const queryRematchTask = defineTask<{ workspaceId: string; queryId: string }, MeasuresJobContext>({
  name: queryRematchTaskName,
  payload: z.object({ workspaceId: z.uuid(), queryId: z.uuid() }).strict(),
  policy: 'stately',
  retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 },
  expireInSeconds: 1800,
  async handle({ workspaceId, queryId }, ctx, job) {
    const r = await rematchQuery(ctx.database.db, workspaceId, queryId, ctx.clock, { signal: job.signal });
    ctx.logger.info('query-rematch.done', { workspace: workspaceId, query: queryId, ...r });
    // The rebuilt series has no cache of its authors' last days: fold it now rather than at the next hour.
    await job.send(foldAuthorsTaskName, { workspaceId }, { singletonKey: foldAuthorsKey(workspaceId) });
  },
});

/**
 * Folds the closed days' author rows of a workspace's series into the cache of the authors' last
 * days (ADR 0190, ADR 0310): the dashboard's reads never write. Idempotent, and safe beside an
 * ingest batch (each series is folded under the workspace's rollup lock).
 */
export const foldAuthorsTask = defineTask<{ workspaceId: string }, MeasuresJobContext>({
  name: foldAuthorsTaskName,
  payload: z.object({ workspaceId: z.uuid() }).strict(),
  policy: 'stately',
  retry: { limit: 5, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  expireInSeconds: 1800,
  async handle({ workspaceId }, ctx, job) {
    const r = await foldAuthorLastDays(ctx.database.db, workspaceId, ctx.clock, { signal: job.signal });
    if (r.months > 0) ctx.logger.info('measures-fold-authors.done', { workspace: workspaceId, ...r });
  },
});

/**
 * Hourly, from a few minutes after UTC midnight (when yesterday closes): one fold per workspace
 * whose cache is behind. The other hours catch up what a failed run or late mentions left.
 */
export const foldAuthorsScheduleTask = defineTask<Record<string, never>, MeasuresJobContext>({
  name: 'measures-fold-schedule',
  payload: z.object({}).strict(),
  retry: { limit: 2, delaySeconds: 30, backoff: false },
  expireInSeconds: 300,
  schedule: { cron: '5 * * * *', payload: {} },
  async handle(_payload, ctx, job) {
    for (const workspaceId of await workspacesToFold(ctx.database.db, ctx.clock)) {
      await job.send(foldAuthorsTaskName, { workspaceId }, { singletonKey: foldAuthorsKey(workspaceId) });
    }
  },
});
