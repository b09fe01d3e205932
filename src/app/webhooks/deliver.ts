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
import { reasonOf, renderProblem, type Problem, type StoredReason } from '../../core/messages.ts';
import { fetchFailure } from '../sources/failures.ts';
import { signatureValue } from './signature.ts';

export const webhookUserAgent = 'relais-webhooks/1 (+docs/webhooks.md)';
/** Attempts in all, the first included; the job's retry limit is this minus one. */
export const maxDeliveryAttempts = 6;

/**
 * What went wrong with one attempt, in words that give no advice: the log says next whether relais
 * tries again, so a fetch's "try again later" (said to a person who fetched) would be wrong here.
 */
const causeOf = (fe: FetchError | null, url: string, detail: string): Problem => {
  if (!fe) return { key: 'webhook.delivery-error', params: { detail } };
  const p = fetchFailure(fe, url).problems[0] ?? { key: 'webhook.no-answer', params: { url } };
  if (p.key === 'fetch.network') return { key: 'webhook.no-answer', params: { url } };
  if (p.key === 'fetch.timeout') return { key: 'webhook.too-slow', params: { url } };
  return p;
};

/**
 * A failed attempt as the delivery log keeps it (ADR 0250, 0291): its cause, then what relais
 * does about it; the text beside the key stays the client's English detail, for the logs.
 */
const attemptFailure = (cause: Problem, detail: string, o: { permanent: boolean; attempt: number; maxAttempts: number }): StoredReason => {
  const words = { fr: renderProblem(cause, 'fr'), en: renderProblem(cause, 'en') };
  const problem: Problem = o.permanent
    ? { key: 'webhook.not-retried', params: { cause: words } }
    : o.attempt >= o.maxAttempts
      ? { key: 'webhook.gave-up', params: { cause: words, attempts: o.attempt } }
      : { key: 'webhook.will-retry', params: { cause: words, attempt: o.attempt, attempts: o.maxAttempts } };
  return { text: detail, problem };
};

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
    const attempt = delivery.attempts + 1;
    const status = permanent || attempt >= maxAttempts ? 'failed' : 'pending';
    // Said in the reader's language, with whether relais tries again; the English detail stays for the logs.
    const error = attemptFailure(causeOf(fe, found.endpoint.url, message), message, { permanent, attempt, maxAttempts });
    await recordDeliveryAttempt(db, delivery.workspaceId, delivery.id, { status, statusCode: fe?.status ?? null, error, at });
    return { outcome: status === 'failed' ? 'failed' : 'retry', error: message };
  }
};
