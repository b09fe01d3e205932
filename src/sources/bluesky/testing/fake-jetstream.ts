import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { blueskyDataDir } from './fixtures.ts';
import { ALICE, BOB, BRAND, externalPost, quotePost, quoteWithMediaPost, replyPost, richPost } from './records.ts';

/**
 * A local Jetstream-shaped WebSocket server replaying recorded events. Like Jetstream it
 * honours `cursor` (events with time_us ≥ cursor, in order) and `wantedCollections` (commit
 * events of other collections are not sent; identity and account events always are).
 */

export interface JetstreamEvent {
  readonly did: string;
  readonly time_us: number;
  readonly kind: 'commit' | 'identity' | 'account';
  readonly commit?: {
    readonly rev: string;
    readonly operation: 'create' | 'update' | 'delete';
    readonly collection: string;
    readonly rkey: string;
    readonly record?: unknown;
    readonly cid?: string;
  };
  readonly identity?: Record<string, unknown>;
  readonly account?: Record<string, unknown>;
}

const TID_CHARS = '234567abcdefghijklmnopqrstuvwxyz';
/** A record key in TID shape from a counter (deterministic). */
export const tidOf = (n: number): string => {
  let s = '';
  let v = n;
  for (let i = 0; i < 12; i++) {
    s = TID_CHARS[v % 32] + s;
    v = Math.floor(v / 32);
  }
  return `3${s}`;
};

const postTemplates: readonly unknown[] = [richPost, replyPost, quotePost, quoteWithMediaPost, externalPost];
const authors = [ALICE, BOB, BRAND];

/** The like event from Jetstream's documentation (../shared/data), when present. */
const docLike = (): JetstreamEvent | undefined => {
  const f = join(blueskyDataDir, 'jetstream-docs-example-1.json');
  if (!existsSync(f)) return undefined;
  const { cursor: _ignored, ...event } = JSON.parse(readFileSync(f, 'utf8')) as JetstreamEvent & { cursor?: number };
  return event;
};

/**
 * `n` recorded-shaped events starting at `startUs`, one per millisecond: mostly post creates
 * (the templates above, with varied words so queries match some), plus likes, deletes,
 * updates, identity and account events, and an unreadable post every 97 events.
 */
export const recordedEvents = (n: number, startUs = 1_764_500_000_000_000): JetstreamEvent[] => {
  const like = docLike();
  const words = ['barbier', 'coupe-chou', 'rasage', 'moustache', 'café', 'vélo', 'lyon', 'bordeaux'];
  const out: JetstreamEvent[] = [];
  for (let i = 0; i < n; i++) {
    const time_us = startUs + i * 1000;
    const did = authors[i % authors.length] as string;
    const rkey = tidOf(i);
    const rev = tidOf(i + 1);
    if (i % 97 === 96) {
      out.push({ did, time_us, kind: 'commit', commit: { rev, operation: 'create', collection: 'app.bsky.feed.post', rkey, record: { text: 42 } } });
    } else if (i % 50 === 10) {
      out.push(like ? { ...like, time_us } : { did, time_us, kind: 'commit', commit: { rev, operation: 'create', collection: 'app.bsky.feed.like', rkey, record: {} } });
    } else if (i % 50 === 20) {
      // Deletes the post created 15 events earlier.
      out.push({ did: authors[(i - 15) % authors.length] as string, time_us, kind: 'commit', commit: { rev, operation: 'delete', collection: 'app.bsky.feed.post', rkey: tidOf(i - 15) } });
    } else if (i % 50 === 30) {
      out.push({ did, time_us, kind: 'identity', identity: { did, handle: 'someone.example.com', seq: i, time: new Date(time_us / 1000).toISOString() } });
    } else if (i % 50 === 40) {
      out.push({ did, time_us, kind: 'account', account: { active: true, did, seq: i, time: new Date(time_us / 1000).toISOString() } });
    } else {
      const template = postTemplates[i % postTemplates.length] as { text: string; createdAt: string };
      const word = words[i % words.length] as string;
      // A word from a vocabulary of 2,000, so that a query on one of them matches few posts, as on the real firehose.
      const rare = `mot${(i * 7919) % 2000}`;
      const record = { ...template, text: `${template.text} ${word} ${rare} n°${i}`, createdAt: new Date(time_us / 1000).toISOString() };
      out.push({ did, time_us, kind: 'commit', commit: { rev, operation: i % 50 === 45 ? 'update' : 'create', collection: 'app.bsky.feed.post', rkey, record, cid: `bafyrei${rkey}` } });
    }
  }
  return out;
};

export interface FakeJetstream {
  readonly url: string;
  /** The query of every connection, in order. */
  readonly connections: URLSearchParams[];
  /** Frames sent so far (all connections). */
  sent(): number;
  /** Close every open connection (the server "drops" the client). */
  dropAll(): void;
  /** A new event after the recorded ones: sent to the open connections, replayed to later ones. */
  push(e: JetstreamEvent): void;
  close(): Promise<void>;
}

export interface FakeJetstreamOptions {
  /** Close each connection after sending this many frames (a flaky relay). */
  readonly dropAfter?: number;
  /** Frames sent per event-loop turn (the replay runs as fast as the socket takes them). */
  readonly chunk?: number;
  /**
   * Live mode: send this many events per second, each stamped with the time it is sent (its
   * `time_us`), so a consumer's lag is now − the time_us of the last event it handled.
   */
  readonly ratePerSecond?: number;
  /** Live mode: after this many events, send `size` at once (a burst). */
  readonly burst?: { readonly after: number; readonly size: number };
  /** Send every collection whatever `wantedCollections` asks (a Jetstream that does not filter). */
  readonly ignoreWanted?: boolean;
}

export const startFakeJetstream = async (events: readonly JetstreamEvent[], opts: FakeJetstreamOptions = {}): Promise<FakeJetstream> => {
  const frames = events.map((e) => ({ e, frame: JSON.stringify(e) }));
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/subscribe' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const connections: URLSearchParams[] = [];
  const open = new Set<WebSocket>();
  let sent = 0;
  wss.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    connections.push(q);
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    ws.on('error', () => {});
    const wanted = new Set(opts.ignoreWanted ? [] : q.getAll('wantedCollections'));
    const cursor = q.has('cursor') ? Number(q.get('cursor')) : undefined;
    let i = cursor === undefined ? 0 : frames.findIndex((f) => f.e.time_us >= cursor);
    if (i < 0) i = frames.length;
    let here = 0;
    const chunk = opts.chunk ?? 256;
    const rate = opts.ratePerSecond;
    if (rate !== undefined) {
      const started = Date.now();
      let live = 0;
      const paced = () => {
        if (ws.readyState !== ws.OPEN) return;
        let allowed = Math.floor(((Date.now() - started) / 1000) * rate);
        if (opts.burst && live >= opts.burst.after) allowed += opts.burst.size;
        while (i < frames.length && live < allowed) {
          const f = frames[i++] as { e: JetstreamEvent };
          if (f.e.kind === 'commit' && wanted.size > 0 && !wanted.has(f.e.commit?.collection ?? '')) continue;
          ws.send(JSON.stringify({ ...f.e, time_us: Date.now() * 1000 }));
          sent++;
          live++;
        }
        if (i < frames.length) setTimeout(paced, 5);
      };
      paced();
      return;
    }
    const pump = () => {
      if (ws.readyState !== ws.OPEN) return;
      let n = 0;
      while (i < frames.length && n < chunk) {
        const f = frames[i++] as { e: JetstreamEvent; frame: string };
        if (f.e.kind === 'commit' && wanted.size > 0 && !wanted.has(f.e.commit?.collection ?? '')) continue;
        ws.send(f.frame);
        sent++;
        n++;
        if (opts.dropAfter !== undefined && ++here >= opts.dropAfter) {
          ws.terminate();
          return;
        }
      }
      if (i < frames.length) {
        // Wait for the socket to drain a little: replay as fast as the client reads.
        if (ws.bufferedAmount > 1 << 20) setTimeout(pump, 1);
        else setImmediate(pump);
      }
    };
    pump();
  });
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    connections,
    sent: () => sent,
    dropAll() {
      for (const ws of open) ws.terminate();
    },
    push(e) {
      const frame = JSON.stringify(e);
      frames.push({ e, frame });
      for (const ws of open) {
        ws.send(frame);
        sent++;
      }
    },
    close: () =>
      new Promise<void>((r) => {
        for (const ws of open) ws.terminate();
        wss.close(() => r());
      }),
  };
};
