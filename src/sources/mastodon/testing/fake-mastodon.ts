import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareIds } from '../normalise.ts';

/**
 * A local server on 127.0.0.1 that answers like the Mastodon REST API for what the source
 * reads: tag timelines, account lookup and statuses, status search; `max_id`, `since_id`,
 * `min_id` and `limit` as Mastodon reads them; `Link` headers (rel="next" older, rel="prev"
 * newer); `X-RateLimit-*` headers from a request budget; and a 429 with Retry-After on demand.
 * Pages hold at most `pageSize` statuses whatever `limit` asks (servers cap it too).
 */

export interface FakeStatus {
  readonly id: string;
  readonly [key: string]: unknown;
}

export interface FakeMastodon {
  readonly url: string;
  /** Statuses by tag (lower-case), newest or oldest first: the server sorts. */
  readonly tags: Map<string, FakeStatus[]>;
  readonly accounts: Map<string, { account: Record<string, unknown>; statuses: FakeStatus[] }>;
  /** Statuses search reads (text match on `content`). */
  searchable: FakeStatus[];
  /**
   * The connected account: GET /api/v1/notifications and /api/v1/accounts/verify_credentials
   * answer only `Authorization: Bearer <token>` (401 otherwise, as Mastodon does).
   */
  me?: { token: string; account: Record<string, unknown>; notifications: FakeStatus[] };
  /** Whether the streaming API (Server-Sent Events) is offered; 404 when false. */
  streaming: boolean;
  /** Answer the next stream connections with 429 and this Retry-After (seconds), this many times. */
  refuseStreams?: { times: number; readonly retryAfter: string };
  /** Open streams: `hashtag:<tag>` or `user:notification`. */
  readonly streams: { readonly name: string; readonly res: import('node:http').ServerResponse }[];
  /** Stream connections accepted so far. */
  streamConnects: number;
  /** Sends one event to every open stream of that name (the data as Mastodon sends it: JSON text or an id). */
  emit(stream: string, event: string, data: string): void;
  /** Drops every open stream connection (a network cut). */
  dropStreams(): void;
  /** Authorization headers received, in order (to check a token is sent, and only where it belongs). */
  readonly authorizations: (string | undefined)[];
  readonly requests: URL[];
  pageSize: number;
  /** Requests left in the window; every request spends one. */
  remaining: number;
  /** X-RateLimit-Reset as sent. */
  resetAt: string;
  /** Answer the n-th request from now (1 = the next) with 429 and this Retry-After. */
  failRequest?: { nth: number; readonly retryAfter: string };
  close(): Promise<void>;
}

const page = (all: readonly FakeStatus[], q: URLSearchParams, size: number): FakeStatus[] => {
  const desc = [...all].sort((a, b) => compareIds(b.id, a.id));
  const limit = Math.min(Number(q.get('limit') ?? '20') || 20, size);
  const maxId = q.get('max_id');
  const sinceId = q.get('since_id');
  const minId = q.get('min_id');
  let pool = desc.filter((s) => (maxId ? compareIds(s.id, maxId) < 0 : true) && (sinceId ? compareIds(s.id, sinceId) > 0 : true));
  if (minId) {
    // min_id: the statuses immediately after it (the oldest newer ones), shown newest first.
    pool = pool.filter((s) => compareIds(s.id, minId) > 0).reverse().slice(0, limit).reverse();
    return pool;
  }
  return pool.slice(0, limit);
};

export const startFakeMastodon = async (): Promise<FakeMastodon> => {
  let server: Server | undefined;
  const state: FakeMastodon = {
    url: '',
    tags: new Map(),
    accounts: new Map(),
    searchable: [],
    authorizations: [],
    streaming: true,
    streams: [],
    streamConnects: 0,
    emit(stream, event, data) {
      for (const s of state.streams) if (s.name === stream) s.res.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    dropStreams() {
      for (const s of state.streams.splice(0)) s.res.destroy();
    },
    requests: [],
    pageSize: 2,
    remaining: 300,
    resetAt: '2026-01-15T12:05:00.000Z',
    close: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  };
  const handle = (req: IncomingMessage): { status: number; headers: Record<string, string>; body: unknown } => {
    const u = new URL(req.url ?? '/', state.url);
    state.requests.push(u);
    state.authorizations.push(req.headers.authorization);
    if (state.failRequest && --state.failRequest.nth <= 0) {
      const retryAfter = state.failRequest.retryAfter;
      delete state.failRequest;
      return { status: 429, headers: { 'retry-after': retryAfter }, body: { error: 'Too many requests' } };
    }
    state.remaining = Math.max(0, state.remaining - 1);
    const rate = { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': String(state.remaining), 'x-ratelimit-reset': state.resetAt };
    const list = (statuses: readonly FakeStatus[]) => {
      const items = page(statuses, u.searchParams, state.pageSize);
      const links: string[] = [];
      const first = items[0];
      const last = items[items.length - 1];
      if (first && last) {
        const older = new URL(u);
        for (const k of ['min_id', 'since_id']) older.searchParams.delete(k);
        older.searchParams.set('max_id', last.id);
        const newer = new URL(u);
        for (const k of ['max_id', 'since_id']) newer.searchParams.delete(k);
        newer.searchParams.set('min_id', first.id);
        links.push(`<${older.href}>; rel="next"`, `<${newer.href}>; rel="prev"`);
      }
      return { status: 200, headers: { ...rate, ...(links.length ? { link: links.join(', ') } : {}) }, body: items };
    };
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(u.pathname);
    if (tag) {
      const names = [decodeURIComponent(tag[1] ?? ''), ...u.searchParams.getAll('any[]')].map((t) => t.toLowerCase());
      const all = new Map<string, FakeStatus>();
      for (const n of names) for (const s of state.tags.get(n) ?? []) all.set(s.id, s);
      return list([...all.values()]);
    }
    if (u.pathname === '/api/v1/accounts/lookup') {
      const a = state.accounts.get(u.searchParams.get('acct') ?? '');
      return a ? { status: 200, headers: rate, body: a.account } : { status: 404, headers: rate, body: { error: 'Record not found' } };
    }
    const acc = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(u.pathname);
    if (acc) {
      const a = [...state.accounts.values()].find((x) => x.account['id'] === acc[1]);
      return a ? list(a.statuses) : { status: 404, headers: rate, body: { error: 'Record not found' } };
    }
    if (u.pathname === '/api/v1/notifications' || u.pathname === '/api/v1/accounts/verify_credentials') {
      const me = state.me;
      if (!me || req.headers.authorization !== `Bearer ${me.token}`) return { status: 401, headers: rate, body: { error: 'The access token is invalid' } };
      if (u.pathname.endsWith('verify_credentials')) return { status: 200, headers: rate, body: me.account };
      const types = u.searchParams.getAll('types[]');
      return list(types.length ? me.notifications.filter((n) => types.includes(String(n['type']))) : me.notifications);
    }
    if (u.pathname === '/api/v2/search' && u.searchParams.get('type') === 'statuses') {
      const q = (u.searchParams.get('q') ?? '').toLowerCase();
      const hits = state.searchable.filter((s) => String(s['content'] ?? '').toLowerCase().includes(q));
      return { status: 200, headers: rate, body: { accounts: [], statuses: page(hits, u.searchParams, state.pageSize), hashtags: [] } };
    }
    return { status: 404, headers: rate, body: { error: 'Not found' } };
  };
  const stream = (req: IncomingMessage, res: import('node:http').ServerResponse): boolean => {
    const u = new URL(req.url ?? '/', state.url);
    if (!u.pathname.startsWith('/api/v1/streaming')) return false;
    state.requests.push(u);
    state.authorizations.push(req.headers.authorization);
    const fail = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
      return true;
    };
    if (!state.streaming) return fail(404, { error: 'Not found' });
    if (state.refuseStreams && state.refuseStreams.times-- > 0) return fail(429, { error: 'Too many requests' }, { 'retry-after': state.refuseStreams.retryAfter });
    let name: string;
    if (u.pathname === '/api/v1/streaming/hashtag' && u.searchParams.get('tag')) name = `hashtag:${(u.searchParams.get('tag') ?? '').toLowerCase()}`;
    else if (u.pathname === '/api/v1/streaming/user/notification') {
      if (!state.me || req.headers.authorization !== `Bearer ${state.me.token}`) return fail(401, { error: 'Error: Missing access token' });
      name = 'user:notification';
    } else return fail(400, { error: 'Unknown stream type' });
    state.streamConnects++;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'transfer-encoding': 'chunked' });
    res.write(':)\n');
    const entry = { name, res };
    state.streams.push(entry);
    res.on('close', () => {
      const i = state.streams.indexOf(entry);
      if (i >= 0) state.streams.splice(i, 1);
    });
    return true;
  };
  server = createServer((req, res) => {
    if (stream(req, res)) return;
    const r = handle(req);
    res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
    res.end(JSON.stringify(r.body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
};
