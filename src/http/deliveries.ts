import { deliverWebhook } from '../app/webhooks/deliver.ts';
import { webhookFetcher } from '../app/webhooks/fetcher.ts';
import type { HttpDeps } from './context.ts';

/**
 * Deliveries go to the job queue when this process has one; without one (tests, a CLI) each is
 * attempted once now, and a failure stays in the log as pending.
 */
export const dispatchDeliveries = async (deps: HttpDeps, ids: readonly string[]): Promise<boolean> => {
  if (ids.length === 0) return false;
  const jobs = deps.jobs;
  if (jobs) {
    for (const id of ids) await jobs.send('webhook-deliver', { id });
    return true;
  }
  const fetcher = webhookFetcher({ allowPrivateNetworks: deps.config.allowPrivateNetworks, clock: deps.clock });
  for (const id of ids) await deliverWebhook({ db: deps.database.db, fetcher, clock: deps.clock }, id);
  return false;
};
