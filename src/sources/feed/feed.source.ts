import { FetchError } from '../http/safe-fetch.ts';
import { SourceError, type Source, type SourceResult } from '../source.ts';
import { FeedParseError, parseFeed } from './parse.ts';
import { MAX_REFRESH_SECONDS } from './refresh.ts';
import { feedToMentions } from './to-mentions.ts';

/** A feed subscription: RSS, RDF, Atom or JSON Feed at one URL. */
export interface FeedSourceConfig {
  readonly url: string;
}

/** Cache-Control max-age, when the server states how long the feed stays fresh. */
const maxAge = (cacheControl: string | undefined): number | undefined => {
  const m = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(cacheControl ?? '');
  return m ? Number(m[1]) : undefined;
};

export const feedSource: Source<FeedSourceConfig> = {
  network: 'rss',
  async fetch(config, state, ctx): Promise<SourceResult> {
    let response;
    try {
      response = await ctx.fetcher({
        url: config.url,
        signal: ctx.signal,
        ...(state.etag ? { etag: state.etag } : {}),
        ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      });
    } catch (e) {
      if (e instanceof FetchError) throw new SourceError('fetch', e.action, e.message, e.retryAfterSeconds, e);
      throw e;
    }
    if (response.kind === 'not-modified') {
      return {
        items: [],
        state: { ...state, ...(response.etag ? { etag: response.etag } : {}), ...(response.lastModified ? { lastModified: response.lastModified } : {}) },
        notModified: true,
      };
    }
    const h = response.headers;
    let feed;
    try {
      feed = parseFeed(response.body, {
        url: response.url,
        ...(h['content-type'] ? { contentType: h['content-type'] } : {}),
        ...(h['content-location'] ? { contentLocation: h['content-location'] } : {}),
        ...(h['content-language'] ? { contentLanguage: h['content-language'] } : {}),
      });
    } catch (e) {
      // A parse error may be a truncated or temporarily broken document: retry; the scheduler
      // disables the source after repeated parse errors.
      if (e instanceof FeedParseError) throw new SourceError('parse', 'retry', `${config.url}: ${e.message}`);
      throw e;
    }
    // Wait as long as the server (Cache-Control) or the publisher (ttl, sy:updatePeriod) asks.
    const asked = [maxAge(h['cache-control']), feed.refreshSeconds].filter((n): n is number => n !== undefined);
    const fresh = asked.length > 0 ? Math.min(MAX_REFRESH_SECONDS, Math.max(...asked)) : undefined;
    return {
      items: feedToMentions(feed, ctx.clock.now(), response.url),
      state: {
        ...(state.cursor ? { cursor: state.cursor } : {}),
        ...(response.etag ? { etag: response.etag } : {}),
        ...(response.lastModified ? { lastModified: response.lastModified } : {}),
      },
      notModified: false,
      ...(fresh !== undefined ? { retryAfter: fresh } : {}),
    };
  },
};
