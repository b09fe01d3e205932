import { startBlueskyFirehose } from '../app/ingest/bluesky-firehose.ts';
import { blueskyIdentityResolver, startElectedIdentityQueue } from '../app/ingest/bluesky-identities.ts';
import { mastodonStreamOpener, startMastodonStreams } from '../app/ingest/mastodon-streams.ts';
import { secretKeyOf } from '../config/secret-key.ts';
import type { JobContext } from './tasks.ts';

/**
 * The long-running stream consumers that live beside the job queue in every worker process
 * (`relais worker`, and `relais serve` when it runs the worker): the Bluesky firehose, which
 * elects itself (ADR 0111), so starting one in every process is safe: only one per deployment
 * consumes (with the firehose off, its identity queue alone, elected the same way: ADR 0280); and the Mastodon streams of the sources that have one (ADR 0123), elected the same
 * way. Stopped before the queue.
 */
export interface StreamConsumers {
  stop(): Promise<void>;
}

export const startStreamConsumers = (ctx: JobContext): StreamConsumers => {
  const runners: { stop(): Promise<void> }[] = [];
  const url = ctx.config.blueskyJetstreamUrl;
  const identities = blueskyIdentityResolver({ plcUrl: ctx.config.blueskyPlcUrl, allowPrivateNetworks: ctx.config.allowPrivateNetworks });
  if (url) runners.push(startBlueskyFirehose({ database: ctx.database, clock: ctx.clock, logger: ctx.logger, url, identities }));
  else {
    ctx.logger.info('firehose.off', { reason: 'RELAIS_BLUESKY_JETSTREAM_URL=off' });
    // Search, notifications and imports still hint at authors' handles to check (ADR 0280).
    runners.push(startElectedIdentityQueue({ database: ctx.database, clock: ctx.clock, logger: ctx.logger, ...identities }));
  }
  const { database, clock, logger, config } = ctx;
  runners.push(
    startMastodonStreams({
      database,
      clock,
      logger,
      secretKey: () => secretKeyOf(config),
      open: mastodonStreamOpener({ allowPrivateNetworks: config.allowPrivateNetworks }),
    }),
  );
  return {
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
};
