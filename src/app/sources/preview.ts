import { AppError } from '../../core/errors.ts';
import type { SourcePreview } from '../../core/api/sources.ts';
import { FetchError, type Fetcher } from '../../sources/http/safe-fetch.ts';
import { discoverFeeds } from '../../sources/feed/discover.ts';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../sources/feed/parse.ts';
import { feedToMentions } from '../../sources/feed/to-mentions.ts';
import type { Clock } from '../../core/clock.ts';

/**
 * Preview of a feed before it is saved: the first items as they would be stored. A web page is
 * followed once to the first feed it advertises (`<link rel="alternate">`). Nothing is written.
 */
export const previewItems = 10;
const previewText = 400;

const fetchOk = async (fetcher: Fetcher, url: string) => {
  try {
    const r = await fetcher({ url });
    if (r.kind !== 'ok') throw new AppError('unavailable', `${url} answered 304 Not Modified to a plain request`);
    return r;
  } catch (e) {
    if (e instanceof FetchError) throw new AppError(e.code === 'bad-url' || e.code === 'blocked-address' ? 'bad-request' : 'unavailable', e.message);
    throw e;
  }
};

const parse = (r: { body: Uint8Array; url: string; headers: Readonly<Record<string, string>> }): ParsedFeed =>
  parseFeed(r.body, {
    url: r.url,
    ...(r.headers['content-type'] ? { contentType: r.headers['content-type'] } : {}),
    ...(r.headers['content-language'] ? { contentLanguage: r.headers['content-language'] } : {}),
  });

export const previewFeed = async (url: string, deps: { fetcher: Fetcher; clock: Clock }): Promise<SourcePreview> => {
  let response = await fetchOk(deps.fetcher, url);
  let feed: ParsedFeed;
  try {
    feed = parse(response);
  } catch (e) {
    if (!(e instanceof FeedParseError)) throw e;
    const advertised = discoverFeeds(new TextDecoder().decode(response.body.subarray(0, 512 * 1024)), response.url)[0];
    if (!advertised) throw new AppError('bad-request', `${url} is neither a feed nor a page that links to one (${e.message})`);
    response = await fetchOk(deps.fetcher, advertised.url);
    try {
      feed = parse(response);
    } catch (e2) {
      if (e2 instanceof FeedParseError) throw new AppError('bad-request', `${advertised.url}: ${e2.message}`);
      throw e2;
    }
  }
  const drafts = feedToMentions({ ...feed, items: feed.items.slice(0, previewItems) }, deps.clock.now(), response.url);
  return {
    feedUrl: response.url,
    title: feed.title,
    items: drafts.map((d) => ({
      id: d.externalId,
      title: d.title ?? '',
      url: d.url ?? null,
      author: d.author.name ?? d.author.handle,
      text: d.text.length > previewText ? `${d.text.slice(0, previewText - 1)}…` : d.text,
      publishedAt: d.publishedAt.toISOString(),
    })),
  };
};
