import { z } from 'zod';
import type { MentionDraft } from '../../core/mention.ts';
import { postToDraft } from './normalise.ts';
import { isHandle, postUri, POST_COLLECTION } from './syntax.ts';
import { pause as sleep } from '../pause.ts';

/**
 * A Jetstream consumer (ADR 0111): Bluesky's firehose as JSON over a WebSocket, filtered to
 * posts with `wantedCollections=app.bsky.feed.post`, read with Node's built-in WebSocket.
 *
 * Contract:
 *   - the cursor is the `time_us` (microseconds) of the last event whose batch `onBatch`
 *     finished; `onBatch` persists it, and a new consumer resumes from it, rewound by
 *     `rewindMicros` (events after it are replayed; the ingest deduplicates by network id);
 *   - memory is bounded: at most `maxQueue` events wait. When the queue is full the consumer
 *     closes the socket, drains the queue, and reconnects from the last event it processed:
 *     a burst costs a reconnection, never memory, and nothing is lost (Jetstream replays from
 *     the cursor);
 *   - events are handled in batches of up to `batchSize` (or what arrived within
 *     `batchWaitMs`), one batch at a time, in order;
 *   - a dropped connection reconnects after an exponential backoff with jitter (reset once a
 *     connection delivers an event); `stop()` closes the socket and waits for the batch in hand;
 *   - an unreadable frame or post record is skipped and counted, never thrown;
 *   - identity events (an account's handle changed) are passed on in `identities` (ADR 0210).
 */


/** Jetstream's event envelope (commit, identity and account events). */
const eventSchema = z.object({
  did: z.string(),
  time_us: z.number().int().nonnegative(),
  kind: z.string(),
  commit: z
    .object({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string(),
      record: z.unknown().optional(),
    })
    .loose()
    .optional(),
  identity: z.object({ handle: z.string().optional() }).loose().optional(),
});

export interface FirehosePost {
  readonly draft: MentionDraft;
  /** AT URI of the quoted post, if any. */
  readonly quotes?: string;
  readonly timeUs: number;
}

export interface IdentityEvent {
  readonly did: string;
  readonly handle?: string;
}

export interface JetstreamBatch {
  /** Posts created (or edited: an update is read like a create; ingest keeps the first copy). */
  readonly posts: readonly FirehosePost[];
  /** AT URIs of deleted posts. */
  readonly deletes: readonly string[];
  /** Identity events: the account's handle changed (absent when it has none valid). ADR 0210. */
  readonly identities: readonly IdentityEvent[];
  /** Events in this batch that were unreadable (bad frame, bad post record). */
  readonly skipped: number;
  /** time_us of the last event of the batch: the cursor to persist once the batch is handled. */
  readonly cursor: number;
  /** Events the batch covers (posts, deletes, skipped and ignored events). */
  readonly events: number;
}

export interface JetstreamStats {
  readonly received: number;
  readonly processed: number;
  readonly skipped: number;
  readonly queued: number;
  readonly connections: number;
  /** Times the queue filled up and the socket was closed to let it drain. */
  readonly overflows: number;
  readonly cursor: number | undefined;
}

export interface JetstreamLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

export interface JetstreamOptions {
  /** The subscribe endpoint (`wss://…/subscribe`). */
  readonly url: string;
  /** Where to resume (microseconds), e.g. the persisted cursor; none: live from now. */
  readonly cursor?: number;
  /** Rewind on every (re)connection, so events around a drop are not missed (default 5 s). */
  readonly rewindMicros?: number;
  readonly batchSize?: number;
  readonly batchWaitMs?: number;
  readonly maxQueue?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** In [0, 1); injected in tests. */
  readonly random?: () => number;
  /** Handles a batch; the consumer waits for it before the next one. A throw is retried after a backoff. */
  onBatch(batch: JetstreamBatch): Promise<void>;
  readonly logger?: JetstreamLogger;
}

export interface JetstreamConsumer {
  stats(): JetstreamStats;
  /** Resolves when the consumer has stopped (after stop()). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

type Item =
  | { readonly kind: 'post'; readonly post: FirehosePost }
  | { readonly kind: 'delete'; readonly uri: string; readonly timeUs: number }
  | { readonly kind: 'identity'; readonly identity: IdentityEvent; readonly timeUs: number }
  | { readonly kind: 'skip'; readonly timeUs: number | undefined }
  | { readonly kind: 'ignore'; readonly timeUs: number };

/** One Jetstream frame → what the consumer does with it. Exported for the benchmark and tests. */
export const readJetstreamFrame = (frame: string): Item => {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { kind: 'skip', timeUs: undefined };
  }
  const e = eventSchema.safeParse(raw);
  if (!e.success) return { kind: 'skip', timeUs: undefined };
  const { did, time_us: timeUs, commit } = e.data;
  if (e.data.kind === 'identity') {
    const handle = e.data.identity?.handle?.toLowerCase();
    return { kind: 'identity', identity: { did, ...(handle && handle !== 'handle.invalid' && isHandle(handle) ? { handle } : {}) }, timeUs };
  }
  if (e.data.kind !== 'commit' || !commit || commit.collection !== POST_COLLECTION) return { kind: 'ignore', timeUs };
  if (commit.operation === 'delete') return { kind: 'delete', uri: postUri(did, commit.rkey), timeUs };
  if (commit.operation !== 'create' && commit.operation !== 'update') return { kind: 'ignore', timeUs };
  const r = postToDraft({ did, rkey: commit.rkey, record: commit.record });
  if (!r.ok) return { kind: 'skip', timeUs };
  return { kind: 'post', post: { draft: r.draft, timeUs, ...(r.quotes ? { quotes: r.quotes } : {}) } };
};

export const subscribeUrl = (base: string, cursor: number | undefined): string => {
  const u = new URL(base);
  u.searchParams.set('wantedCollections', POST_COLLECTION);
  if (cursor !== undefined) u.searchParams.set('cursor', String(Math.max(0, Math.floor(cursor))));
  else u.searchParams.delete('cursor');
  return u.href;
};

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export const backoffDelay = (attempt: number, initialMs: number, maxMs: number, random: () => number): number => {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
};


export const startJetstream = (o: JetstreamOptions): JetstreamConsumer => {
  const rewind = o.rewindMicros ?? 5_000_000;
  const batchSize = o.batchSize ?? 500;
  const batchWaitMs = o.batchWaitMs ?? 200;
  const maxQueue = Math.max(o.maxQueue ?? 20_000, batchSize);
  const { initialMs, maxMs } = o.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  const random = o.random ?? Math.random;
  const stopping = new AbortController();

  // A ring would save the shifts; a plain array with a moving head does the same at this size.
  let queue: Item[] = [];
  let head = 0;
  const queued = () => queue.length - head;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  let cursor = o.cursor;
  /** time_us of the newest event taken into the queue (to reconnect from after an overflow). */
  let received = 0;
  let processed = 0;
  let skipped = 0;
  let connections = 0;
  let overflows = 0;
  let socket: WebSocket | undefined;
  let overflowed = false;

  const connect = (): Promise<'closed' | 'overflow'> =>
    new Promise((resolve) => {
      const from = cursor === undefined ? undefined : cursor - rewind;
      let ws: WebSocket;
      try {
        ws = new WebSocket(subscribeUrl(o.url, from));
      } catch (e) {
        o.logger?.warn('jetstream.connect-failed', { message: (e as Error).message });
        resolve('closed');
        return;
      }
      socket = ws;
      let delivered = false;
      let settled = false;
      const finish = (why: 'closed' | 'overflow') => {
        if (settled) return;
        settled = true;
        socket = undefined;
        resolve(why);
      };
      let opened = false;
      ws.addEventListener('open', () => {
        opened = true;
        connections++;
        o.logger?.info('jetstream.connected', { cursor: from ?? null });
      });
      ws.addEventListener('message', (ev: MessageEvent) => {
        if (overflowed || settled) return;
        if (!delivered) {
          delivered = true;
          attempt = 0;
        }
        received++;
        const item = typeof ev.data === 'string' ? readJetstreamFrame(ev.data) : ({ kind: 'skip', timeUs: undefined } as const);
        queue.push(item);
        if (queued() >= batchSize) notify();
        if (queued() >= maxQueue) {
          // Backpressure: stop reading, drain, resume from the last processed event.
          overflowed = true;
          overflows++;
          o.logger?.warn('jetstream.overflow', { queued: queued() });
          ws.close(1000, 'consumer catching up');
          finish('overflow');
        }
      });
      ws.addEventListener('error', () => {
        // 'close' follows.
      });
      ws.addEventListener('close', (ev: CloseEvent) => {
        if (!stopping.signal.aborted && !overflowed) {
          // Closed before it ever opened: the server could not be reached (refused, unresolved, TLS).
          if (opened) o.logger?.warn('jetstream.closed', { code: ev.code, reason: ev.reason });
          else o.logger?.warn('jetstream.connect-failed', { message: `could not connect to ${new URL(o.url).host} (${ev.code}${ev.reason ? ` ${ev.reason}` : ''})` });
        }
        notify();
        finish('closed');
      });
    });

  let attempt = 0;

  const reader = (async () => {
    while (!stopping.signal.aborted) {
      overflowed = false;
      const why = await connect();
      if (stopping.signal.aborted) break;
      if (why === 'overflow') {
        // Reconnect only once the queue has drained (processed events moved the cursor).
        while (queued() > 0 && !stopping.signal.aborted) await new Promise<void>((r) => setTimeout(r, 10));
        continue;
      }
      const delay = backoffDelay(attempt++, initialMs, maxMs, random);
      o.logger?.info('jetstream.reconnecting', { inMs: delay, attempt });
      await sleep(delay, stopping.signal);
    }
  })();

  const take = (): Item[] => {
    const n = Math.min(batchSize, queued());
    const batch = queue.slice(head, head + n);
    head += n;
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return batch;
  };

  const processor = (async () => {
    let failures = 0;
    // On stop, the batch in hand finishes; what is still queued is dropped, and replayed from
    // the cursor by the next consumer.
    while (!stopping.signal.aborted) {
      if (queued() === 0) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, batchWaitMs);
        });
        continue;
      }
      if (queued() < batchSize && !stopping.signal.aborted && socket) {
        // Let a batch fill a little: fewer, larger writes.
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, batchWaitMs);
        });
      }
      const items = take();
      const posts: FirehosePost[] = [];
      const deletes: string[] = [];
      const identities: IdentityEvent[] = [];
      let bad = 0;
      let last = cursor;
      for (const it of items) {
        if (it.kind === 'post') posts.push(it.post);
        else if (it.kind === 'delete') deletes.push(it.uri);
        else if (it.kind === 'identity') identities.push(it.identity);
        else if (it.kind === 'skip') bad++;
        const t = it.kind === 'post' ? it.post.timeUs : it.timeUs;
        if (t !== undefined && (last === undefined || t > last)) last = t;
      }
      const batch: JetstreamBatch = { posts, deletes, identities, skipped: bad, cursor: last ?? 0, events: items.length };
      for (;;) {
        try {
          await o.onBatch(batch);
          failures = 0;
          break;
        } catch (e) {
          // The handler failed (e.g. the database): keep the batch, wait, try again. Until it
          // passes the cursor does not move, and the bounded queue stops the reader.
          o.logger?.warn('jetstream.batch-failed', { message: (e as Error).message, failures: ++failures });
          if (stopping.signal.aborted) return;
          await sleep(backoffDelay(failures, initialMs, maxMs, random), stopping.signal);
          if (stopping.signal.aborted) return;
        }
      }
      processed += items.length;
      skipped += bad;
      if (last !== undefined) cursor = last;
    }
  })();

  const done = Promise.all([reader, processor]).then(() => undefined);
  return {
    stats: () => ({ received, processed, skipped, queued: queued(), connections, overflows, cursor }),
    done,
    async stop() {
      stopping.abort();
      socket?.close(1000, 'shutting down');
      notify();
      await done;
    },
  };
};
