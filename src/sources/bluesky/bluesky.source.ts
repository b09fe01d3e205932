import { z } from 'zod';
import type { MentionDraft } from '../../core/mention.ts';
import { SourceError, type Source, type SourceContext, type SourceResult, type SourceState } from '../source.ts';
import { postToDraft } from './normalise.ts';
import { createSessionStore, withSession, type BlueskyCredentials, type SessionStore } from './session.ts';
import { parseRecordUri, POST_COLLECTION } from './syntax.ts';
import { listNotificationsSchema, notificationSchema, postViewSchema, searchPostsSchema } from './views.schema.ts';
import { toSourceError, xrpc, xrpcUrl, type XrpcAnswer } from './xrpc.ts';

/**
 * Bluesky pull connectors (ADR 0112), run every minute by the scheduler, every request through
 * the SSRF-safe fetcher:
 *   - `search`: app.bsky.feed.searchPosts (sort=latest, `since` = the newest post seen last
 *     time, optional `lang`), paginated with `cursor`; on the public AppView, or through the
 *     account's PDS when credentials are given (the public AppView may refuse anonymous search);
 *   - `notifications`: app.bsky.notification.listNotifications of a connected account (app
 *     password, session in session.ts); mention, reply and quote become mentions, like and
 *     repost are counted per subject post (`reactions`), other reasons are ignored. Pages are
 *     read newest first until the newest notification seen last time.
 *   - `firehose` is not pulled: the global Jetstream consumer serves it (app/ingest/bluesky-firehose.ts).
 * The cursor is the newest `indexedAt` seen (an ISO date).
 */

export const PUBLIC_APPVIEW = 'https://public.api.bsky.app';
export const DEFAULT_MAX_PAGES = 3;

const pages = z.number().int().min(1).max(20).optional();
export const blueskyConfigSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('search'),
    q: z.string().trim().min(1),
    lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
    service: z.string().url().optional(),
    identifier: z.string().min(1).optional(),
    appPassword: z.string().min(1).optional(),
    maxPages: pages,
  }),
  z.object({
    mode: z.literal('notifications'),
    service: z.string().url(),
    identifier: z.string().min(1),
    appPassword: z.string().min(1),
    maxPages: pages,
  }),
  z.object({ mode: z.literal('firehose') }),
]);
export type BlueskySourceConfig = z.infer<typeof blueskyConfigSchema>;

export interface SkippedItem {
  readonly uri?: string;
  readonly reason: string;
}

/** Likes and reposts of one of the account's posts, counted in this run. */
export interface Reaction {
  readonly subject: string;
  readonly likes: number;
  readonly reposts: number;
}

export interface BlueskySourceResult extends SourceResult {
  readonly skipped: readonly SkippedItem[];
  readonly pages: number;
  readonly reactions: readonly Reaction[];
}

export interface BlueskySource extends Source<BlueskySourceConfig> {
  fetch(config: BlueskySourceConfig, state: SourceState, ctx: SourceContext): Promise<BlueskySourceResult>;
}

const newer = (a: string | undefined, b: string | undefined): string | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

const viewToDraft = (view: unknown, skipped: SkippedItem[]): { draft: MentionDraft; indexedAt: string } | undefined => {
  const v = postViewSchema.safeParse(view);
  if (!v.success) {
    skipped.push({ reason: `not a post view: ${v.error.issues[0]?.path.join('.') ?? ''} ${v.error.issues[0]?.message ?? ''}` });
    return undefined;
  }
  const at = parseRecordUri(v.data.uri);
  if (!at || at.collection !== POST_COLLECTION) {
    skipped.push({ uri: v.data.uri, reason: 'not a post URI' });
    return undefined;
  }
  const p = v.data;
  const r = postToDraft({
    did: p.author.did,
    rkey: at.rkey,
    record: p.record,
    handle: p.author.handle,
    ...(p.author.displayName ? { displayName: p.author.displayName } : {}),
    ...(p.author.avatar ? { avatar: p.author.avatar } : {}),
    metrics: {
      ...(p.replyCount !== undefined ? { replies: p.replyCount } : {}),
      ...(p.repostCount !== undefined ? { reposts: p.repostCount } : {}),
      ...(p.likeCount !== undefined ? { likes: p.likeCount } : {}),
      ...(p.quoteCount !== undefined ? { quotes: p.quoteCount } : {}),
    },
  });
  if (!r.ok) {
    skipped.push({ uri: p.uri, reason: r.reason });
    return undefined;
  }
  return { draft: r.draft, indexedAt: p.indexedAt };
};

interface PageWalk {
  items: MentionDraft[];
  skipped: SkippedItem[];
  reactions: Map<string, { likes: number; reposts: number }>;
  newest: string | undefined;
  pages: number;
  etag: string | undefined;
}

const parsePage = <T>(answer: XrpcAnswer, schema: z.ZodType<T>, url: string, what: string): T | 'not-modified' => {
  if (answer.kind === 'not-modified') return 'not-modified';
  const page = schema.safeParse(answer.json);
  if (!page.success) throw new SourceError('parse', 'retry', `${url}: not ${what}`);
  return page.data;
};

type Walk = PageWalk | 'not-modified';

const search = async (
  config: Extract<BlueskySourceConfig, { mode: 'search' }>,
  state: SourceState,
  ctx: SourceContext,
  sessions: SessionStore,
): Promise<Walk> => {
  const creds: BlueskyCredentials | undefined =
    config.identifier && config.appPassword ? { service: config.service ?? 'https://bsky.social', identifier: config.identifier, appPassword: config.appPassword } : undefined;
  const service = creds ? creds.service : (config.service ?? PUBLIC_APPVIEW);
  const walk: PageWalk = { items: [], skipped: [], reactions: new Map(), newest: state.cursor, pages: 0, etag: undefined };
  const seen = new Set<string>();
  let cursor: string | undefined;
  while (walk.pages < (config.maxPages ?? DEFAULT_MAX_PAGES)) {
    const url = xrpcUrl(service, 'app.bsky.feed.searchPosts', { q: config.q, sort: 'latest', limit: '100', since: state.cursor, lang: config.lang, cursor });
    const etag = walk.pages === 0 ? state.etag : undefined;
    const call = (token?: string) => xrpc(ctx, { url, ...(token ? { token } : {}), ...(etag ? { etag } : {}) });
    const answer = creds ? await withSession(creds, sessions, ctx, (s) => call(s.accessJwt)) : await call();
    const page = parsePage(answer, searchPostsSchema, url, 'a search result');
    if (page === 'not-modified') return 'not-modified';
    if (walk.pages === 0 && answer.kind === 'ok') walk.etag = answer.etag;
    walk.pages++;
    for (const view of page.posts) {
      const d = viewToDraft(view, walk.skipped);
      if (!d || seen.has(d.draft.externalId)) continue;
      seen.add(d.draft.externalId);
      walk.items.push(d.draft);
      walk.newest = newer(walk.newest, d.indexedAt);
    }
    if (!page.cursor || page.posts.length === 0) break;
    cursor = page.cursor;
  }
  return walk;
};

const notifications = async (
  config: Extract<BlueskySourceConfig, { mode: 'notifications' }>,
  state: SourceState,
  ctx: SourceContext,
  sessions: SessionStore,
): Promise<Walk> => {
  const walk: PageWalk = { items: [], skipped: [], reactions: new Map(), newest: state.cursor, pages: 0, etag: undefined };
  const since = state.cursor ? Date.parse(state.cursor) : undefined;
  const seen = new Set<string>();
  let cursor: string | undefined;
  pages: while (walk.pages < (config.maxPages ?? DEFAULT_MAX_PAGES)) {
    const url = xrpcUrl(config.service, 'app.bsky.notification.listNotifications', { limit: '50', cursor });
    const etag = walk.pages === 0 ? state.etag : undefined;
    const answer = await withSession(config, sessions, ctx, (s) => xrpc(ctx, { url, token: s.accessJwt, ...(etag ? { etag } : {}) }));
    const page = parsePage(answer, listNotificationsSchema, url, 'a list of notifications');
    if (page === 'not-modified') return 'not-modified';
    if (walk.pages === 0 && answer.kind === 'ok') walk.etag = answer.etag;
    walk.pages++;
    for (const raw of page.notifications) {
      const n = notificationSchema.safeParse(raw);
      if (!n.success) {
        walk.skipped.push({ reason: `not a notification: ${n.error.issues[0]?.path.join('.') ?? ''} ${n.error.issues[0]?.message ?? ''}` });
        continue;
      }
      const note = n.data;
      // Newest first: once at what the last run saw, the rest is known.
      if (since !== undefined && Date.parse(note.indexedAt) <= since) break pages;
      walk.newest = newer(walk.newest, note.indexedAt);
      if (note.reason === 'like' || note.reason === 'repost') {
        const subject = note.reasonSubject;
        if (!subject) continue;
        const r = walk.reactions.get(subject) ?? { likes: 0, reposts: 0 };
        if (note.reason === 'like') r.likes++;
        else r.reposts++;
        walk.reactions.set(subject, r);
        continue;
      }
      if (note.reason !== 'mention' && note.reason !== 'reply' && note.reason !== 'quote') continue;
      const at = parseRecordUri(note.uri);
      if (!at || at.collection !== POST_COLLECTION) {
        walk.skipped.push({ uri: note.uri, reason: 'not a post URI' });
        continue;
      }
      const r = postToDraft({
        did: note.author.did,
        rkey: at.rkey,
        record: note.record,
        handle: note.author.handle,
        ...(note.author.displayName ? { displayName: note.author.displayName } : {}),
        ...(note.author.avatar ? { avatar: note.author.avatar } : {}),
      });
      if (!r.ok) {
        walk.skipped.push({ uri: note.uri, reason: r.reason });
        continue;
      }
      if (seen.has(r.draft.externalId)) continue;
      seen.add(r.draft.externalId);
      walk.items.push(r.draft);
    }
    if (!page.cursor || page.notifications.length === 0) break;
    cursor = page.cursor;
  }
  return walk;
};

export const createBlueskySource = (sessions: SessionStore = createSessionStore()): BlueskySource => ({
  network: 'bluesky',
  async fetch(rawConfig, state, ctx): Promise<BlueskySourceResult> {
    const parsed = blueskyConfigSchema.safeParse(rawConfig);
    if (!parsed.success) throw new SourceError('config', 'give-up', `Bluesky source: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'bad config'}`.trim());
    const config = parsed.data;
    if (config.mode === 'firehose') {
      // Nothing to pull: the firehose consumer stores these mentions as they happen.
      return { items: [], state, notModified: true, retryAfter: 3600, skipped: [], pages: 0, reactions: [] };
    }
    let walk: Walk;
    try {
      walk = config.mode === 'search' ? await search(config, state, ctx, sessions) : await notifications(config, state, ctx, sessions);
    } catch (e) {
      throw toSourceError(e);
    }
    if (walk === 'not-modified') return { items: [], state, notModified: true, skipped: [], pages: 0, reactions: [] };
    return {
      items: walk.items,
      state: { ...(walk.newest ? { cursor: walk.newest } : {}), ...(walk.etag ? { etag: walk.etag } : {}) },
      notModified: false,
      skipped: walk.skipped,
      pages: walk.pages,
      reactions: [...walk.reactions].map(([subject, r]) => ({ subject, ...r })),
    };
  },
});

/** The connector's source, with the process's sessions. */
export const blueskySource: BlueskySource = createBlueskySource();
