import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { SourceFetchState } from '../../core/source-fetch.ts';
import type { Db } from '../../storage/db.ts';
import { findSourceById, saveFetchFailure, saveFetchSuccess } from '../../storage/source-fetch.repo.ts';
import type { Fetcher } from '../../sources/http/safe-fetch.ts';
import { SourceError, type SourceState } from '../../sources/source.ts';
import { renderProblem } from '../../core/messages.ts';
import { storedFailure } from '../sources/failures.ts';
import { connectorFor } from './connectors.ts';
import { SealError } from '../secrets/seal.ts';
import { hasSealedSecret, openConfig } from '../secrets/source-config.ts';
import { storeDrafts, type StoreReport } from './store-drafts.ts';
import { blueskyAuthorsOf } from './bluesky-authors.ts';
import { saveHandleHints } from '../../storage/bluesky-identities.repo.ts';

/**
 * Ingest one source (ADR 0060): load it and its state → fetch through the connector and the
 * SSRF-safe fetcher → store the drafts (dedup, analysis, batches) → save the new state and
 * health in the transaction of the last batch.
 *
 * At-least-once with idempotent writes: a crash before that transaction leaves the old
 * ETag/cursor, so the next run fetches the same items again, and the items already stored are
 * skipped. Source failures are recorded as health (never thrown); what is thrown is a failure
 * of relais itself (database), for the job queue to retry.
 */
export const parseErrorsBeforeDisable = 3;
const maxBackoffSeconds = 24 * 3600;

export interface IngestDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly fetcher: Fetcher;
  readonly logger?: Logger;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** Opens the sealed secrets of connected accounts (ADR 0120); sources without secrets do not need it. */
  readonly secretKey?: () => Buffer;
  /** After each committed batch: items handled so far, of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type IngestOutcome =
  | ({ readonly outcome: 'stored'; readonly workspaceId: string; readonly fetched: number } & StoreReport)
  | { readonly outcome: 'not-modified' }
  | { readonly outcome: 'failed'; readonly error: string; readonly disabled: boolean; readonly retryAfterSeconds?: number }
  | { readonly outcome: 'skipped'; readonly reason: string };

const toSourceState = (s: SourceFetchState): SourceState => ({
  ...(s.etag ? { etag: s.etag } : {}),
  ...(s.lastModified ? { lastModified: s.lastModified } : {}),
  ...(s.cursor ? { cursor: s.cursor } : {}),
});
const fromSourceState = (s: SourceState): SourceFetchState => ({ etag: s.etag ?? null, lastModified: s.lastModified ?? null, cursor: s.cursor ?? null });

const later = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);

const openSecrets = (workspaceId: string, config: Readonly<Record<string, unknown>>, keyOf: (() => Buffer) | undefined): Readonly<Record<string, unknown>> => {
  if (!hasSealedSecret(config)) return config;
  if (!keyOf) throw new SourceError('config', 'give-up', 'this source holds a connected account\'s secret but no secret key was given to the worker');
  try {
    return openConfig(keyOf(), workspaceId, config);
  } catch (e) {
    if (e instanceof SealError) throw new SourceError('config', 'reconnect', `the stored secret cannot be opened: ${e.message}; reconnect the account`);
    throw e;
  }
};

export const ingestSource = async (deps: IngestDeps, sourceId: string): Promise<IngestOutcome> => {
  const { db, clock } = deps;
  const source = await findSourceById(db, sourceId);
  if (!source) return { outcome: 'skipped', reason: 'no such source (deleted?)' };
  if (source.status !== 'active') return { outcome: 'skipped', reason: `source is ${source.status}` };
  const connector = connectorFor(source.kind);
  if (!connector) return { outcome: 'skipped', reason: `no connector for ${source.kind} sources yet` };

  const started = clock.now();
  let result;
  try {
    const config = openSecrets(source.workspaceId, source.config, deps.secretKey);
    result = await connector.fetch({ url: source.url, config }, toSourceState(source.state), {
      signal: deps.signal ?? new AbortController().signal,
      clock,
      fetcher: deps.fetcher,
    });
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    const backoff = Math.min(source.fetchIntervalSeconds * 2 ** Math.min(source.errorCount, 10), maxBackoffSeconds);
    const wait = Math.max(backoff, e.retryAfterSeconds ?? 0);
    // Kept in English as the connector says it, and as a message key for the reader (ADR 0250).
    const error = storedFailure(e, source.url ?? source.name);
    const saved = await saveFetchFailure(db, source.id, {
      error,
      at: started,
      nextFetchAt: later(started, wait),
      // A refused token waits for a person: the source stops until it is reconnected (PATCH with a new secret, then resume).
      ...(e.action === 'disable' || e.action === 'reconnect' ? { disable: error } : {}),
      ...(e.code === 'parse'
        ? {
            disableAfter: parseErrorsBeforeDisable,
            disableReason: {
              text: `disabled after ${parseErrorsBeforeDisable} failed fetches in a row ending with a parse error: ${e.message}`,
              problem: {
                key: 'source.disabled-after-parse-errors',
                params: {
                  count: parseErrorsBeforeDisable,
                  reason: error.problem ? { fr: renderProblem(error.problem, 'fr'), en: renderProblem(error.problem, 'en') } : e.message,
                },
              },
            },
          }
        : {}),
    });
    deps.logger?.warn('ingest.failed', { source: source.id, code: e.code, action: e.action, message: e.message, errors: saved.errorCount });
    return {
      outcome: 'failed',
      error: e.message,
      disabled: saved.status === 'disabled',
      ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    };
  }
  const now = clock.now();
  const next = later(now, Math.max(source.fetchIntervalSeconds, result.retryAfter ?? 0));
  const state = fromSourceState(result.state);
  if (result.notModified) {
    await saveFetchSuccess(db, source.id, { state, at: now, nextFetchAt: next });
    return { outcome: 'not-modified' };
  }
  // Bluesky authors are DIDs: matched on their handles too, which go to the resolver as hints (ADR 0280).
  const authors = await blueskyAuthorsOf(db, result.items);
  const report = await storeDrafts(result.items, {
    db,
    clock,
    workspaceId: source.workspaceId,
    sourceId: source.id,
    authorAliases: authors.aliases,
    ...(deps.batchSize !== undefined ? { batchSize: deps.batchSize } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    // With the state: a run that saved its cursor has saved its hints.
    withLastBatch: async (tx) => {
      await saveFetchSuccess(tx, source.id, { state, at: now, nextFetchAt: next });
      await saveHandleHints(tx, authors.hints, now);
    },
    // The source's state commits with the last batch: a lost commit is fetched again (ADR 0300).
    replayable: true,
  });
  deps.logger?.info('ingest.stored', { source: source.id, fetched: result.items.length, stored: report.stored, nearDuplicates: report.nearDuplicates });
  return { outcome: 'stored', workspaceId: source.workspaceId, fetched: result.items.length, ...report };
};
