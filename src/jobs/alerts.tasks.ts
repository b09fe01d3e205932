import { z } from 'zod';
import { runAlertEvaluation, workspacesToEvaluate } from '../app/alerts/alerts.ts';
import { deliverWebhook, maxDeliveryAttempts } from '../app/webhooks/deliver.ts';
import { webhookFetcher } from '../app/webhooks/fetcher.ts';
import { defineTask, type RetryPolicy, type TaskDefinition } from './task.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../storage/db.ts';

/** What these handlers need of the job context (tasks.ts's JobContext provides it). */
export interface AlertJobContext {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: { readonly allowPrivateNetworks: boolean };
}

export const alertsEvaluateKey = (workspaceId: string): string => `alerts-evaluate:${workspaceId}`;

/**
 * Evaluates one workspace's alerts and enqueues the webhook deliveries of the episodes it opened.
 * Idempotent: episodes are upserted by key, so a second run opens nothing. At most one run per
 * workspace is queued at a time (singleton key), so an ingest burst does not pile them up.
 */
export const alertsEvaluateTask = defineTask<{ workspaceId: string }, AlertJobContext>({
  name: 'alerts-evaluate',
  payload: z.object({ workspaceId: z.uuid() }).strict(),
  policy: 'exclusive',
  retry: { limit: 3, delaySeconds: 30, backoff: true, maxDelaySeconds: 600 },
  expireInSeconds: 300,
  async handle({ workspaceId }, ctx, job) {
    const run = await runAlertEvaluation(ctx.database.db, workspaceId, ctx.clock.now());
    for (const id of run.deliveries) await job.send(webhookDeliverTask.name, { id });
    if (run.opened > 0) ctx.logger.info('alerts.opened', { workspace: workspaceId, opened: run.opened, deliveries: run.deliveries.length });
  },
});

/** Every five minutes: one evaluation per workspace that has queries. */
export const alertsScheduleTask = defineTask<Record<string, never>, AlertJobContext>({
  name: 'alerts-schedule',
  payload: z.object({}).strict(),
  retry: { limit: 2, delaySeconds: 10, backoff: false },
  expireInSeconds: 120,
  schedule: { cron: '*/5 * * * *', payload: {} },
  async handle(_payload, ctx, job) {
    for (const workspaceId of await workspacesToEvaluate(ctx.database.db)) {
      await job.send(alertsEvaluateTask.name, { workspaceId }, { singletonKey: alertsEvaluateKey(workspaceId) });
    }
  },
});

/**
 * One webhook delivery. A failed attempt throws so the queue retries it with backoff
 * (30 s, 1 min, 2 min… up to an hour, `maxDeliveryAttempts` in all); the attempts and the
 * last error are recorded on the delivery itself, which is what the delivery log shows.
 */
export const makeWebhookDeliverTask = (retry: RetryPolicy): TaskDefinition<{ id: string }, AlertJobContext> =>
  defineTask<{ id: string }, AlertJobContext>({
    name: 'webhook-deliver',
    payload: z.object({ id: z.uuid() }).strict(),
    retry,
    expireInSeconds: 120,
    async handle({ id }, ctx, job) {
      const fetcher = webhookFetcher({ allowPrivateNetworks: ctx.config.allowPrivateNetworks, clock: ctx.clock });
      const r = await deliverWebhook({ db: ctx.database.db, fetcher, clock: ctx.clock, signal: job.signal }, id, { maxAttempts: retry.limit + 1 });
      if (r.outcome === 'retry') throw new Error(`webhook delivery ${id} failed, will retry: ${r.error ?? ''}`);
      if (r.outcome === 'failed') ctx.logger.warn('webhook.failed', { delivery: id, error: r.error });
    },
  });

export const webhookDeliverTask = makeWebhookDeliverTask({ limit: maxDeliveryAttempts - 1, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 });
