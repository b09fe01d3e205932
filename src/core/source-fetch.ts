import type { Problem } from './messages.ts';
import type { Source } from './source.ts';

/**
 * What the ingest pipeline keeps about a source between runs (ADR 0060): the network's
 * validators and cursor, the schedule, and why a source was disabled. The state is written
 * only together with, or after, the mentions it covers, so a crash re-fetches rather than loses.
 */
export interface SourceFetchState {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly cursor: string | null;
}

export interface SourceDetails extends Source {
  readonly state: SourceFetchState;
  /** Seconds between two fetches. */
  readonly fetchIntervalSeconds: number;
  /** When the scheduler fetches next; null: as soon as possible. */
  readonly nextFetchAt: Date | null;
  readonly disabledReason: string | null;
  /** The reason as a message key (ADR 0250), when it has one. */
  readonly disabledReasonProblem: Problem | null;
}

export const minFetchIntervalSeconds = 60;
export const maxFetchIntervalSeconds = 7 * 24 * 3600;
export const defaultFetchIntervalSeconds = 900;

/** Items stored per UTC day, oldest first, zero days included. */
export interface DailyCount {
  readonly day: string;
  readonly count: number;
}
