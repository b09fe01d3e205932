import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import {
  applyIdentityEvents,
  claimPendingIdentities,
  identityStates,
  saveFailedIdentities,
  saveResolvedIdentities,
  type FailedIdentity,
  type ResolvedIdentity,
} from '../../storage/bluesky-identities.repo.ts';
import type { Database, Db } from '../../storage/db.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { createHandleResolver, createIdentityResolver, type ResolveHandle, type ResolveIdentity } from '../../sources/bluesky/identity.ts';
import { pause } from '../../sources/pause.ts';
import { whileElected } from './elected.ts';

/**
 * Firehose authors resolved to handles, off the hot path (ADR 0210).
 *
 * The firehose carries DIDs only. The consumer stores the DID as the author (the stable key)
 * and hands the DIDs of the posts it stored to `enqueue`, which only adds them to a bounded
 * in-memory set: the consumer never waits for a resolution, and a resolution that fails never
 * fails ingest. A loop resolves the queue in batches: DIDs whose cached answer has not expired
 * are skipped (one indexed read per batch), the others are resolved at most `perSecond` per
 * second, `concurrency` at a time, and written to `bluesky_identities`, which the mention list
 * joins to show the handle. Jetstream identity events (`noteIdentityEvents`) refresh the DIDs
 * already known: the new handle is shown at once and checked again by the resolver.
 *
 * DIDs asked for by hints (search and notification authors, stored by any worker: ADR 0280) are
 * claimed from the table every `claimEveryMs` while `mayClaim()` says so (the elected consumer's
 * queue), and resolved like the others.
 *
 * Expiry: a verified answer (or a document without a verifiable handle) lasts `ttlMs` (a day);
 * a failure is tried again after 5 minutes, doubling to 6 hours; an unresolvable DID (unknown to
 * the directory, a did:web with a path) waits `ttlMs` too.
 */

export interface IdentityQueueOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly resolve: ResolveIdentity;
  /** handle → DID, for the handles queries name (`enqueueHandles`); absent: they wait for a post. */
  readonly resolveHandle?: ResolveHandle;
  /** Resolutions started per second at most (default 10: the public PLC directory is shared). */
  readonly perSecond?: number;
  /** Resolutions in flight at once (default 4). */
  readonly concurrency?: number;
  /** DIDs taken per batch (default 100). */
  readonly batchSize?: number;
  /** DIDs waiting at most; more are dropped (they come back with their next post). Default 20,000. */
  readonly maxQueue?: number;
  /** How long an answer is kept (default 24 h). */
  readonly ttlMs?: number;
  /** How often DIDs asked for by hints are claimed from the table (default 15 s; 0: never, tests call `claimPending`). */
  readonly claimEveryMs?: number;
  /** Whether this queue claims them now (default always): the firehose's says so only while elected. */
  readonly mayClaim?: () => boolean;
}

export interface IdentityQueueStats {
  readonly queued: number;
  readonly resolved: number;
  readonly verified: number;
  readonly failed: number;
  readonly fresh: number;
  readonly dropped: number;
  readonly events: number;
}

export interface IdentityQueue {
  /** Adds DIDs to resolve; returns at once. */
  enqueue(dids: Iterable<string>): void;
  /**
   * Handles a user typed (`author:` terms, ADR 0240) whose DID is not known: each is resolved to
   * the DID it claims, and that DID resolved and verified as any other (returns at once). A
   * handle is tried again an hour later at the soonest.
   */
  enqueueHandles(handles: Iterable<string>): void;
  /** Jetstream identity events: refresh what is known of these DIDs (returns at once). */
  noteIdentityEvents(events: ReadonlyArray<{ readonly did: string; readonly handle?: string | undefined }>): void;
  /** Claims the DIDs hints asked for whose time has come (ADR 0280) and queues them; returns how many. */
  claimPending(): Promise<number>;
  /** Resolves when everything queued so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
  stats(): IdentityQueueStats;
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 5 * 60_000;
/** A claimed DID is not claimed by another queue for this long (its resolution takes seconds). */
const CLAIM_LEASE_MS = 10 * 60_000;
const LAST_RETRY_MS = 6 * 3_600_000;
/** DIDs known fresh, remembered in memory so a prolific author costs no read per post. */
const REMEMBERED = 50_000;

export const startIdentityQueue = (o: IdentityQueueOptions): IdentityQueue => {
  const perSecond = o.perSecond ?? 10;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const batchSize = o.batchSize ?? 100;
  const maxQueue = o.maxQueue ?? 20_000;
  const ttlMs = o.ttlMs ?? 24 * 3_600_000;
  const stopping = new AbortController();
  const queue = new Set<string>();
  const handleQueue = new Set<string>();
  /** Handle → until when it is not tried again (ms). */
  const handlesTried = new Map<string, number>();
  /** DIDs a handle pointed to: resolved even if their cached answer has not expired (the handle may have moved to them). */
  const forced = new Set<string>();
  let events = new Map<string, string | null>();
  /** DID → until when its cached answer holds (ms). */
  const known = new Map<string, number>();
  const counters = { resolved: 0, verified: 0, failed: 0, fresh: 0, dropped: 0, events: 0 };
  let wake: (() => void) | undefined;
  let busy = false;
  let idleWaiters: Array<() => void> = [];
  const poke = () => {
    wake?.();
    wake = undefined;
  };

  const remember = (did: string, until: number) => {
    known.delete(did);
    known.set(did, until);
    if (known.size > REMEMBERED) known.delete(known.keys().next().value as string);
  };

  /** A failing directory is said in the log, at most once a minute. */
  let warnedAt = -Infinity;
  const warnFailure = (did: string, error: string) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    o.logger?.warn('identity.resolve-failed', { did, message: error });
  };

  let nextStart = 0;
  /** Spaces the starts of resolutions: at most `perSecond` per second. */
  const paced = async (): Promise<void> => {
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + 1000 / perSecond;
    if (at > now) await pause(at - now, stopping.signal);
  };

  const resolveAll = async (dids: readonly string[]): Promise<void> => {
    const resolved: ResolvedIdentity[] = [];
    const failed: FailedIdentity[] = [];
    const states = await identityStates(o.db, dids);
    const todo = dids.filter((d) => {
      const s = states.get(d);
      const force = forced.delete(d);
      if (s && s.expiresAt.getTime() > o.clock.now().getTime() && !force) {
        remember(d, s.expiresAt.getTime());
        counters.fresh++;
        return false;
      }
      return true;
    });
    let i = 0;
    const worker = async () => {
      while (i < todo.length && !stopping.signal.aborted) {
        const did = todo[i++] as string;
        await paced();
        if (stopping.signal.aborted) return;
        const at = o.clock.now();
        let answer;
        try {
          answer = await o.resolve(did, stopping.signal);
        } catch (e) {
          answer = { ok: false as const, did, error: e instanceof Error ? e.message : String(e), permanent: false };
        }
        if (answer.ok || answer.permanent) {
          const expiresAt = new Date(at.getTime() + ttlMs);
          resolved.push({ did, handle: answer.ok ? answer.handle : null, at, expiresAt });
          remember(did, expiresAt.getTime());
          counters.resolved++;
          if (answer.ok && answer.handle) counters.verified++;
          else if (answer.ok) o.logger?.debug('identity.unverified', { did, reason: answer.reason });
          else warnFailure(did, answer.error);
        } else {
          const failures = states.get(did)?.failures ?? 0;
          const expiresAt = new Date(at.getTime() + Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures));
          failed.push({ did, error: answer.error, at, expiresAt });
          warnFailure(did, answer.error);
          remember(did, expiresAt.getTime());
          counters.failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    await saveResolvedIdentities(o.db, resolved);
    await saveFailedIdentities(o.db, failed);
  };

  const applyEvents = async (): Promise<void> => {
    if (events.size === 0) return;
    const batch = events;
    events = new Map();
    const updated = await applyIdentityEvents(
      o.db,
      [...batch].map(([did, handle]) => ({ did, handle })),
      o.clock.now(),
    );
    // Check the new handles again (the event is the relay's word; ours is the DID document's).
    for (const did of updated) {
      known.delete(did);
      queue.add(did);
    }
  };

  /** Handles → the DIDs they claim, queued for resolution (which verifies them back). */
  const resolveHandles = async (): Promise<void> => {
    const resolveHandle = o.resolveHandle;
    if (!resolveHandle || handleQueue.size === 0) return;
    const batch = [...handleQueue].slice(0, batchSize);
    for (const h of batch) handleQueue.delete(h);
    for (const h of batch) {
      if (stopping.signal.aborted) return;
      await paced();
      let did: string | undefined;
      try {
        did = await resolveHandle(h, stopping.signal);
      } catch {
        did = undefined;
      }
      if (did) {
        known.delete(did);
        forced.add(did);
        queue.add(did);
      }
    }
  };

  const idle = (): Promise<void> =>
    queue.size === 0 && events.size === 0 && handleQueue.size === 0 && !busy
      ? Promise.resolve()
      : new Promise<void>((r) => {
          idleWaiters.push(r);
        });

  /** DIDs hints asked for (ADR 0280): claimed so no other queue takes them, resolved even though the claim moved their expiry. */
  const claimPending = async (): Promise<number> => {
    if (queue.size >= batchSize) return 0;
    const dids = await claimPendingIdentities(o.db, o.clock.now(), batchSize, CLAIM_LEASE_MS);
    for (const did of dids) {
      known.delete(did);
      forced.add(did);
      queue.add(did);
    }
    if (dids.length > 0) poke();
    return dids.length;
  };

  const claimEveryMs = o.claimEveryMs ?? 15_000;
  const claimer = (async () => {
    if (claimEveryMs <= 0) return;
    while (!stopping.signal.aborted) {
      await pause(claimEveryMs, stopping.signal);
      const may = () => !stopping.signal.aborted && (!o.mayClaim || o.mayClaim());
      try {
        // A full claim means more are waiting (after an upgrade, thousands): the next batch as soon
        // as this one is resolved, so the resolver's rate, not the claim's period, sets the pace.
        while (may() && (await claimPending()) === batchSize) await idle();
      } catch (e) {
        o.logger?.warn('identity.claim-failed', { message: e instanceof Error ? e.message : String(e) });
      }
    }
  })();

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      if (queue.size === 0 && events.size === 0 && handleQueue.size === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
        await new Promise<void>((r) => {
          wake = r;
          stopping.signal.addEventListener('abort', () => r(), { once: true });
        });
        continue;
      }
      busy = true;
      try {
        await applyEvents();
        await resolveHandles();
        const dids: string[] = [];
        for (const d of queue) {
          dids.push(d);
          queue.delete(d);
          if (dids.length >= batchSize) break;
        }
        if (dids.length > 0) await resolveAll(dids);
      } catch (e) {
        // The database is down: these DIDs come back with their authors' next posts.
        o.logger?.warn('identity.batch-failed', { message: e instanceof Error ? e.message : String(e) });
        await pause(5_000, stopping.signal);
      } finally {
        busy = false;
      }
    }
    for (const w of idleWaiters) w();
  })();

  return {
    enqueue(dids) {
      const now = o.clock.now().getTime();
      let added = false;
      for (const did of dids) {
        if (queue.has(did)) continue;
        const until = known.get(did);
        if (until !== undefined && until > now) continue;
        if (queue.size >= maxQueue) {
          counters.dropped++;
          continue;
        }
        queue.add(did);
        added = true;
      }
      if (added) poke();
    },
    enqueueHandles(handles) {
      if (!o.resolveHandle) return;
      const now = o.clock.now().getTime();
      let added = false;
      for (const h of handles) {
        const until = handlesTried.get(h);
        if ((until !== undefined && until > now) || handleQueue.has(h)) continue;
        if (handleQueue.size >= maxQueue) {
          counters.dropped++;
          continue;
        }
        handlesTried.set(h, now + 3_600_000);
        if (handlesTried.size > REMEMBERED) handlesTried.delete(handlesTried.keys().next().value as string);
        handleQueue.add(h);
        added = true;
      }
      if (added) poke();
    },
    noteIdentityEvents(list) {
      if (list.length === 0) return;
      for (const e of list) {
        // The whole network's renames arrive here, most for DIDs nobody cached: bounded too.
        if (events.size >= maxQueue && !events.has(e.did)) {
          counters.dropped++;
          continue;
        }
        events.set(e.did, e.handle ? e.handle.toLowerCase() : null);
        counters.events++;
      }
      poke();
    },
    idle,
    claimPending,
    stats: () => ({ queued: queue.size, ...counters }),
    async stop() {
      stopping.abort();
      poke();
      await Promise.all([loop, claimer]);
    },
  };
};

export const IDENTITY_RESOLVER = 'bluesky-identities';

export interface ElectedIdentityQueueDeps extends Omit<IdentityQueueOptions, 'db' | 'mayClaim'> {
  readonly database: Database;
  /** How often a process without the singleton tries again (default 15 s). */
  readonly electionMs?: number;
}

/**
 * The identity queue where no firehose consumer runs (RELAIS_BLUESKY_JETSTREAM_URL=off): the
 * DIDs search, notifications and imports hinted at still need their handles checked (ADR 0280).
 * It claims them only while its process holds the `bluesky-identities` singleton, so the
 * deployment keeps one resolver and its rate, as the firehose consumer's queue does when it runs.
 */
export const startElectedIdentityQueue = (deps: ElectedIdentityQueueDeps): IdentityQueue => {
  const { database, electionMs = 15_000, ...options } = deps;
  const stopping = new AbortController();
  let leader = false;
  const queue = startIdentityQueue({ ...options, db: database.db, mayClaim: () => leader });
  const election = whileElected({
    database,
    name: IDENTITY_RESOLVER,
    electionMs,
    signal: stopping.signal,
    logger: options.logger,
    event: 'identity',
    // Held until shutdown, or until the lock's connection breaks (then another process may take it).
    lead: async (lost) => {
      const ended = AbortSignal.any([stopping.signal, lost]);
      leader = true;
      if (!ended.aborted) await new Promise<void>((r) => ended.addEventListener('abort', () => r(), { once: true }));
      leader = false;
    },
  });
  return {
    ...queue,
    async stop() {
      stopping.abort();
      await election;
      await queue.stop();
    },
  };
};

/** The process's resolvers (both directions): the configured PLC directory, every request through the SSRF guard. */
export const blueskyIdentityResolver = (o: { plcUrl: string | null; allowPrivateNetworks: boolean }): { resolve: ResolveIdentity; resolveHandle: ResolveHandle } => {
  const options = { fetcher: createSafeFetch({ allowPrivateNetworks: o.allowPrivateNetworks, timeoutMs: 10_000, maxBytes: 256 * 1024 }), plcUrl: o.plcUrl };
  return { resolve: createIdentityResolver(options), resolveHandle: createHandleResolver(options) };
};
