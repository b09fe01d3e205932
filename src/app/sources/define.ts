import type { SourceDefinition } from '../../core/api/sources.ts';
import type { SourceKind } from '../../core/source.ts';

/**
 * A source as the API defines it → the row relais stores (ADR 0121): `url` is what is fetched
 * (a feed, a Mastodon server, a search API root) and `config` what to read there, in the shape
 * the kind's connector reads (`sources/<network>/connector-config.ts`).
 *
 * Reddit keeps working as a feed: a subreddit or a search is stored with its `.rss` listing as
 * the URL *and* the subreddit/query in the config, so a listing-JSON connector can read the
 * config while the feed connector reads the URL.
 */
export interface StoredDefinition {
  readonly kind: SourceKind;
  readonly url: string | null;
  readonly config: Record<string, unknown>;
  /** A name when the user gave none. */
  readonly defaultName: string;
}

export const redditFeedUrl = (config: { subreddit: string } | { query: string }): string =>
  'subreddit' in config
    ? `https://www.reddit.com/r/${encodeURIComponent(config.subreddit.replace(/^\/?r\//, ''))}/new/.rss`
    : `https://www.reddit.com/search.rss?q=${encodeURIComponent(config.query)}&sort=new`;

const hostName = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export const storedDefinition = (def: SourceDefinition): StoredDefinition => {
  switch (def.kind) {
    case 'rss':
      return { kind: 'rss', url: def.url, config: {}, defaultName: hostName(def.url) };
    case 'reddit': {
      if (!def.config) return { kind: 'reddit', url: def.url ?? null, config: {}, defaultName: def.url ? hostName(def.url) : 'Reddit' };
      const config = 'subreddit' in def.config ? { subreddit: def.config.subreddit.replace(/^\/?r\//, '') } : { query: def.config.query };
      return { kind: 'reddit', url: redditFeedUrl(config), config, defaultName: 'subreddit' in config ? `r/${config.subreddit}` : `Reddit : ${config.query}` };
    }
    case 'mastodon': {
      const c = def.config;
      const host = hostName(def.url);
      const config: Record<string, unknown> =
        c.mode === 'hashtag' ? { mode: 'hashtag', hashtag: c.hashtag.replace(/^#/, '') } : c.mode === 'account' ? { mode: 'account', account: c.account.replace(/^@/, '') } : { ...c };
      const label =
        c.mode === 'hashtag' ? `#${c.hashtag.replace(/^#/, '')}` : c.mode === 'search' ? `« ${c.q} »` : c.mode === 'account' ? `@${c.account.replace(/^@/, '')}` : 'notifications';
      return { kind: 'mastodon', url: def.url, config, defaultName: `${label} — ${host}` };
    }
    case 'hackernews':
      return { kind: 'hackernews', url: def.url ?? null, config: { query: def.config.query }, defaultName: `Hacker News : ${def.config.query}` };
    case 'bluesky': {
      const c = def.config;
      const label = c.mode === 'search' ? `« ${c.q} »` : c.mode === 'notifications' ? `@${c.identifier.replace(/^@/, '')}` : 'firehose';
      return { kind: 'bluesky', url: c.mode === 'notifications' ? c.service : null, config: { ...c }, defaultName: `Bluesky ${label}` };
    }
  }
};
