import type { WatchedAuthorEntry, WebhookDelivery, WebhookEndpoint } from '../core/alerting.ts';
import type { WatchedAuthorView, WebhookDeliveryView, WebhookEndpointView } from '../core/api/alerts.ts';
import type { TrendsView } from '../core/api/trends.ts';
import { renderReason } from '../core/messages.ts';
import type { Locale } from '../core/user.ts';
import type { WorkspaceTrends } from '../app/trends.ts';

export const watchedView = (w: WatchedAuthorEntry): WatchedAuthorView => ({
  id: w.id,
  network: w.network,
  handle: w.handle,
  role: w.role,
  priority: w.priority,
  createdAt: w.createdAt.toISOString(),
});

export const endpointView = (e: WebhookEndpoint): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: [...e.events],
  active: e.active,
  createdAt: e.createdAt.toISOString(),
});

/** A delivery, its last error said in `locale` when it was stored with a key (ADR 0250). */
export const deliveryView = (d: WebhookDelivery, locale: Locale): WebhookDeliveryView => ({
  id: d.id,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError === null ? null : renderReason({ text: d.lastError, problem: d.lastErrorProblem }, locale),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

export const trendsView = (t: WorkspaceTrends): TrendsView => ({
  queryId: t.queryId,
  window: t.window,
  from: t.from.toISOString(),
  to: t.to.toISOString(),
  baselineDays: t.baselineDays,
  scanned: t.scanned,
  truncated: t.truncated,
  trends: t.trends.map((x) => ({ ...x, who: [...x.who], sites: [...x.sites] })),
  summary: {
    mentions: t.summary.mentions,
    authors: t.summary.authors,
    who: [...t.summary.who],
    what: [...t.summary.what],
    when: { bucket: t.summary.when.bucket, buckets: t.summary.when.buckets.map((b) => ({ start: new Date(b.start).toISOString(), mentions: b.mentions, negative: b.negative })) },
    where: { networks: [...t.summary.where.networks], sites: [...t.summary.where.sites] },
    sentiment: { ...t.summary.sentiment },
  },
});
