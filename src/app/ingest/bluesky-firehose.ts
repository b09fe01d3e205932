import { detectLanguage } from '../../analysis/lang/detect.ts';
import type { MatchablePost } from '../../analysis/query/ast.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { MentionDraft } from '../../core/mention.ts';
import type { Problem } from '../../core/messages.ts';
import type { Database, Db } from '../../storage/db.ts';
import { deleteNetworkMentions, listFirehoseSubscriptions, markSourcesAlive, type FirehoseSubscription } from '../../storage/firehose.repo.ts';
import { didsOfHandles } from '../../storage/bluesky-identities.repo.ts';
import { recordSourceError } from '../../storage/sources.repo.ts';
import { readStreamCursor, saveStreamCursor } from '../../storage/stream-cursors.repo.ts';
import { isHandle } from '../../sources/bluesky/syntax.ts';
import { startJetstream, type JetstreamBatch, type JetstreamConsumer, type JetstreamOptions } from '../../sources/bluesky/jetstream.ts';
import { startIdentityQueue, type IdentityQueue, type IdentityQueueOptions, type IdentityQueueStats } from './bluesky-identities.ts';
import { whileElected } from './elected.ts';
import { globalMatcher } from './global-matcher.ts';
import { storeDrafts } from './store-drafts.ts';

/**
 * The Bluesky firehose, one consumer per deployment (ADR 0111).
 *
 * - Election: the consumer runs only in the process that holds the `bluesky-jetstream`
 *   singleton (a PostgreSQL advisory lock; always granted on PGlite). Others retry every
 *   `electionMs`, so one takes over when the holder dies.
 * - It connects only while at least one workspace has an active firehose source, and matches
 *   each post against the queries of those workspaces: a mention is stored only in a workspace
 *   where at least one of its queries matches, through the same `storeDrafts` as every other
 *   source (dedup by network id, analysis, batched idempotent inserts).
 * - At-least-once: the cursor is saved after the batch's mentions are stored; a crash replays
 *   from the last saved cursor (rewound a few seconds), and the replayed posts are duplicates
 *   that `storeDrafts` skips. A delete removes the post from the subscribed workspaces.
 * - Matching goes through a narrow `FirehoseMatcher`: by default the one-pass matcher of all
 *   workspaces' queries, narrowed to the subscribed workspaces.
 * - Authors: the firehose names them by DID. The DIDs of stored posts, and Jetstream identity
 *   events, go to the identity queue (ADR 0210), which resolves handles off the hot path; the
 *   consumer never waits for it. `author:handle` matches a post whose DID is known to have that
 *   verified handle; a handle named by a query but not known yet is resolved to its DID by the
 *   queue, and matches from the refresh after (ADR 0240). The elected consumer's queue also
 *   resolves the DIDs of search and notification authors, which any worker stores (ADR 0280).
 */

export const JETSTREAM_STREAM = 'bluesky-jetstream';

/** The host a person recognises in the Jetstream address (the whole text when it is not a URL). */
const hostOf = (url: string): string => (URL.canParse(url) ? new URL(url).host : url);

export interface WorkspaceMatch {
  readonly workspaceId: string;
  readonly queryIds: readonly string[];
}

/** Which workspaces a post belongs to, and through which of their queries. */
export type FirehoseMatcher = (post: MatchablePost) => readonly WorkspaceMatch[];

/** Builds the matcher of the subscribed workspaces (re-run when they or their queries may have changed). */
export type FirehoseMatcherFactory = (db: Db, workspaceIds: readonly string[]) => Promise<FirehoseMatcher>;

/**
 * The one-pass matcher of every workspace's queries (global-matcher.ts, ADR 0132), narrowed to
 * the workspaces that subscribe to the firehose. Re-run at each refresh, which re-syncs it.
 */
export const globalFirehoseMatcher: FirehoseMatcherFactory = async (db, workspaceIds) => {
  const all = globalMatcher(db);
  await all.syncAll();
  const wanted = new Set(workspaceIds);
  return (post) => all.matchAll(post).filter((m) => wanted.has(m.workspaceId));
};

/**
 * The DIDs of the Bluesky handles that `author:` terms name, each with its verified handle
 * (ADR 0240): a firehose post names its author by DID, so a post by one of these DIDs is matched
 * (and stored) with the handle as an alias of its author. Only the handles queries name are
 * looked up, so a post costs one map probe whatever the cache holds. `unknownHandles` receives
 * the handles whose DID is not known yet.
 */
export const authorAliasesOf = async (db: Db, authorTerms: readonly string[], unknownHandles?: (handles: readonly string[]) => void): Promise<Map<string, string>> => {
  const handles = authorTerms.filter((t) => !t.includes('@') && isHandle(t));
  const dids = await didsOfHandles(db, handles);
  const aliases = new Map<string, string>();
  for (const [handle, list] of dids) for (const did of list) aliases.set(did, handle);
  const unknown = handles.filter((h) => !dids.has(h));
  if (unknown.length > 0) unknownHandles?.(unknown);
  return aliases;
};

export interface FirehoseDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The Jetstream subscribe endpoint. */
  readonly url: string;
  readonly matcherFactory?: FirehoseMatcherFactory;
  /** How often subscriptions and queries are read again (default 30 s). */
  readonly refreshMs?: number;
  /** How often a process without the singleton tries again (default 15 s). */
  readonly electionMs?: number;
  /** Resolving authors' DIDs to handles (ADR 0210); absent: authors stay DIDs. */
  readonly identities?: Omit<IdentityQueueOptions, 'db' | 'clock' | 'logger'>;
  /** Jetstream tuning (batch size, queue bound, backoff, rewind), for tests and the benchmark. */
  readonly jetstream?: Partial<Omit<JetstreamOptions, 'url' | 'cursor' | 'onBatch' | 'logger'>>;
}

export interface FirehoseStats {
  readonly leader: boolean;
  readonly batches: number;
  readonly posts: number;
  readonly stored: number;
  readonly deleted: number;
  readonly skipped: number;
  readonly cursor: number | null;
  readonly identities?: IdentityQueueStats;
}

export interface FirehoseRunner {
  stats(): FirehoseStats;
  /** The identity queue, when authors are resolved. */
  readonly identities?: IdentityQueue;
  stop(): Promise<void>;
}

/** Posts to store, per workspace; `aliases`: DID → verified handle (`authorAliasesOf`). Pure: exported for the benchmark. */
export const routePosts = (posts: readonly MentionDraft[], match: FirehoseMatcher, aliases: ReadonlyMap<string, string> = new Map()): Map<string, MentionDraft[]> => {
  const byWorkspace = new Map<string, MentionDraft[]>();
  for (const d of posts) {
    const alias = aliases.get(d.author.handle);
    const matches = match({
      text: d.text,
      lang: detectLanguage(d.text, d.declaredLang),
      source: 'bluesky',
      author: d.author.handle,
      ...(alias ? { authorAliases: [alias] } : {}),
      url: d.url ?? null,
    });
    for (const m of matches) {
      const list = byWorkspace.get(m.workspaceId);
      if (list) list.push(d);
      else byWorkspace.set(m.workspaceId, [d]);
    }
  }
  return byWorkspace;
};

function* authorDids(drafts: readonly MentionDraft[]): Generator<string> {
  for (const d of drafts) if (d.author.handle.startsWith('did:')) yield d.author.handle;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export const startBlueskyFirehose = (deps: FirehoseDeps): FirehoseRunner => {
  const { database, clock, logger } = deps;
  const db = database.db;
  const refreshMs = deps.refreshMs ?? 30_000;
  const electionMs = deps.electionMs ?? 15_000;
  const factory = deps.matcherFactory ?? globalFirehoseMatcher;
  const stopping = new AbortController();
  const counters = { batches: 0, posts: 0, stored: 0, deleted: 0, skipped: 0 };
  let leader = false;
  let cursor: number | null = null;
  // Only the elected consumer claims the DIDs hints asked for (ADR 0280): the deployment keeps one resolver's rate.
  const identities = deps.identities ? startIdentityQueue({ mayClaim: () => leader, ...deps.identities, db, clock, logger }) : undefined;

  let subs: FirehoseSubscription[] = [];
  let matcher: FirehoseMatcher = () => [];
  let aliases: ReadonlyMap<string, string> = new Map();
  let loadedAt = -Infinity;
  let aliveAt = -Infinity;
  const refresh = async (): Promise<void> => {
    subs = await listFirehoseSubscriptions(db);
    matcher = await factory(
      db,
      subs.map((s) => s.workspaceId),
    );
    aliases = await authorAliasesOf(db, globalMatcher(db).authorTerms(), identities ? (handles) => identities.enqueueHandles(handles) : undefined);
    loadedAt = Date.now();
  };

  const handle = async (batch: JetstreamBatch): Promise<void> => {
    if (Date.now() - loadedAt >= refreshMs) await refresh();
    const routed = routePosts(
      batch.posts.map((p) => p.draft),
      matcher,
      aliases,
    );
    const sourceOf = new Map(subs.map((s) => [s.workspaceId, s.sourceId]));
    for (const [workspaceId, drafts] of routed) {
      // The cursor is saved after the mentions: a lost commit is replayed from it (ADR 0300).
      const r = await storeDrafts(drafts, { db, clock, workspaceId, sourceId: sourceOf.get(workspaceId) ?? null, authorAliases: aliases, replayable: true });
      counters.stored += r.stored;
      // Off the hot path: the queue only notes the DIDs; handles are resolved in the background.
      identities?.enqueue(authorDids(drafts));
    }
    if (batch.identities.length > 0) identities?.noteIdentityEvents(batch.identities);
    if (batch.deletes.length > 0) {
      counters.deleted += await deleteNetworkMentions(
        db,
        subs.map((s) => s.workspaceId),
        'bluesky',
        batch.deletes,
      );
    }
    // After the mentions: a crash before this line replays the batch, which stores nothing twice.
    await saveStreamCursor(db, JETSTREAM_STREAM, batch.cursor, clock.now());
    cursor = batch.cursor;
    if (Date.now() - aliveAt >= 60_000) {
      aliveAt = Date.now();
      await markSourcesAlive(
        db,
        subs.map((s) => s.sourceId),
        clock.now(),
      );
    }
    counters.batches++;
    counters.posts += batch.posts.length;
    counters.skipped += batch.skipped;
  };

  /**
   * The stream cannot be read: each subscribed source shows it as its last error (at most once a
   * minute), as a pulled source shows a failed fetch. A batch stored later marks them alive again.
   */
  let troubleAt = -Infinity;
  const reportTrouble = async (problem: Problem, detail: string): Promise<void> => {
    if (Date.now() - troubleAt < 60_000) return;
    troubleAt = Date.now();
    aliveAt = -Infinity;
    // The English detail as before (logs, older rows), and a key for the reader's language (ADR 0250).
    const error = { text: `Bluesky firehose: ${detail}`, problem };
    try {
      for (const s of subs) await recordSourceError(db, s.workspaceId, s.sourceId, { error, at: clock.now() });
    } catch (e) {
      logger.warn('firehose.health-failed', { message: (e as Error).message });
    }
  };

  /** One term as leader: connect while someone subscribes; end on stop, lost lock or no subscriber. */
  const lead = async (lost: AbortSignal): Promise<void> => {
    await refresh();
    if (subs.length === 0) {
      await sleep(refreshMs, AbortSignal.any([stopping.signal, lost]));
      return;
    }
    cursor = await readStreamCursor(db, JETSTREAM_STREAM);
    logger.info('firehose.start', { workspaces: subs.length, cursor });
    const consumer: JetstreamConsumer = startJetstream({
      ...deps.jetstream,
      url: deps.url,
      ...(cursor !== null ? { cursor } : {}),
      onBatch: handle,
      logger: {
        info: (event, fields) => logger.info(event, fields),
        warn: (event, fields) => {
          logger.warn(event, fields);
          const detail = `${event}: ${String(fields?.['message'] ?? '')}`;
          if (event === 'jetstream.connect-failed') void reportTrouble({ key: 'firehose.unreachable', params: { host: hostOf(deps.url) } }, detail);
          else if (event === 'jetstream.batch-failed') void reportTrouble({ key: 'firehose.store-failed' }, detail);
        },
      },
    });
    const ended = AbortSignal.any([stopping.signal, lost]);
    while (!ended.aborted) {
      await sleep(refreshMs, ended);
      if (ended.aborted) break;
      try {
        if (Date.now() - loadedAt >= refreshMs) await refresh();
      } catch (e) {
        logger.warn('firehose.refresh-failed', { message: (e as Error).message });
      }
      if (subs.length === 0) break;
    }
    await consumer.stop();
    logger.info('firehose.stop', { ...counters, cursor, reason: stopping.signal.aborted ? 'shutdown' : lost.aborted ? 'lock lost' : 'no subscriber' });
  };

  const loop = whileElected({
    database,
    name: JETSTREAM_STREAM,
    electionMs,
    signal: stopping.signal,
    logger,
    event: 'firehose',
    lead: async (lost) => {
      leader = true;
      try {
        await lead(lost);
      } catch (e) {
        logger.error('firehose.failed', { message: (e as Error).message });
        await reportTrouble({ key: 'firehose.stopped' }, (e as Error).message);
        await sleep(electionMs, stopping.signal);
      } finally {
        leader = false;
      }
    },
  });

  return {
    stats: () => ({ leader, ...counters, cursor, ...(identities ? { identities: identities.stats() } : {}) }),
    ...(identities ? { identities } : {}),
    async stop() {
      stopping.abort();
      await loop;
      await identities?.stop();
    },
  };
};
