import type { SourceContext, SourceState } from '../source.ts';
import { SourceError } from '../source.ts';
import { hackerNewsConfigFromStored } from './connector-config.ts';
import { hackerNewsSource, type HackerNewsResult } from './hackernews.source.ts';

/** The Hacker News connector over a stored source (the shape app/ingest/connectors.ts registers by kind). */
export const hackerNewsConnector = {
  async fetch(
    source: { readonly url: string | null; readonly config: Readonly<Record<string, unknown>> },
    state: SourceState,
    ctx: SourceContext,
  ): Promise<HackerNewsResult> {
    const config = hackerNewsConfigFromStored(source.url, source.config);
    if (typeof config === 'string') throw new SourceError('config', 'give-up', config);
    return hackerNewsSource.fetch(config, state, ctx);
  },
};
