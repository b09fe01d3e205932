/**
 * One attempt of one webhook delivery (ADR 0161). Called by the `webhook-deliver` job, which
 * retries with backoff while this answers `retry`. At-least-once: a receiver may get the same
 * delivery twice (a crash after its 2xx and before we record it), so every body carries the
 * delivery id for the receiver to deduplicate. Outbound through the SSRF-safe client: the
 * receiver's address is checked after DNS, private ones refused unless the operator allows them.
 */
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { FetchError, type Fetcher } from '../../sources/http/safe-fetch.ts';
import { findDeliveryForJob, findEndpointSecret, recordDeliveryAttempt } from '../../storage/webhooks.repo.ts';
import { reasonOf } from '../../core/messages.ts';
import { storedFailure } from '../sources/failures.ts';
import { signatureValue } from './signature.ts';

export const webhookUserAgent = 'relais-webhooks/1 (+docs/webhooks.md)';
/** Attempts in all, the first included; the job's retry limit is this minus one. */
export const maxDeliveryAttempts = 6;

export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

export const deliverWebhook = async (
  deps: { db: Db; fetcher: Fetcher; clock: Clock; signal?: AbortSignal },
  deliveryId: string,
  o: { maxAttempts?: number } = {},
): Promise<{ outcome: DeliveryOutcome; error?: string }> => {
  const { db, clock } = deps;
  const maxAttempts = o.maxAttempts ?? maxDeliveryAttempts;
  const delivery = await findDeliveryForJob(db, deliveryId);
  // Done already (a redelivered job), or given up: nothing to do.
  if (!delivery || delivery.status !== 'pending') return { outcome: 'skipped' };
  const found = await findEndpointSecret(db, delivery.workspaceId, delivery.endpointId);
  if (!found || (!found.endpoint.active && delivery.event !== 'webhook.test')) {
    await recordDeliveryAttempt(db, delivery.workspaceId, delivery.id, { status: 'failed', statusCode: null, error: reasonOf({ key: 'webhook.endpoint-gone' }), at: clock.now() });
    return { outcome: 'skipped' };
  }
  const at = clock.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  try {
    const r = await deps.fetcher({
      url: found.endpoint.url,
      method: 'POST',
      body: delivery.body,
      accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
      headers: {
        'content-type': 'application/json',
        'user-agent': webhookUserAgent,
        'x-relais-event': delivery.event,
        'x-relais-delivery': delivery.id,
        'x-relais-signature': signatureValue(found.secret, timestamp, delivery.body),
      },
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    await recordDeliveryAttempt(db, delivery.workspaceId, delivery.id, { status: 'succeeded', statusCode: r.kind === 'ok' ? r.status : 304, error: null, at });
    return { outcome: 'succeeded' };
  } catch (e) {
    const fe = e instanceof FetchError ? e : null;
    const message = (e as Error).message.slice(0, 500);
    // Blocked addresses and bad URLs will not heal by waiting; everything else may.
    const permanent = fe !== null && (fe.code === 'blocked-address' || fe.code === 'bad-url');
    const last = delivery.attempts + 1 >= maxAttempts;
    const status = permanent || last ? 'failed' : 'pending';
    // Said as the API says a fetch's failure, in the reader's language (ADR 0250); the English stays for the logs.
    const error = fe ? storedFailure(fe, found.endpoint.url) : reasonOf({ key: 'webhook.delivery-error', params: { detail: message } });
    await recordDeliveryAttempt(db, delivery.workspaceId, delivery.id, { status, statusCode: fe?.status ?? null, error, at });
    return { outcome: status === 'failed' ? 'failed' : 'retry', error: message };
  }
};
