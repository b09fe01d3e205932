import type { MentionDraft } from '../../core/mention.ts';
import type { SourceKind } from '../../core/source.ts';
import { blueskyConnector } from '../../sources/bluesky/connector.ts';
import { feedSource } from '../../sources/feed/feed.source.ts';
import { hackerNewsConnector } from '../../sources/hackernews/connector.ts';
import { mastodonConfigFromStored } from '../../sources/mastodon/connector-config.ts';
import { mastodonSource } from '../../sources/mastodon/mastodon.source.ts';
import { redditConnector } from '../../sources/reddit/connector.ts';
import { SourceError, type SourceContext, type SourceResult, type SourceState } from '../../sources/source.ts';

/**
 * Source kind → connector. Feeds serve `rss`. `reddit` reads the listing JSON when its config
 * names a subreddit or search terms (`{subreddit?, query?, comments?}`), and a source with only a
 * feed URL (a subreddit's `.rss`) through the feed connector, as before. The other networks join
 * here as their connectors land. A kind without a connector is never scheduled (`fetchableKinds`).
 */
export interface Connector {
  fetch(source: { readonly url: string | null; readonly config: Readonly<Record<string, unknown>> }, state: SourceState, ctx: SourceContext): Promise<SourceResult>;
}

const feedConnector = (network: 'rss' | 'reddit'): Connector => ({
  async fetch(source, state, ctx) {
    if (!source.url) throw new SourceError('config', 'give-up', 'this feed source has no URL');
    const result = await feedSource.fetch({ url: source.url }, state, ctx);
    if (network === 'rss') return result;
    return { ...result, items: result.items.map((d): MentionDraft => ({ ...d, network })) };
  },
});

const connectors: Partial<Record<SourceKind, Connector>> = {
  rss: feedConnector('rss'),
  reddit: redditConnector((url, state, ctx) => feedConnector('reddit').fetch({ url, config: {} }, state, ctx)),
  hackernews: hackerNewsConnector,
  bluesky: blueskyConnector,
  mastodon: {
    async fetch(source, state, ctx) {
      const config = mastodonConfigFromStored(source.url, source.config);
      if (typeof config === 'string') throw new SourceError('config', 'give-up', config);
      return mastodonSource.fetch(config, state, ctx);
    },
  },
};

export const fetchableKinds: readonly SourceKind[] = Object.keys(connectors) as SourceKind[];

export const connectorFor = (kind: SourceKind): Connector | undefined => connectors[kind];
