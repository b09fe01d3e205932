import type { SourceContext, SourceResult, SourceState } from '../source.ts';
import { SourceError } from '../source.ts';
import { redditConfigFromStored } from './connector-config.ts';
import { redditSource } from './reddit.source.ts';

/**
 * The Reddit listing connector over a stored source (the shape app/ingest/connectors.ts
 * registers by kind). `readFeed` reads a source that has only a feed URL (see connector-config.ts).
 */
export const redditConnector = (readFeed: (url: string, state: SourceState, ctx: SourceContext) => Promise<SourceResult>) => ({
  async fetch(
    source: { readonly url: string | null; readonly config: Readonly<Record<string, unknown>> },
    state: SourceState,
    ctx: SourceContext,
  ): Promise<SourceResult> {
    const config = redditConfigFromStored(source.url, source.config);
    if (config === 'feed' && source.url) return readFeed(source.url, state, ctx);
    if (typeof config === 'string') throw new SourceError('config', 'give-up', config);
    return redditSource.fetch(config, state, ctx);
  },
});
