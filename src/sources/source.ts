import type { Clock } from '../core/clock.ts';
import type { MentionDraft, Network } from '../core/mention.ts';
import type { FetchAction, Fetcher } from './http/safe-fetch.ts';

/**
 * A Source reads one network and normalises what it reads into MentionDrafts. It never sees
 * storage types: the ingest use case keeps `SourceState` between runs and passes it back.
 * Every connector (feeds, Mastodon, Bluesky, Hacker News, Reddit) implements this and runs the
 * shared contract suite in sources/testing/contract.ts.
 */

/** What a source remembers between runs: HTTP validators and a network-specific cursor. */
export interface SourceState {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly cursor?: string;
}

export interface SourceContext {
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** The SSRF-safe client (http/safe-fetch.ts); sources make no other network calls. */
  readonly fetcher: Fetcher;
}

export interface SourceResult {
  /** Normalised items, in the order the network gave them. Empty when not modified. */
  readonly items: readonly MentionDraft[];
  /** The state to pass to the next run. */
  readonly state: SourceState;
  /** The network said nothing changed since `state` (HTTP 304 or an unchanged cursor). */
  readonly notModified: boolean;
  /** Seconds the network asked us to wait before the next run, if it said so. */
  readonly retryAfter?: number;
}

export interface Source<Config> {
  readonly network: Network;
  fetch(config: Config, state: SourceState, ctx: SourceContext): Promise<SourceResult>;
}

export type SourceErrorCode = 'fetch' | 'parse' | 'config';

/**
 * Every failure of a source, with what the scheduler should do: retry later (after
 * `retryAfterSeconds` when given), reconnect (credentials), give up on this run, or disable
 * the source (the resource is gone).
 */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly action: FetchAction;
  readonly retryAfterSeconds?: number;
  /** `cause`: the FetchError behind a fetch failure, so that the app can say it in the user's words. */
  constructor(code: SourceErrorCode, action: FetchAction, message: string, retryAfterSeconds?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SourceError';
    this.code = code;
    this.action = action;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}
