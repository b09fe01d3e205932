import type { Network } from './mention.ts';
import type { Problem } from './messages.ts';

/** A configured place relais listens to. `kind` is the network its mentions carry. */
export type SourceKind = Network;

export const sourceStatuses = ['active', 'paused', 'disabled'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

export interface Source {
  readonly id: string;
  readonly workspaceId: string;
  readonly kind: SourceKind;
  readonly name: string;
  readonly url: string | null;
  /** Connector-specific settings (hashtag, account, search terms…), validated by the connector. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly status: SourceStatus;
  readonly lastSuccessAt: Date | null;
  /** The last error in English, as it was written (older rows, the logs). */
  readonly lastError: string | null;
  /** The last error as a message key, said in the reader's language (ADR 0250); null on older rows and errors without one. */
  readonly lastErrorProblem: Problem | null;
  readonly lastErrorAt: Date | null;
  /** Consecutive failures since the last success. */
  readonly errorCount: number;
  readonly createdAt: Date;
}
