import { z } from 'zod';
import type { MentionDraft } from '../../core/mention.ts';
import { FetchError, type FetchResult } from '../http/safe-fetch.ts';
import { SourceError, type Source, type SourceContext, type SourceResult, type SourceState } from '../source.ts';
import { listingSchema, type Listing } from './listing.ts';
import { thingsToDrafts } from './normalise.ts';

/**
 * Reddit through its listing JSON (ADR 0171): a subreddit's newest posts (`/r/NAME/new.json`)
 * or comments (`/r/NAME/comments.json`), or a search sorted by date (`/search.json?q=…&sort=new`,
 * within one subreddit with `restrict_sr`). Requests go through the SSRF-safe fetcher.
 *
 * Listings run newest first and page backwards with `after` (the fullname of a page's last
 * thing). The cursor is the newest thing seen (`created_utc:fullname`): each run reads from the
 * newest page back until it meets a thing at or before the cursor. `before=<cursor>` would ask
 * for the newer things directly, but Reddit answers an empty listing when that anchor has been
 * removed or deleted, which would silence the source for good; walking back from the top has no
 * such failure. A run stops at the page cap; when that happens after a first run, the gap is
 * kept as a backlog (`after` where the run stopped, down to the previous cursor) and read after
 * the new things on the next runs.
 *
 * Rate limits: Reddit sends `x-ratelimit-remaining` (requests left, a decimal) and
 * `x-ratelimit-reset` (seconds until the window resets). When no request is left the run
 * stops paginating and reports `retryAfter`; a 429 on the run's first page is a retry
 * SourceError (Retry-After, else 60 s), on a later page the run keeps what it read.
 */

export const REDDIT_API = 'https://www.reddit.com';
export const PAGE_SIZE = 100;
export const DEFAULT_MAX_PAGES = 3;
/** Waiting time when Reddit says 429 or "no request left" without saying for how long. */
export const DEFAULT_WAIT_SECONDS = 60;

const subredditName = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\/?r\//i, '').replace(/\/+$/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/, 'not a subreddit name (letters, digits, _; 2 to 21 characters)'));

export const redditConfigSchema = z
  .object({
    /** A subreddit, with or without `r/`. */
    subreddit: subredditName.optional(),
    /** Search terms, as typed in Reddit's search (sorted by date). */
    query: z.string().trim().min(1).max(512).optional(),
    /** Subreddit mode: read its newest comments instead of its newest posts. */
    comments: z.boolean().optional(),
    /** The API root; tests point it at a local server. */
    baseUrl: z.string().url().optional(),
    /** At most this many pages (100 things each) per run. */
    maxPages: z.number().int().min(1).max(10).optional(),
  })
  .refine((c) => c.subreddit !== undefined || c.query !== undefined, { message: 'a Reddit source needs a subreddit or search terms' });

export type RedditSourceConfig = z.input<typeof redditConfigSchema>;
type Config = z.output<typeof redditConfigSchema>;

/** The first page's URL (no `after`), and the page after a given fullname. */
export const listingUrl = (config: Config, after?: string): string => {
  const root = (config.baseUrl ?? REDDIT_API).replace(/\/+$/, '');
  const params = new URLSearchParams();
  let path: string;
  if (config.query !== undefined) {
    path = config.subreddit ? `/r/${config.subreddit}/search.json` : '/search.json';
    params.set('q', config.query);
    params.set('sort', 'new');
    if (config.subreddit) params.set('restrict_sr', '1');
  } else path = `/r/${config.subreddit ?? ''}/${config.comments ? 'comments' : 'new'}.json`;
  params.set('limit', String(PAGE_SIZE));
  params.set('raw_json', '1');
  if (after) params.set('after', after);
  return `${root}${path}?${params.toString()}`;
};

/** A point in a listing: a thing's creation time (seconds) and fullname. */
export interface Mark {
  readonly created: number;
  readonly name: string;
}

/** The cursor: the newest thing seen, and the backlog a capped run left (read from `after` down to `downTo`). */
export interface RedditCursor {
  readonly newest: Mark;
  readonly backlog?: { readonly after: string; readonly downTo: Mark };
}

const MARK = /^(\d+(?:\.\d+)?):(t[13]_[a-z0-9]+)$/i;
const mark = (s: string | undefined): Mark | undefined => {
  const m = MARK.exec(s ?? '');
  return m ? { created: Number(m[1]), name: m[2] ?? '' } : undefined;
};
const showMark = (m: Mark): string => `${m.created}:${m.name}`;

export const parseCursor = (raw: string | undefined): RedditCursor | undefined => {
  const [head, after, downTo] = (raw ?? '').split(';');
  const newest = mark(head);
  if (!newest) return undefined;
  const to = mark(downTo);
  return after && /^t[13]_[a-z0-9]+$/i.test(after) && to ? { newest, backlog: { after, downTo: to } } : { newest };
};

export const formatCursor = (c: RedditCursor): string =>
  c.backlog ? `${showMark(c.newest)};${c.backlog.after};${showMark(c.backlog.downTo)}` : showMark(c.newest);

export interface RedditResult extends SourceResult {
  /** Things refused at the edge (malformed, removed, deleted), with why. */
  readonly skipped: number;
  readonly problems: readonly string[];
  /** The page cap (or the rate limit) stopped the run before it met the cursor. */
  readonly capped: boolean;
  readonly pages: number;
}

type Ok = Extract<FetchResult, { kind: 'ok' }>;

const get = async (ctx: SourceContext, url: string, etag: string | undefined): Promise<FetchResult> => {
  try {
    return await ctx.fetcher({ url, signal: ctx.signal, accept: 'application/json', ...(etag ? { etag } : {}) });
  } catch (e) {
    if (e instanceof FetchError) {
      const wait = e.retryAfterSeconds ?? (e.status === 429 ? DEFAULT_WAIT_SECONDS : undefined);
      throw new SourceError('fetch', e.action, e.message, wait, e);
    }
    throw e;
  }
};

const readListing = (res: Ok): Listing => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new SourceError('parse', 'retry', `${res.url}: the answer is not JSON`);
  }
  const parsed = listingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError('parse', 'retry', `${res.url}: not a Reddit listing (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'bad shape'})`);
  }
  return parsed.data;
};

/** Seconds to wait when the rate-limit window is used up, else undefined. */
export const exhaustedWait = (headers: Readonly<Record<string, string>>): number | undefined => {
  const remaining = Number.parseFloat(headers['x-ratelimit-remaining'] ?? '');
  if (Number.isNaN(remaining) || remaining >= 1) return undefined;
  const reset = Number.parseFloat(headers['x-ratelimit-reset'] ?? '');
  return Number.isFinite(reset) && reset >= 0 ? Math.max(1, Math.ceil(reset)) : DEFAULT_WAIT_SECONDS;
};

interface Walk {
  readonly drafts: MentionDraft[];
  readonly problems: string[];
  readonly newest?: Mark;
  /** Stopped before meeting `stopAt` or the end of the listing: where to continue. */
  readonly resumeAfter?: string;
  readonly pages: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly notModified: boolean;
  readonly retryAfter?: number;
}

const atOrBefore = (t: { created: number; name: string }, stop: Mark | undefined): boolean =>
  stop !== undefined && (t.name === stop.name || t.created < stop.created);

/** Reads a listing backwards from `after` (or the top) until `stopAt`, the end, the page budget or the rate limit. */
const walk = async (
  config: Config,
  ctx: SourceContext,
  opts: { readonly after?: string; readonly stopAt?: Mark; readonly budget: number; readonly etag?: string; readonly firstOfRun: boolean },
): Promise<Walk> => {
  const drafts: MentionDraft[] = [];
  const problems: string[] = [];
  let newest: Mark | undefined;
  let etag: string | undefined;
  let lastModified: string | undefined;
  let after = opts.after;
  let pages = 0;
  const done = (extra: Partial<Walk> = {}): Walk => ({
    drafts, problems, pages, notModified: false,
    ...(newest ? { newest } : {}), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), ...extra,
  });
  for (;;) {
    if (pages >= opts.budget) return done(after ? { resumeAfter: after } : {});
    const first = opts.firstOfRun && pages === 0;
    let res: FetchResult;
    try {
      // The validator belongs to the run's first page only: later pages move as posts arrive.
      res = await get(ctx, listingUrl(config, after), first ? opts.etag : undefined);
    } catch (e) {
      if (!first && e instanceof SourceError && e.action === 'retry') {
        return done({ ...(after ? { resumeAfter: after } : {}), ...(e.retryAfterSeconds !== undefined ? { retryAfter: e.retryAfterSeconds } : {}) });
      }
      throw e;
    }
    if (res.kind === 'not-modified') return done({ notModified: true, ...(res.etag ? { etag: res.etag } : {}) });
    pages++;
    if (first) {
      etag = res.etag;
      lastModified = res.lastModified;
    }
    const listing = readListing(res);
    const out = thingsToDrafts(listing.data.children);
    problems.push(...out.problems.map((p) => `${after ? `after ${after}` : 'first page'}, ${p}`));
    let reached = false;
    const kept = new Set<string>();
    for (const t of out.seen) {
      if (atOrBefore(t, opts.stopAt)) {
        reached = true;
        break;
      }
      kept.add(t.name);
      if (newest === undefined || t.created > newest.created) newest = { created: t.created, name: t.name };
    }
    drafts.push(...out.drafts.filter((d) => kept.has(d.externalId)));
    const next = listing.data.after ?? undefined;
    const wait = exhaustedWait(res.headers);
    if (reached || !next || listing.data.children.length === 0) return done(wait !== undefined ? { retryAfter: wait } : {});
    after = next;
    if (wait !== undefined) return done({ resumeAfter: after, retryAfter: wait });
  }
};

export interface RedditSource extends Source<RedditSourceConfig> {
  fetch(config: RedditSourceConfig, state: SourceState, ctx: SourceContext): Promise<RedditResult>;
}

export const redditSource: RedditSource = {
  network: 'reddit',
  async fetch(rawConfig, state, ctx) {
    const parsedConfig = redditConfigSchema.safeParse(rawConfig);
    if (!parsedConfig.success) throw new SourceError('config', 'give-up', `Reddit source: ${parsedConfig.error.issues[0]?.message ?? 'bad config'}`);
    const config = parsedConfig.data;
    const maxPages = config.maxPages ?? DEFAULT_MAX_PAGES;
    const cursor = parseCursor(state.cursor);

    const fresh = await walk(config, ctx, { budget: maxPages, firstOfRun: true, ...(cursor ? { stopAt: cursor.newest } : {}), ...(state.etag ? { etag: state.etag } : {}) });
    if (fresh.notModified) {
      return { items: [], state: { ...state, ...(fresh.etag ? { etag: fresh.etag } : {}) }, notModified: true, skipped: 0, problems: [], capped: false, pages: 0 };
    }
    let backlog = cursor?.backlog;
    let older: Walk | undefined;
    if (fresh.resumeAfter !== undefined) {
      // A first run reads only the newest pages; later runs keep the gap they could not read.
      backlog = cursor ? { after: fresh.resumeAfter, downTo: cursor.newest } : undefined;
    } else if (backlog && fresh.retryAfter === undefined && fresh.pages < maxPages) {
      older = await walk(config, ctx, { after: backlog.after, stopAt: backlog.downTo, budget: maxPages - fresh.pages, firstOfRun: false });
      backlog = older.resumeAfter !== undefined ? { after: older.resumeAfter, downTo: backlog.downTo } : undefined;
    }
    const items: MentionDraft[] = [];
    const seen = new Set<string>();
    // Pages shift when things arrive between two requests: the same thing may come twice.
    for (const d of [...fresh.drafts, ...(older?.drafts ?? [])]) {
      if (seen.has(d.externalId)) continue;
      seen.add(d.externalId);
      items.push(d);
    }
    const newest = [fresh.newest, cursor?.newest].filter((m): m is Mark => m !== undefined).sort((a, b) => b.created - a.created)[0];
    const retryAfter = older?.retryAfter ?? fresh.retryAfter;
    const problems = [...fresh.problems, ...(older?.problems ?? []).map((p) => `backlog ${p}`)];
    return {
      items,
      state: {
        ...(newest ? { cursor: formatCursor({ newest, ...(backlog ? { backlog } : {}) }) } : {}),
        ...(fresh.etag ? { etag: fresh.etag } : {}),
        ...(fresh.lastModified ? { lastModified: fresh.lastModified } : {}),
      },
      notModified: false,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      skipped: problems.length,
      problems,
      capped: backlog !== undefined || (fresh.resumeAfter !== undefined && !cursor),
      pages: fresh.pages + (older?.pages ?? 0),
    };
  },
};
