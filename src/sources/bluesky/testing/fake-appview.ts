import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALICE, BOB, BRAND, quotePost, replyPost, richPost, externalPost, quoteWithMediaPost } from './records.ts';

/**
 * A local server in the shape of a Bluesky PDS + AppView for the XRPC calls relais makes:
 * createSession / refreshSession (JWTs with a real `exp`), app.bsky.feed.searchPosts (q, sort,
 * since, lang, limit, cursor) and app.bsky.notification.listNotifications (limit, cursor), with
 * the documented response shapes (lexicons app.bsky.feed.defs#postView and
 * app.bsky.notification.listNotifications#notification). XRPC errors are `{error, message}`.
 */

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
export const makeJwt = (sub: string, expSeconds: number, scope: string): string =>
  `${b64({ typ: 'at+jwt', alg: 'ES256K' })}.${b64({ scope, sub, iat: expSeconds - 7200, exp: expSeconds })}.c2ln`;

export interface PostViewFixture {
  readonly uri: string;
  readonly cid: string;
  readonly author: { did: string; handle: string; displayName?: string; avatar?: string };
  readonly record: Record<string, unknown>;
  readonly replyCount: number;
  readonly repostCount: number;
  readonly likeCount: number;
  readonly quoteCount: number;
  readonly indexedAt: string;
  readonly labels: unknown[];
}

export interface NotificationFixture {
  readonly uri: string;
  readonly cid: string;
  readonly author: { did: string; handle: string; displayName?: string };
  readonly reason: string;
  readonly reasonSubject?: string;
  readonly record: Record<string, unknown>;
  readonly isRead: boolean;
  readonly indexedAt: string;
  readonly labels: unknown[];
}

const handles: Record<string, string> = { [ALICE]: 'alice.example.com', [BOB]: 'bob.example.com', [BRAND]: 'coupechou.fr' };
const templates = [richPost, replyPost, quotePost, quoteWithMediaPost, externalPost] as ReadonlyArray<Record<string, unknown>>;

/** `n` post views, newest first, one minute apart, ending at `newest`. */
export const postViews = (n: number, newest = Date.parse('2026-12-01T12:00:00Z')): PostViewFixture[] =>
  Array.from({ length: n }, (_, i) => {
    const did = [ALICE, BOB][i % 2] as string;
    const at = new Date(newest - i * 60_000).toISOString();
    const template = templates[i % templates.length] as Record<string, unknown>;
    return {
      uri: `at://${did}/app.bsky.feed.post/3lbview${i}`,
      cid: `bafyreiview${i}`,
      author: { did, handle: handles[did] as string, displayName: i % 2 ? 'Bob' : 'Alice', avatar: `https://cdn.bsky.example/avatar/${i % 2}.jpg` },
      record: { ...template, text: `${String(template['text'])} barbier ${i}`, createdAt: at },
      replyCount: i % 3,
      repostCount: i % 4,
      likeCount: i,
      quoteCount: i % 2,
      indexedAt: at,
      labels: [],
    };
  });

/** The brand's notifications, newest first: a reply, a mention, a quote, likes, a repost, a follow. */
export const brandNotifications = (newest = Date.parse('2026-12-01T12:00:00Z')): NotificationFixture[] => {
  const at = (min: number) => new Date(newest - min * 60_000).toISOString();
  const own = `at://${BRAND}/app.bsky.feed.post/3lbquoted22aa`;
  const mention = { ...richPost, createdAt: at(2) };
  return [
    { uri: `at://${ALICE}/app.bsky.feed.post/3lbnreply222a`, cid: 'c1', author: { did: ALICE, handle: 'alice.example.com', displayName: 'Alice' }, reason: 'reply', reasonSubject: own, record: { ...replyPost, createdAt: at(1) }, isRead: false, indexedAt: at(1), labels: [] },
    { uri: `at://${BOB}/app.bsky.feed.post/3lbnmention22`, cid: 'c2', author: { did: BOB, handle: 'bob.example.com' }, reason: 'mention', record: mention, isRead: false, indexedAt: at(2), labels: [] },
    { uri: `at://${ALICE}/app.bsky.feed.post/3lbnquote222a`, cid: 'c3', author: { did: ALICE, handle: 'alice.example.com' }, reason: 'quote', reasonSubject: own, record: { ...quotePost, createdAt: at(3) }, isRead: false, indexedAt: at(3), labels: [] },
    { uri: `at://${ALICE}/app.bsky.feed.like/3lbnlike2222a`, cid: 'c4', author: { did: ALICE, handle: 'alice.example.com' }, reason: 'like', reasonSubject: own, record: { $type: 'app.bsky.feed.like', subject: { uri: own, cid: 'x' }, createdAt: at(4) }, isRead: true, indexedAt: at(4), labels: [] },
    { uri: `at://${BOB}/app.bsky.feed.like/3lbnlike2222b`, cid: 'c5', author: { did: BOB, handle: 'bob.example.com' }, reason: 'like', reasonSubject: own, record: { $type: 'app.bsky.feed.like', subject: { uri: own, cid: 'x' }, createdAt: at(5) }, isRead: true, indexedAt: at(5), labels: [] },
    { uri: `at://${BOB}/app.bsky.feed.repost/3lbnrepost22a`, cid: 'c6', author: { did: BOB, handle: 'bob.example.com' }, reason: 'repost', reasonSubject: own, record: { $type: 'app.bsky.feed.repost', subject: { uri: own, cid: 'x' }, createdAt: at(6) }, isRead: true, indexedAt: at(6), labels: [] },
    { uri: `at://${BOB}/app.bsky.graph.follow/3lbnfollow22a`, cid: 'c7', author: { did: BOB, handle: 'bob.example.com' }, reason: 'follow', record: { $type: 'app.bsky.graph.follow', subject: BRAND, createdAt: at(7) }, isRead: true, indexedAt: at(7), labels: [] },
  ];
};

export interface XrpcReply {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeBlueskyState {
  identifier: string;
  password: string;
  posts: PostViewFixture[];
  notifications: NotificationFixture[];
  /** Seconds of life of an access token. */
  accessTtl: number;
  /** Answer ExpiredToken to this many next authenticated calls (as a PDS does for an expired token). */
  expireNext: number;
  /** Refuse refreshes (the refresh token was revoked). */
  refuseRefresh: boolean;
  /** Check the identifier and password of a login (off where requests cannot carry a body). */
  checkLogin: boolean;
  /** When set, the search answers exactly these items (to serve malformed ones). */
  searchOverride: unknown[] | undefined;
  readonly calls: Array<{ method: string; nsid: string; params: URLSearchParams; auth: string | undefined }>;
  readonly issued: { access: Set<string>; refresh: Set<string> };
}

const json = (status: number, body: unknown): XrpcReply => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const xrpcError = (status: number, error: string, message: string): XrpcReply => json(status, { error, message });

export const createFakeBlueskyState = (now: () => number = Date.now): FakeBlueskyState & { answer(method: string, url: URL, auth: string | undefined, body: string): XrpcReply } => {
  let serial = 0;
  const state: FakeBlueskyState = {
    identifier: 'coupechou.fr',
    password: 'abcd-efgh-ijkl-mnop',
    posts: postViews(250),
    notifications: brandNotifications(),
    accessTtl: 7200,
    expireNext: 0,
    refuseRefresh: false,
    checkLogin: true,
    searchOverride: undefined,
    calls: [],
    issued: { access: new Set(), refresh: new Set() },
  };
  const session = () => {
    serial++;
    const exp = Math.floor(now() / 1000);
    const accessJwt = makeJwt(BRAND, exp + state.accessTtl, `access-${serial}`);
    const refreshJwt = makeJwt(BRAND, exp + 90 * 86400, `refresh-${serial}`);
    state.issued.access.add(accessJwt);
    state.issued.refresh.add(refreshJwt);
    return json(200, { did: BRAND, handle: 'coupechou.fr', accessJwt, refreshJwt, active: true });
  };
  const authorised = (auth: string | undefined): XrpcReply | undefined => {
    const token = auth?.replace(/^Bearer /, '');
    if (!token || !state.issued.access.has(token)) return xrpcError(401, 'AuthenticationRequired', 'Authentication Required');
    if (state.expireNext > 0) {
      state.expireNext--;
      return xrpcError(400, 'ExpiredToken', 'Token has expired');
    }
    return undefined;
  };
  const page = <T>(all: readonly T[], params: URLSearchParams, key: string): XrpcReply => {
    const limit = Math.min(Number(params.get('limit') ?? 25), 100);
    const offset = Number(params.get('cursor') ?? 0);
    const slice = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? String(offset + limit) : undefined;
    return json(200, { [key]: slice, ...(next ? { cursor: next } : {}) });
  };
  const answer = (method: string, url: URL, auth: string | undefined, body: string): XrpcReply => {
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    state.calls.push({ method, nsid, params: url.searchParams, auth });
    const p = url.searchParams;
    switch (nsid) {
      case 'com.atproto.server.createSession': {
        if (method !== 'POST') return xrpcError(405, 'InvalidRequest', 'POST only');
        let input: { identifier?: string; password?: string } = {};
        try {
          input = JSON.parse(body || '{}') as typeof input;
        } catch {
          return xrpcError(400, 'InvalidRequest', 'bad JSON');
        }
        if (state.checkLogin && (input.identifier !== state.identifier || input.password !== state.password)) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
        return session();
      }
      case 'com.atproto.server.refreshSession': {
        const token = auth?.replace(/^Bearer /, '');
        if (state.refuseRefresh || !token || !state.issued.refresh.has(token)) return xrpcError(400, 'ExpiredToken', 'Token has been revoked');
        state.issued.refresh.delete(token);
        return session();
      }
      case 'app.bsky.feed.searchPosts': {
        const q = (p.get('q') ?? '').toLowerCase();
        if (!q) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"');
        if (state.searchOverride) return json(200, { posts: state.searchOverride });
        const since = p.get('since');
        const lang = p.get('lang');
        const hits = state.posts.filter(
          (v) =>
            String(v.record['text']).toLowerCase().includes(q) &&
            (!since || Date.parse(v.indexedAt) >= Date.parse(since)) &&
            (!lang || ((v.record['langs'] as string[] | undefined) ?? []).some((l) => l.startsWith(lang))),
        );
        return page(hits, p, 'posts');
      }
      case 'app.bsky.notification.listNotifications': {
        const refused = authorised(auth);
        if (refused) return refused;
        return page(state.notifications, p, 'notifications');
      }
      default:
        return xrpcError(501, 'MethodNotImplemented', `Method Not Implemented: ${nsid}`);
    }
  };
  return Object.assign(state, { answer });
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

export interface FakeBluesky {
  readonly url: string;
  readonly state: ReturnType<typeof createFakeBlueskyState>;
  close(): Promise<void>;
}

export const startFakeBluesky = async (now: () => number = Date.now): Promise<FakeBluesky> => {
  const state = createFakeBlueskyState(now);
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const r = state.answer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), req.headers.authorization, body);
    res.writeHead(r.status, r.headers ?? {});
    res.end(r.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
