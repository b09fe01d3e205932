import { startBlueskyFirehose, type FirehoseRunner } from '../app/ingest/bluesky-firehose.ts';
import type { JobContext } from './tasks.ts';

/**
 * The long-running stream consumers that live beside the job queue in every worker process
 * (`relais worker`, and `relais serve` when it runs the worker). Each elects itself (ADR 0111),
 * so starting one in every process is safe: only one per deployment consumes.
 */
export interface StreamConsumers {
  stop(): Promise<void>;
}

export const startStreamConsumers = (ctx: JobContext): StreamConsumers => {
  const runners: FirehoseRunner[] = [];
  const url = ctx.config.blueskyJetstreamUrl;
  if (url) runners.push(startBlueskyFirehose({ database: ctx.database, clock: ctx.clock, logger: ctx.logger, url }));
  else ctx.logger.info('firehose.off', { reason: 'RELAIS_BLUESKY_JETSTREAM_URL=off' });
  return {
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
};
