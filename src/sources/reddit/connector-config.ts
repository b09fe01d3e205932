import type { RedditSourceConfig } from './reddit.source.ts';

/**
 * A stored `reddit` source (url + free-form config) → what reads it:
 *   - config `{subreddit}` and/or `{query}` (optionally `comments: true`, `maxPages`): the listing
 *     JSON connector; a source URL, when set, gives the API origin (a test server, a mirror);
 *   - no subreddit and no query but a URL (a subreddit's or a search's `.rss`): `'feed'`, read by
 *     the feed connector as before;
 *   - neither: the reason it cannot be fetched.
 */
export const redditConfigFromStored = (url: string | null, config: Readonly<Record<string, unknown>>): RedditSourceConfig | 'feed' | string => {
  const subreddit = config['subreddit'];
  const query = config['query'];
  const hasSubreddit = typeof subreddit === 'string' && subreddit.trim() !== '';
  const hasQuery = typeof query === 'string' && query.trim() !== '';
  if (!hasSubreddit && !hasQuery) return url ? 'feed' : 'this Reddit source has neither a subreddit, search terms nor a feed URL';
  const out: { -readonly [K in keyof RedditSourceConfig]: RedditSourceConfig[K] } = {};
  if (hasSubreddit) out.subreddit = subreddit;
  if (hasQuery) out.query = query;
  if (config['comments'] === true) out.comments = true;
  const maxPages = config['maxPages'];
  if (maxPages !== undefined) {
    if (typeof maxPages !== 'number' || !Number.isInteger(maxPages) || maxPages < 1) return 'Reddit source: maxPages must be a positive whole number';
    out.maxPages = maxPages;
  }
  if (url) {
    try {
      out.baseUrl = new URL(url).origin;
    } catch {
      return `Reddit source: ${url} is not a URL`;
    }
  }
  return out;
};
