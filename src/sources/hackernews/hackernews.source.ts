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

const cursorOf = (state: SourceState): number | undefined => {
  if (state.cursor === undefined || !/^\d+$/.test(state.cursor)) return undefined;
  return Number(state.cursor);
};

export const searchUrl = (config: HackerNewsSourceConfig, page: number, after: number | undefined): string => {
  const base = (config.baseUrl ?? HN_SEARCH_API).replace(/\/+$/, '');
  const params = new URLSearchParams({
    query: config.query,
    tags: config.tags ?? DEFAULTS.tags,
    hitsPerPage: String(config.hitsPerPage ?? DEFAULTS.hitsPerPage),
    page: String(page),
  });
  if (after !== undefined) params.set('numericFilters', `created_at_i>${after}`);
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
    if (e instanceof FetchError) throw new SourceError('fetch', e.action, e.message, e.retryAfterSeconds);
    throw e;
  }
};

/** A Source whose results also say what was refused and whether the page cap was hit. */
export interface HackerNewsSource extends Source<HackerNewsSourceConfig> {
  fetch(config: HackerNewsSourceConfig, state: SourceState, ctx: SourceContext): Promise<HackerNewsResult>;
}

export const hackerNewsSource: HackerNewsSource = {
  network: 'hackernews',
  async fetch(config, state, ctx) {
    validate(config);
    const cursor = cursorOf(state);
    const overlap = config.overlapSeconds ?? DEFAULTS.overlapSeconds;
    const after = cursor === undefined ? undefined : Math.max(0, cursor - overlap);
    const maxPages = config.maxPages ?? DEFAULTS.maxPages;
    const items: MentionDraft[] = [];
    const seen = new Set<string>();
    const problems: string[] = [];
    let skipped = 0;
    let newest = cursor;
    let etag: string | undefined;
    let capped = false;
    for (let page = 0; ; page++) {
      if (page >= maxPages) {
        capped = true;
        break;
      }
      let response: FetchResult;
      try {
        // The validator belongs to the first page only: later pages move as new hits arrive.
        response = await fetchPage(ctx, searchUrl(config, page, after), page === 0 ? state.etag : undefined);
      } catch (e) {
        // A failure after the first page keeps what was read, but not the cursor: the next run
        // reads those hits again (deduplicated downstream) and reaches the ones this run missed.
        if (page > 0 && e instanceof SourceError && e.action === 'retry') {
          return {
            items,
            state: { ...(state.cursor !== undefined ? { cursor: state.cursor } : {}), ...(state.etag ? { etag: state.etag } : {}) },
            notModified: false,
            ...(e.retryAfterSeconds !== undefined ? { retryAfter: e.retryAfterSeconds } : {}),
            skipped,
            problems,
            capped: false,
          };
        }
        throw e;
      }
      if (response.kind === 'not-modified') {
        return { items: [], state: { ...state, ...(response.etag ? { etag: response.etag } : {}) }, notModified: true, skipped: 0, problems: [], capped: false };
      }
      if (page === 0) etag = response.etag;
      const body = readPage(response);
      const out = hitsToDrafts(body.hits);
      skipped += out.skipped;
      problems.push(...out.problems.map((p) => `page ${page}, ${p}`));
      for (const d of out.drafts) {
        // Pages shift when hits arrive between two requests: the same hit may come twice.
        if (seen.has(d.externalId)) continue;
        seen.add(d.externalId);
        items.push(d);
      }
      const n = out.newest;
      if (n !== undefined && (newest === undefined || n > newest)) newest = n;
      if (body.hits.length === 0 || page + 1 >= body.nbPages) break;
    }
    return {
      items,
      state: { ...(newest !== undefined ? { cursor: String(newest) } : {}), ...(etag ? { etag } : {}) },
      notModified: items.length === 0 && skipped === 0,
      skipped,
      problems,
      capped,
    };
  },
};
