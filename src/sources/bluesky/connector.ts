import { SourceError, type SourceContext, type SourceState } from '../source.ts';
import { blueskySource, type BlueskySourceResult } from './bluesky.source.ts';
import { blueskyConfigFromStored } from './connector-config.ts';

/** The Bluesky connector over a stored source (the shape app/ingest/connectors.ts registers by kind). */
export const blueskyConnector = {
  async fetch(
    source: { readonly url: string | null; readonly config: Readonly<Record<string, unknown>> },
    state: SourceState,
    ctx: SourceContext,
  ): Promise<BlueskySourceResult> {
    const config = blueskyConfigFromStored(source.url, source.config);
    if (typeof config === 'string') throw new SourceError('config', 'give-up', config);
    return blueskySource.fetch(config, state, ctx);
  },
};
