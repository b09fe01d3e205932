import { z } from 'zod';
import { queryRematchTaskName, rematchQuery } from '../app/measures/rematch-query.ts';
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
  },
});
