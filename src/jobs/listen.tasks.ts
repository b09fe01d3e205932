import { z } from 'zod';
import { ingestSource } from '../app/ingest/ingest-source.ts';
import { ingestFetcher } from '../app/ingest/fetcher.ts';
import { scheduleDueSources } from '../app/ingest/schedule.ts';
import { defineTask } from './task.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../storage/db.ts';
import type { Config } from '../config/env.ts';
import { secretKeyOf } from '../config/secret-key.ts';

/** What these handlers need of the job context (tasks.ts's JobContext provides it). */
export interface ListenJobContext {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: { readonly allowPrivateNetworks: boolean } & Pick<Config, 'secretKey'>;
}

/**
 * Listen jobs. `source-fetch` ingests one source; it is idempotent (already stored items are
 * skipped, the state is saved with the last batch) so a redelivery is harmless. Failures of the
 * source itself are health, not job failures; a thrown error (database) is retried with backoff.
 */
export const sourceFetchTask = defineTask<{ id: string }, ListenJobContext>({
  name: 'source-fetch',
  payload: z.object({ id: z.uuid() }).strict(),
  // With the singleton key source-fetch:<id>: one source is never queued or fetched twice at once.
  policy: 'exclusive',
  retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 },
  expireInSeconds: 300,
  async handle({ id }, ctx, job) {
    const fetcher = ingestFetcher({ allowPrivateNetworks: ctx.config.allowPrivateNetworks, clock: ctx.clock });
    // Read (or created) only when a source holds a secret.
    const secretKey = () => secretKeyOf(ctx.config);
    const r = await ingestSource({ db: ctx.database.db, clock: ctx.clock, fetcher, logger: ctx.logger, signal: job.signal, secretKey }, id);
    ctx.logger.debug('source-fetch.done', { source: id, outcome: r.outcome });
    // New mentions: evaluate the workspace's alerts now rather than at the next five-minute tick.
    // Best effort: the mentions are committed, and the tick evaluates them anyway.
    if (r.outcome === 'stored' && r.stored > 0) {
      await job
        .send('alerts-evaluate', { workspaceId: r.workspaceId }, { singletonKey: `alerts-evaluate:${r.workspaceId}` })
        .catch((e: unknown) => ctx.logger.warn('source-fetch.alerts-not-queued', { source: id, message: (e as Error).message }));
    }
  },
});

/** Every minute: enqueue the due sources, one job per source at a time. */
export const scheduleSourcesTask = defineTask<Record<string, never>, ListenJobContext>({
  name: 'source-schedule',
  payload: z.object({}).strict(),
  retry: { limit: 2, delaySeconds: 10, backoff: false },
  expireInSeconds: 120,
  schedule: { cron: '* * * * *', payload: {} },
  async handle(_payload, ctx, job) {
    const n = await scheduleDueSources(ctx.database.db, ctx.clock, (sourceId, opts) => job.send(sourceFetchTask.name, { id: sourceId }, opts));
    if (n > 0) ctx.logger.info('source-schedule.enqueued', { sources: n });
  },
});
