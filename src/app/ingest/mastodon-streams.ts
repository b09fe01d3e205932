import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { SourceDetails } from '../../core/source-fetch.ts';
import type { Database } from '../../storage/db.ts';
import { tryAcquireSingleton } from '../../storage/singleton-lock.ts';
import { deleteMentionsByExternalId } from '../../storage/mention-ingest.repo.ts';
import { listActiveSourcesOfKind, markSourceDue } from '../../storage/source-fetch.repo.ts';
import { openEventStream, type StreamEvent } from '../../sources/http/event-stream.ts';
import { FetchError } from '../../sources/http/safe-fetch.ts';
import { mastodonConfigFromStored } from '../../sources/mastodon/connector-config.ts';
import type { MastodonSourceConfig } from '../../sources/mastodon/mastodon.source.ts';
import { streamEventToItem, streamUrls } from '../../sources/mastodon/streaming.ts';
import { hasSealedSecret, openConfig } from '../secrets/source-config.ts';
import { storeDrafts } from './store-drafts.ts';
import { pause as sleep } from '../../sources/pause.ts';
import { unresolvable } from './schedule.ts';

/**
 * Mastodon streaming in the worker (ADR 0123). A supervisor keeps the Server-Sent Events
 * streams of the active Mastodon sources that have one open (each tag of a hashtag source, a
 * connected account's notifications), and closes them when the source is paused, changed or
 * deleted.
 *
 * One supervisor per deployment (ADR 0111's election): every worker process starts it, but it
 * opens streams only while it holds the `mastodon-streams` singleton (a PostgreSQL advisory
 * lock; always granted on PGlite). The others try again every `electionMs`, so one takes over
 * within that period when the holder dies; a lost lock closes every stream at once.
 *
 * Contract with polling: the stream brings statuses within seconds, through the same
 * normalisation and `storeDrafts` as polled ones (deduplicated on the status URI, so a status
 * seen by both is stored once). The stream never moves the polling cursor: a stream can miss
 * events (a dropped connection, a restart) and the cursor must only cover what polling read.
 * Each time a stream (re)connects, its source is made due, so a poll fills the gap from the
 * cursor at once; polling also keeps its schedule, the safety net while streaming is down.
 *
 * Reconnection: exponential backoff with jitter (1 s doubling to 60 s, reset after a connection
 * that lasted a minute), at least Retry-After on 429/503. A server without the streaming API
 * (404, 401/403 for a public stream, not an event stream), or one that failed 8 connections in a
 * row, is left alone for an hour: polling alone serves that source meanwhile.
 */

export type OpenStream = (o: { url: string; authorization?: string; signal: AbortSignal }) => Promise<AsyncIterable<StreamEvent>>;

export const MASTODON_STREAMS = 'mastodon-streams';

export interface MastodonStreamsDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly open: OpenStream;
  readonly logger?: Logger;
  readonly secretKey?: () => Buffer;
  /** How often the list of sources is read again. */
  readonly refreshMs?: number;
  /** How often a process without the singleton tries again (default 15 s). */
  readonly electionMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** How long a server without streaming is left to polling alone. */
  readonly unavailableMs?: number;
  /** Random in [0, 1): injected in tests. */
  readonly random?: () => number;
}

export interface StreamState {
  readonly sourceId: string;
  readonly url: string;
  connected: boolean;
  connects: number;
  stored: number;
  deleted: number;
  lastError?: string;
}

export interface MastodonStreams {
  /** Reads the sources now (the supervisor also does it every `refreshMs`); nothing opens unless this process leads. */
  refresh(): Promise<void>;
  /** Whether this process holds the deployment's singleton and so runs the streams. */
  leader(): boolean;
  /** The open streams of each source (one per tag of a hashtag source), by source id. */
  readonly streams: ReadonlyMap<string, readonly StreamState[]>;
  stop(): Promise<void>;
}


/** Connections that failed in a row (a server that does not resolve, refuses, times out) before the stream rests like an unavailable one. */
const failuresBeforeResting = 8;

/** How many status ids → URIs a stream remembers, to honour `delete` events. */
const rememberedIds = 5_000;

export const startMastodonStreams = (deps: MastodonStreamsDeps): MastodonStreams => {
  const db = deps.database.db;
  const refreshMs = deps.refreshMs ?? 30_000;
  const electionMs = deps.electionMs ?? 15_000;
  const initialMs = deps.backoff?.initialMs ?? 1_000;
  const maxMs = deps.backoff?.maxMs ?? 60_000;
  const unavailableMs = deps.unavailableMs ?? 3_600_000;
  const random = deps.random ?? Math.random;
  const stopping = new AbortController();
  /** One runner per source: its streams (one per URL) share an abort and the ids seen. */
  const runners = new Map<string, { key: string; abort: AbortController; done: Promise<void> }>();
  const streams = new Map<string, StreamState[]>();
  /** The lease's `lost` signal while this process leads; undefined otherwise. */
  let leading: AbortSignal | undefined;

  const configOf = (s: SourceDetails): MastodonSourceConfig | undefined => {
    let stored = s.config;
    if (hasSealedSecret(stored)) {
      if (!deps.secretKey) return undefined;
      try {
        stored = openConfig(deps.secretKey(), s.workspaceId, stored);
      } catch {
        return undefined; // polling reports the unopenable secret in the source's health
      }
    }
    const c = mastodonConfigFromStored(s.url, stored);
    return typeof c === 'string' ? undefined : c;
  };

  const run = async (s: SourceDetails, config: MastodonSourceConfig, url: string, seen: Map<string, string>, signal: AbortSignal): Promise<void> => {
    const state: StreamState = { sourceId: s.id, url, connected: false, connects: 0, stored: 0, deleted: 0 };
    streams.set(s.id, [...(streams.get(s.id) ?? []), state]);
    const serverHost = new URL(config.server).host;
    let attempt = 0;
    let failures = 0;
    while (!signal.aborted) {
      let wait: number;
      const openedAt = deps.clock.now().getTime();
      try {
        const events = await deps.open({ url, ...(config.accessToken ? { authorization: `Bearer ${config.accessToken}` } : {}), signal });
        state.connected = true;
        state.connects++;
        deps.logger?.info('stream.connected', { source: s.id, url });
        // Whatever was said while no stream was open is read by a poll from the cursor, now.
        await markSourceDue(db, s.workspaceId, s.id);
        for await (const e of events) {
          const item = streamEventToItem(e, config, serverHost);
          if (item.kind === 'items' && item.drafts.length > 0) {
            const report = await storeDrafts(item.drafts, { db, clock: deps.clock, workspaceId: s.workspaceId, sourceId: s.id });
            state.stored += report.stored;
            item.drafts.forEach((d, i) => {
              const id = item.ids[i];
              if (id && config.mode === 'hashtag') seen.set(id, d.externalId);
            });
            while (seen.size > rememberedIds) seen.delete(seen.keys().next().value as string);
          } else if (item.kind === 'delete') {
            const uri = seen.get(item.id);
            if (uri) state.deleted += await deleteMentionsByExternalId(db, s.workspaceId, 'mastodon', [uri]);
          }
        }
        delete state.lastError;
        failures = 0;
        const lasted = deps.clock.now().getTime() - openedAt;
        attempt = lasted >= 60_000 ? 0 : attempt + 1;
        wait = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 16));
      } catch (e) {
        if (signal.aborted) break;
        const message = e instanceof Error ? e.message : String(e);
        state.lastError = message;
        failures++;
        if ((e instanceof FetchError && e.action !== 'retry') || failures >= failuresBeforeResting) {
          failures = 0;
          deps.logger?.warn('stream.unavailable', { source: s.id, url, message, pollingOnly: true });
          wait = unavailableMs;
        } else {
          attempt++;
          wait = Math.max(Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 16)), ((e as FetchError).retryAfterSeconds ?? 0) * 1000);
          deps.logger?.warn('stream.dropped', { source: s.id, url, message, retryInMs: wait });
        }
      }
      state.connected = false;
      // Jitter: many sources on one server do not reconnect in step.
      await sleep(Math.round(wait * (0.75 + random() * 0.5)), signal);
    }
    state.connected = false;
  };

  const closeAll = async (): Promise<void> => {
    for (const r of runners.values()) r.abort.abort();
    await Promise.all([...runners.values()].map((r) => r.done));
    runners.clear();
    streams.clear();
  };

  const refreshOnce = async (): Promise<void> => {
    const lost = leading;
    if (stopping.signal.aborted || !lost || lost.aborted) return;
    const sources = await listActiveSourcesOfKind(db, 'mastodon');
    const wanted = new Map<string, { s: SourceDetails; config: MastodonSourceConfig; urls: string[]; key: string }>();
    for (const s of sources) {
      const config = configOf(s);
      // A reserved name (RFC 6761, the demo's servers) never resolves: nothing to stream.
      const urls = config ? streamUrls(config).filter((u) => !unresolvable(new URL(u).host)) : [];
      if (!config || urls.length === 0) continue;
      wanted.set(s.id, { s, config, urls, key: `${urls.join(' ')}\u0000${config.accessToken ?? ''}\u0000${(config.types ?? []).join(',')}` });
    }
    for (const [id, r] of runners) {
      if (wanted.get(id)?.key === r.key) continue;
      r.abort.abort();
      await r.done;
      runners.delete(id);
      streams.delete(id);
    }
    for (const [id, w] of wanted) {
      if (runners.has(id)) continue;
      const abort = new AbortController();
      const signal = AbortSignal.any([abort.signal, stopping.signal, lost]);
      const seen = new Map<string, string>();
      const done = Promise.all(
        w.urls.map((url) => run(w.s, w.config, url, seen, signal).catch((e: unknown) => deps.logger?.error('stream.failed', { source: id, url, message: e instanceof Error ? e.message : String(e) }))),
      ).then(() => undefined);
      runners.set(id, { key: w.key, abort, done });
    }
  };

  // One refresh at a time: the timer's and a caller's never interleave.
  let chain: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> => (chain = chain.then(refreshOnce, refreshOnce));

  /** One term as the deployment's supervisor: until stop or the lock is lost. */
  const lead = async (lost: AbortSignal): Promise<void> => {
    const ended = AbortSignal.any([stopping.signal, lost]);
    while (!ended.aborted) {
      try {
        await refresh();
      } catch (e) {
        deps.logger?.error('stream.refresh-failed', { message: e instanceof Error ? e.message : String(e) });
      }
      await sleep(refreshMs, ended);
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let lease;
      try {
        lease = await tryAcquireSingleton(deps.database, MASTODON_STREAMS);
      } catch (e) {
        deps.logger?.warn('stream.election-failed', { message: e instanceof Error ? e.message : String(e) });
      }
      if (!lease) {
        await sleep(electionMs, stopping.signal);
        continue;
      }
      leading = lease.lost;
      deps.logger?.info('stream.lead', {});
      try {
        await lead(lease.lost);
      } finally {
        leading = undefined;
        // Streams close before the lock goes, so two supervisors never stream at once.
        await chain.catch(() => {});
        await closeAll();
        await lease.release();
      }
      if (!stopping.signal.aborted) deps.logger?.warn('stream.lock-lost', {});
    }
  })();

  return {
    refresh,
    leader: () => leading !== undefined && !leading.aborted,
    streams,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
};

/** The process's stream opener: Server-Sent Events through the SSRF guard (sources/http/event-stream.ts). */
export const mastodonStreamOpener =
  (opts: { allowPrivateNetworks: boolean }): OpenStream =>
  (o) =>
    openEventStream({ ...o, allowPrivateNetworks: opts.allowPrivateNetworks });
