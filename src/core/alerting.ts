/**
 * Stored alerts, the watch list, alert settings and webhooks: the domain shapes
 * the repositories return. Detection itself lives in analysis/alerts.
 */
import type { Network } from './mention.ts';
import type { Problem } from './messages.ts';

export const alertKinds = ['volume-spike', 'negative-spike', 'watched-author', 'reply-overdue'] as const;
export type StoredAlertKind = (typeof alertKinds)[number];
export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type StoredAlertSeverity = (typeof alertSeverities)[number];
export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** What an alert shows: the message key and parameters, and the sentence in both languages. */
export interface AlertEvidence {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: { readonly fr: string; readonly en: string };
}

export interface StoredAlert {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: StoredAlertKind;
  readonly subject: string;
  readonly episodeKey: string;
  readonly severity: StoredAlertSeverity;
  readonly status: AlertStatus;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly peakAt: Date;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly evidence: AlertEvidence;
  readonly statusChangedAt: Date | null;
}

export const watchPriorities = ['normal', 'high'] as const;
export type WatchPriority = (typeof watchPriorities)[number];

export interface WatchedAuthorEntry {
  readonly id: string;
  readonly workspaceId: string;
  readonly network: Network;
  readonly handle: string;
  readonly role: string;
  readonly priority: WatchPriority;
  readonly createdAt: Date;
}

export interface AlertSettings {
  readonly replyTargetHours: number;
  readonly ownHandles: readonly string[];
}

export const defaultAlertSettings: AlertSettings = { replyTargetHours: 24, ownHandles: [] };

/** Events an endpoint can subscribe to; `webhook.test` is sent on demand to any endpoint. */
export const webhookEvents = ['alert.opened', 'alert.acknowledged', 'alert.resolved'] as const;
export type WebhookEvent = (typeof webhookEvents)[number] | 'webhook.test';

export interface WebhookEndpoint {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEvent[];
  readonly active: boolean;
  readonly createdAt: Date;
}

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface WebhookDelivery {
  readonly id: string;
  readonly workspaceId: string;
  readonly endpointId: string;
  readonly event: string;
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  /** The last attempt's error in English, as the HTTP client said it (older rows, the logs). */
  readonly lastError: string | null;
  /** The same error as a message key (ADR 0250), said in the reader's language; null on older rows. */
  readonly lastErrorProblem: Problem | null;
  readonly lastAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}
