import { z } from 'zod';
import { alertKinds, alertSeverities, alertStatuses, deliveryStatuses, watchPriorities, webhookEvents, type StoredAlert } from '../alerting.ts';
import { networks } from '../mention.ts';
import { isoDateSchema, itemsOf } from './common.ts';

// --- alerts --------------------------------------------------------------------------------

export const alertViewSchema = z.object({
  id: z.string(),
  kind: z.enum(alertKinds),
  /** A query id, a watched handle, or `inbox`. */
  subject: z.string(),
  severity: z.enum(alertSeverities),
  status: z.enum(alertStatuses),
  startedAt: isoDateSchema,
  /** Null while the episode is going on. */
  endedAt: isoDateSchema.nullable(),
  peakAt: isoDateSchema,
  firstSeenAt: isoDateSchema,
  lastSeenAt: isoDateSchema,
  /** The evidence in words, in both languages, and the figures behind it. */
  message: z.object({ fr: z.string(), en: z.string() }),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type AlertView = z.infer<typeof alertViewSchema>;

/** The one mapping from a stored alert to what the API and webhooks show. */
export const alertViewOf = (a: StoredAlert): AlertView => ({
  id: a.id,
  kind: a.kind,
  subject: a.subject,
  severity: a.severity,
  status: a.status,
  startedAt: a.startedAt.toISOString(),
  endedAt: a.endedAt?.toISOString() ?? null,
  peakAt: a.peakAt.toISOString(),
  firstSeenAt: a.firstSeenAt.toISOString(),
  lastSeenAt: a.lastSeenAt.toISOString(),
  message: { fr: a.evidence.text.fr, en: a.evidence.text.en },
  params: { ...a.evidence.params },
});

export const alertsQuerySchema = z.strictObject({
  status: z.enum(alertStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const alertsResponseSchema = z.object({ items: z.array(alertViewSchema), open: z.number().int() });
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;
export const alertParams = z.object({ workspaceId: z.string(), alertId: z.string() });
export const alertStatusBodySchema = z.strictObject({ status: z.enum(alertStatuses) });

// --- watch list and settings ---------------------------------------------------------------

const handleSchema = z.string().trim().min(1).max(320);

export const watchedAuthorViewSchema = z.object({
  id: z.string(),
  network: z.enum(networks),
  handle: z.string(),
  role: z.string(),
  priority: z.enum(watchPriorities),
  createdAt: isoDateSchema,
});
export type WatchedAuthorView = z.infer<typeof watchedAuthorViewSchema>;
export const watchListResponseSchema = itemsOf(watchedAuthorViewSchema);
export const createWatchedBodySchema = z.strictObject({
  network: z.enum(networks),
  handle: handleSchema,
  role: z.string().trim().max(60).optional(),
  priority: z.enum(watchPriorities).optional(),
});
export type CreateWatchedBody = z.infer<typeof createWatchedBodySchema>;
export const updateWatchedBodySchema = z.strictObject({ role: z.string().trim().max(60).optional(), priority: z.enum(watchPriorities).optional() });
export const watchedParams = z.object({ workspaceId: z.string(), watchedId: z.string() });

export const alertSettingsSchema = z.strictObject({
  /** Hours after which a mention that needs an answer is overdue. */
  replyTargetHours: z.number().int().min(1).max(24 * 14),
  /** The brand's own accounts: their replies answer a mention. */
  ownHandles: z.array(handleSchema).max(50),
});
export type AlertSettingsView = z.infer<typeof alertSettingsSchema>;

// --- webhooks ------------------------------------------------------------------------------

export const webhookEventSchema = z.enum(webhookEvents);

export const webhookEndpointViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: isoDateSchema,
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;
export const webhookEndpointsResponseSchema = itemsOf(webhookEndpointViewSchema);
export const createdWebhookSchema = webhookEndpointViewSchema.extend({
  /** The signing secret, shown only in this answer. */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;
export const createWebhookBodySchema = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  description: z.string().trim().max(200).optional(),
  events: z.array(webhookEventSchema).min(1).max(webhookEvents.length),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;
export const updateWebhookBodySchema = z.strictObject({
  url: z.string().trim().min(1).max(2000).optional(),
  description: z.string().trim().max(200).optional(),
  events: z.array(webhookEventSchema).min(1).max(webhookEvents.length).optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;
export const webhookParams = z.object({ workspaceId: z.string(), webhookId: z.string() });

export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable().describe('The error of the last attempt, said in the language of the request (ADR 0250)'),
  lastAttemptAt: isoDateSchema.nullable(),
  deliveredAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;
export const webhookDeliveriesResponseSchema = itemsOf(webhookDeliveryViewSchema);
export const testWebhookResponseSchema = z.object({ deliveryId: z.string(), queued: z.boolean(), delivery: webhookDeliveryViewSchema.nullable() });
