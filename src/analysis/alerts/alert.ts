/**
 * What every detector returns. An alert stands for one episode, not one bucket:
 * its `key` (kind, subject, start) is the same every time the same episode is
 * evaluated again, so storage can upsert by it and webhooks fire once.
 */
export type AlertKind = 'volume-spike' | 'negative-spike' | 'watched-author' | 'reply-overdue';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertMessage {
  /** Message key of the interface catalogue (`alert.<kind>`), rendered by `renderAlert`. */
  readonly key: `alert.${AlertKind}`;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface Alert {
  readonly kind: AlertKind;
  /** Stable identity of the episode: `${kind}:${subject}:${startedAt}`. */
  readonly key: string;
  readonly severity: AlertSeverity;
  /** Epoch ms of the episode's first firing bucket or event. */
  readonly startedAt: number;
  /** Epoch ms when the episode ended, or null while it is still going on. */
  readonly endedAt: number | null;
  /** Epoch ms of its strongest point. */
  readonly peakAt: number;
  /** Evidence in words. */
  readonly message: AlertMessage;
}

export const severityRank: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, critical: 2 };
