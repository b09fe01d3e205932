import type { MentionDraft } from '../../core/mention.ts';
import { FetchError, type FetchResult } from '../http/safe-fetch.ts';
import { SourceError, type Source, type SourceContext, type SourceResult, type SourceState } from '../source.ts';
import { pageSchema, type Page } from './hit.ts';
import { hitsToDrafts } from './normalise.ts';

/**
 * Hacker News through its public search API (Algolia, ADR 0095): `search_by_date` for a query,
 * newest first, paged. The cursor is the newest `created_at_i` seen; each run asks for hits
 * newer than the cursor minus an overlap (Algolia indexes some items late; the ingest pipeline
 * deduplicates on the network id, so a re-read hit costs nothing but a lookup), and pages until
 * the network has no more or the page cap is reached.
 */

export const HN_SEARCH_API = 'https://hn.algolia.com/api/v1';

export interface HackerNewsSourceConfig {
  /** Search terms, as typed in hn.algolia.com. */
  readonly query: string;
  /** The API root; tests point it at a local server. */
  readonly baseUrl?: string;
  /** Algolia tag filter; default stories and comments. */
  readonly tags?: string;
  readonly hitsPerPage?: number;
  /** At most this many pages per run (a first run reads only the newest pages). */
  readonly maxPages?: number;
  /** Seconds re-read before the cursor, for hits indexed late. */
  readonly overlapSeconds?: number;
}

export const DEFAULTS = { tags: '(story,comment)', hitsPerPage: 100, maxPages: 5, overlapSeconds: 300 } as const;

/** What a run read beyond the SourceResult: hits refused at the edge, and why. */
export interface HackerNewsResult extends SourceResult {
  readonly skipped: number;
  readonly problems: readonly string[];
  /** The page cap stopped the run before the network ran out of hits. */
  readonly capped: boolean;
}

/**
 * The cursor: `N` (the newest created_at_i seen), or `N:L:H` when a capped run left a backlog:
 * hits with L < created_at_i <= H are still to read, after the new ones.
 */
export interface HnCursor {
  readonly newest: number;
  readonly backlog?: { readonly above: number; readonly upTo: number };
}

export const parseCursor = (raw: string | undefined): HnCursor | undefined => {
  const m = /^(\d+)(?::(\d+):(\d+))?$/.exec(raw ?? '');
  if (!m) return undefined;
  const newest = Number(m[1]);
  if (m[2] === undefined || m[3] === undefined) return { newest };
  const above = Number(m[2]);
  const upTo = Number(m[3]);
  return upTo > above ? { newest, backlog: { above, upTo } } : { newest };
};

export const formatCursor = (c: HnCursor): string => (c.backlog ? `${c.newest}:${c.backlog.above}:${c.backlog.upTo}` : String(c.newest));

/** One time window of the search: hits with above < created_at_i (<= upTo). */
interface Window {
  readonly above?: number;
  readonly upTo?: number;
}

export const searchUrl = (config: HackerNewsSourceConfig, page: number, window: Window = {}): string => {
  const base = (config.baseUrl ?? HN_SEARCH_API).replace(/\/+$/, '');
  const params = new URLSearchParams({
    query: config.query,
    tags: config.tags ?? DEFAULTS.tags,
    hitsPerPage: String(config.hitsPerPage ?? DEFAULTS.hitsPerPage),
    page: String(page),
  });
  const filters = [
    ...(window.above !== undefined ? [`created_at_i>${window.above}`] : []),
    ...(window.upTo !== undefined ? [`created_at_i<=${window.upTo}`] : []),
  ];
  if (filters.length > 0) params.set('numericFilters', filters.join(','));
  return `${base}/search_by_date?${params.toString()}`;
};

const validate = (config: HackerNewsSourceConfig): void => {
  if (typeof config.query !== 'string' || config.query.trim() === '') {
    throw new SourceError('config', 'give-up', 'a Hacker News source needs search terms (config.query)');
  }
  for (const [k, v] of [['hitsPerPage', config.hitsPerPage], ['maxPages', config.maxPages], ['overlapSeconds', config.overlapSeconds]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= (k === 'overlapSeconds' ? 0 : 1))) {
      throw new SourceError('config', 'give-up', `Hacker News source: ${k} must be a ${k === 'overlapSeconds' ? 'non-negative' : 'positive'} integer`);
    }
  }
};

const readPage = (response: Extract<FetchResult, { kind: 'ok' }>): Page => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(response.body));
  } catch (e) {
    throw new SourceError('parse', 'retry', `${response.url}: not JSON (${(e as Error).message})`);
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError('parse', 'retry', `${response.url}: not a search response (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'bad shape'})`);
  }
  return parsed.data;
};

const fetchPage = async (ctx: SourceContext, url: string, etag: string | undefined): Promise<FetchResult> => {
  try {
    return await ctx.fetcher({ url, signal: ctx.signal, accept: 'application/json', ...(etag ? { etag } : {}) });
  } catch (e) {
    if (e instanceof FetchError) throw new SourceError('fetch', e.action, e.message, e.retryAfterSeconds, e);
    throw e;
  }
};

/** A Source whose results also say what was refused and whether the page cap was hit. */
export interface HackerNewsSource extends Source<HackerNewsSourceConfig> {
  fetch(config: HackerNewsSourceConfig, state: SourceState, ctx: SourceContext): Promise<HackerNewsResult>;
}

interface WindowRead {
  readonly drafts: MentionDraft[];
  readonly skipped: number;
  readonly problems: string[];
  readonly newest: number | undefined;
  readonly oldest: number | undefined;
  readonly capped: boolean;
  readonly etag: string | undefined;
  readonly notModified: boolean;
  /** A retryable failure after the first page of the run: what was read is kept. */
  readonly failure?: SourceError;
}

/** Reads one window newest first, page by page, until the network runs out or the cap. */
const readWindow = async (
  config: HackerNewsSourceConfig,
  ctx: SourceContext,
  window: Window,
  maxPages: number,
  opts: { readonly etag?: string; readonly firstOfRun: boolean; readonly label: string },
): Promise<WindowRead> => {
  const drafts: MentionDraft[] = [];
  const problems: string[] = [];
  let skipped = 0;
  let newest: number | undefined;
  let oldest: number | undefined;
  let etag: string | undefined;
  const done = (extra: Partial<WindowRead> = {}): WindowRead => ({ drafts, skipped, problems, newest, oldest, capped: false, etag, notModified: false, ...extra });
  for (let page = 0; ; page++) {
    if (page >= maxPages) return done({ capped: true });
    let response: FetchResult;
    try {
      // The validator belongs to the run's first page only: later pages move as hits arrive.
      response = await fetchPage(ctx, searchUrl(config, page, window), opts.firstOfRun && page === 0 ? opts.etag : undefined);
    } catch (e) {
      if (!(opts.firstOfRun && page === 0) && e instanceof SourceError && e.action === 'retry') return done({ failure: e });
      throw e;
    }
    if (response.kind === 'not-modified') return done({ notModified: true, etag: response.etag ?? opts.etag });
    if (page === 0) etag = response.etag;
    const body = readPage(response);
    const out = hitsToDrafts(body.hits);
    skipped += out.skipped;
    problems.push(...out.problems.map((p) => `${opts.label}page ${page}, ${p}`));
    drafts.push(...out.drafts);
    if (out.newest !== undefined && (newest === undefined || out.newest > newest)) newest = out.newest;
    if (out.oldest !== undefined && (oldest === undefined || out.oldest < oldest)) oldest = out.oldest;
    if (body.hits.length === 0 || page + 1 >= body.nbPages) return done();
  }
};

export const hackerNewsSource: HackerNewsSource = {
  network: 'hackernews',
  async fetch(config, state, ctx) {
    validate(config);
    const cursor = parseCursor(state.cursor);
    const overlap = config.overlapSeconds ?? DEFAULTS.overlapSeconds;
    const maxPages = config.maxPages ?? DEFAULTS.maxPages;
    const fresh = await readWindow(config, ctx, cursor ? { above: Math.max(0, cursor.newest - overlap) } : {}, maxPages, {
      firstOfRun: true,
      label: '',
      ...(state.etag ? { etag: state.etag } : {}),
    });
    if (fresh.notModified) {
      return { items: [], state: { ...state, ...(fresh.etag ? { etag: fresh.etag } : {}) }, notModified: true, skipped: 0, problems: [], capped: false };
    }
    // The backlog a capped run left is read after the new hits, with the same page cap.
    const backlog = cursor?.backlog && !fresh.capped && !fresh.failure
      ? await readWindow(config, ctx, cursor.backlog, maxPages, { firstOfRun: false, label: 'backlog ' })
      : undefined;
    const items: MentionDraft[] = [];
    const seen = new Set<string>();
    // Pages shift when hits arrive between two requests: the same hit may come twice.
    for (const d of [...fresh.drafts, ...(backlog?.drafts ?? [])]) {
      if (seen.has(d.externalId)) continue;
      seen.add(d.externalId);
      items.push(d);
    }
    const skipped = fresh.skipped + (backlog?.skipped ?? 0);
    const problems = [...fresh.problems, ...(backlog?.problems ?? [])];
    const failure = fresh.failure ?? backlog?.failure;
    if (failure) {
      // A failure after the first page keeps what was read, but not the cursor: the next run
      // reads those hits again (deduplicated downstream) and reaches the ones this run missed.
      return {
        items,
        state: { ...(state.cursor !== undefined ? { cursor: state.cursor } : {}), ...(state.etag ? { etag: state.etag } : {}) },
        notModified: false,
        ...(failure.retryAfterSeconds !== undefined ? { retryAfter: failure.retryAfterSeconds } : {}),
        skipped,
        problems,
        capped: false,
      };
    }
    const newest = Math.max(cursor?.newest ?? 0, fresh.newest ?? 0);
    let next: HnCursor | undefined = newest > 0 ? { newest } : undefined;
    if (next && cursor && fresh.capped && fresh.oldest !== undefined) {
      // The new window did not fit: what lies between the old cursor and the oldest hit read
      // (and any older backlog) is read by the next runs. A first run never backfills history.
      const above = Math.min(cursor.backlog?.above ?? Infinity, Math.max(0, cursor.newest - overlap));
      next = { newest, backlog: { above, upTo: fresh.oldest } };
    } else if (next && backlog?.capped && backlog.oldest !== undefined && cursor?.backlog) {
      next = { newest, backlog: { above: cursor.backlog.above, upTo: backlog.oldest } };
    }
    const capped = fresh.capped || (backlog?.capped ?? false);
    return {
      items,
      state: { ...(next ? { cursor: formatCursor(next) } : {}), ...(fresh.etag ? { etag: fresh.etag } : {}) },
      notModified: items.length === 0 && skipped === 0,
      skipped,
      problems,
      capped,
    };
  },
};
