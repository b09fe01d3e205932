import { z } from 'zod';
import type { MentionDraft } from '../../core/mention.ts';
import { FetchError, type FetchResult } from '../http/safe-fetch.ts';
import { SourceError, type Source, type SourceContext, type SourceResult, type SourceState } from '../source.ts';
import { parseLinkHeader } from './link-header.ts';
import { newestId, statusesToDrafts, type NormaliseIssue } from './normalise.ts';
import { notificationsToDrafts } from './notifications.ts';
import { accountLookupSchema, searchResultSchema } from './status.schema.ts';

/**
 * Mastodon listening (ADR 0090): a hashtag timeline, a public status search, or one account's
 * statuses, read through the public REST API with the SSRF-safe fetcher (no client library:
 * masto.js brings its own HTTP stack, which would bypass the guard).
 *
 * Cursor: the newest status id seen. With a cursor, the first request asks `min_id=<cursor>`
 * (the statuses just after it) and pagination follows `rel="prev"` (newer) until a page is
 * empty or the page cap is reached; the cursor then moves to the newest id seen, so a capped
 * run resumes where it stopped. Without a cursor (first run) pagination follows `rel="next"`
 * (older) to backfill up to the page cap.
 * Rate limits: when `X-RateLimit-Remaining` reaches 0 the run stops paginating and reports
 * `retryAfter` until `X-RateLimit-Reset`; a 429 on the first page is a retry SourceError with
 * Retry-After, on a later page the run keeps what it has and reports the wait.
 */

/** Notification types read in `notifications` mode (replies arrive as `mention`). */
export const mastodonNotificationTypes = ['mention', 'reblog', 'favourite', 'quote'] as const;

export const mastodonConfigSchema = z
  .object({
  /** The server's base URL, e.g. `https://mastodon.social`. */
  server: z.string().url(),
  /**
   * A hashtag (with or without `#`), a search query, an account (`user` or `user@server`), or
   * the notifications of the account whose `accessToken` is given (ADR 0122).
   */
  mode: z.enum(['hashtag', 'search', 'account', 'notifications']),
  value: z.string().trim().default(''),
  /** A connected account's token, sent as `Authorization: Bearer` (required for notifications). */
  accessToken: z.string().min(1).optional(),
  /** Notifications mode: the types to read (all four by default). */
  types: z.array(z.enum(mastodonNotificationTypes)).min(1).optional(),
  /** Hashtag mode: more tags, any of which matches (`any[]=` on the tag timeline). */
  anyTags: z.array(z.string().trim().min(1)).max(4).optional(),
  /** At most this many pages per run (40 statuses each). */
  maxPages: z.number().int().min(1).max(20).optional(),
})
  .refine((c) => c.mode === 'notifications' || c.value.length > 0, { message: 'a hashtag, a search or an account is required', path: ['value'] })
  .refine((c) => c.mode !== 'notifications' || c.accessToken !== undefined, { message: 'reading notifications needs an access token', path: ['accessToken'] });

export type MastodonSourceConfig = z.input<typeof mastodonConfigSchema>;
type ParsedConfig = z.output<typeof mastodonConfigSchema>;

export const DEFAULT_MAX_PAGES = 5;
export const PAGE_SIZE = 40;

export interface MastodonSourceResult extends SourceResult {
  /** Statuses the server returned that could not be read (skipped, not fatal). */
  readonly skipped: readonly NormaliseIssue[];
  readonly pages: number;
}

type Ok = Extract<FetchResult, { kind: 'ok' }>;

export const reconnectMessage = (host: string, status: number): string =>
  `${host} refused the access token (HTTP ${status}): the account must be reconnected with a new token`;

const asSourceError = (e: unknown, authorized: boolean, url: string): unknown => {
  if (!(e instanceof FetchError)) return e;
  // A refused token is not a passing failure: retrying will not help until a person reconnects.
  if (authorized && (e.status === 401 || e.status === 403)) return new SourceError('fetch', 'reconnect', reconnectMessage(new URL(url).host, e.status));
  return new SourceError('fetch', e.action, e.message, e.retryAfterSeconds, e);
};

const parseJson = (res: Ok): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new SourceError('parse', 'retry', `${res.url}: the answer is not JSON`);
  }
};

/** Seconds to wait when the rate-limit window is used up, from X-RateLimit-Reset (an ISO date). */
const exhaustedWait = (headers: Readonly<Record<string, string>>, now: Date): number | undefined => {
  const remaining = headers['x-ratelimit-remaining'];
  if (remaining === undefined || Number(remaining) > 0) return undefined;
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  // No readable reset: Mastodon's window is 5 minutes.
  return Number.isNaN(reset) ? 300 : Math.max(1, Math.ceil((reset - now.getTime()) / 1000));
};

const endpoint = (config: { server: string }): URL => new URL(config.server.endsWith('/') ? config.server : `${config.server}/`);

/** The first page's URL; the account id is looked up when the mode is `account`. */
const firstPageUrl = async (config: ParsedConfig, cursor: string | undefined, ctx: SourceContext): Promise<URL> => {
  const base = endpoint(config);
  let url: URL;
  if (config.mode === 'notifications') {
    url = new URL('api/v1/notifications', base);
    for (const t of config.types ?? mastodonNotificationTypes) url.searchParams.append('types[]', t);
  } else if (config.mode === 'hashtag') {
    url = new URL(`api/v1/timelines/tag/${encodeURIComponent(config.value.replace(/^#/, ''))}`, base);
    for (const t of config.anyTags ?? []) url.searchParams.append('any[]', t.replace(/^#/, ''));
  } else if (config.mode === 'search') {
    url = new URL('api/v2/search', base);
    url.searchParams.set('type', 'statuses');
    url.searchParams.set('q', config.value);
  } else {
    const lookup = new URL('api/v1/accounts/lookup', base);
    lookup.searchParams.set('acct', config.value.replace(/^@/, ''));
    const res = await get(lookup.href, ctx, config.accessToken);
    if (res.kind !== 'ok') throw new SourceError('fetch', 'retry', `${lookup.href}: unexpected 304`);
    const account = accountLookupSchema.safeParse(parseJson(res));
    if (!account.success) throw new SourceError('parse', 'retry', `${lookup.href}: not an account`);
    url = new URL(`api/v1/accounts/${encodeURIComponent(account.data.id)}/statuses`, base);
  }
  url.searchParams.set('limit', String(PAGE_SIZE));
  if (cursor) url.searchParams.set('min_id', cursor);
  return url;
};

const get = async (url: string, ctx: SourceContext, token: string | undefined, etag?: string): Promise<FetchResult> => {
  try {
    return await ctx.fetcher({ url, signal: ctx.signal, accept: 'application/json', ...(etag ? { etag } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) });
  } catch (e) {
    throw asSourceError(e, token !== undefined, url);
  }
};

const statusesOf = (config: ParsedConfig, payload: unknown, url: string): readonly unknown[] => {
  if (config.mode === 'search') {
    const r = searchResultSchema.safeParse(payload);
    if (!r.success) throw new SourceError('parse', 'retry', `${url}: not a search result`);
    return r.data.statuses;
  }
  if (!Array.isArray(payload)) throw new SourceError('parse', 'retry', `${url}: not a list of statuses`);
  return payload;
};

/** A Source whose result also says what it skipped and how many pages it read. */
export interface MastodonSource extends Source<MastodonSourceConfig> {
  fetch(config: MastodonSourceConfig, state: SourceState, ctx: SourceContext): Promise<MastodonSourceResult>;
}

export const mastodonSource: MastodonSource = {
  network: 'mastodon',
  async fetch(rawConfig, state, ctx): Promise<MastodonSourceResult> {
    const parsedConfig = mastodonConfigSchema.safeParse(rawConfig);
    if (!parsedConfig.success) throw new SourceError('config', 'give-up', `Mastodon source: ${parsedConfig.error.issues[0]?.message ?? 'bad config'}`);
    const config = parsedConfig.data;
    const serverHost = endpoint(config).host;
    const maxPages = config.maxPages ?? DEFAULT_MAX_PAGES;
    const first = (await firstPageUrl(config, state.cursor, ctx)).href;
    // With a cursor the walk goes newer (prev); the first run backfills older (next).
    const direction = state.cursor ? 'prev' : 'next';

    const items: MentionDraft[] = [];
    const skipped: NormaliseIssue[] = [];
    const seen = new Set<string>();
    let cursor = state.cursor;
    let etag: string | undefined;
    let lastModified: string | undefined;
    let retryAfter: number | undefined;
    let pages = 0;
    let next: string | undefined = first;
    while (next !== undefined && pages < maxPages) {
      let res: FetchResult;
      try {
        res = await get(next, ctx, config.accessToken, pages === 0 ? state.etag : undefined);
      } catch (e) {
        // A later page failed for a retryable reason: keep what was read; the cursor only
        // covers pages read completely, so the next run continues from there.
        if (pages > 0 && e instanceof SourceError && e.action === 'retry') {
          retryAfter = e.retryAfterSeconds ?? retryAfter;
          break;
        }
        throw e;
      }
      if (res.kind === 'not-modified') {
        return { items: [], state, notModified: true, skipped: [], pages: 0 };
      }
      pages++;
      if (pages === 1) {
        etag = res.etag;
        lastModified = res.lastModified;
      }
      const page = statusesOf(config, parseJson(res), res.url);
      const normalised = config.mode === 'notifications' ? notificationsToDrafts(page, serverHost) : statusesToDrafts(page, serverHost);
      for (const d of normalised.drafts) {
        if (seen.has(d.externalId)) continue;
        seen.add(d.externalId);
        items.push(d);
      }
      skipped.push(...normalised.issues);
      cursor = newestId(normalised.ids, cursor);
      const wait = exhaustedWait(res.headers, ctx.clock.now());
      if (wait !== undefined) {
        retryAfter = wait;
        break;
      }
      if (page.length === 0) break;
      next = parseLinkHeader(res.headers['link'], res.url)[direction];
    }
    return {
      items,
      state: {
        ...(cursor ? { cursor } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      },
      notModified: false,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      skipped,
      pages,
    };
  },
};
