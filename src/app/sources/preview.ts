import { fail } from '../../core/errors.ts';
import { asUserFailure, fetchFailure } from './failures.ts';
import type { SourceDefinition, SourcePreview } from '../../core/api/sources.ts';
import type { MentionDraft } from '../../core/mention.ts';
import { verifyMastodonCredentials } from '../../sources/mastodon/verify-credentials.ts';
import { connectorFor } from '../ingest/connectors.ts';
import { storedDefinition } from './define.ts';
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
    if (r.kind !== 'ok') throw fail('source.not-modified', { url });
    return r;
  } catch (e) {
    if (e instanceof FetchError) throw fetchFailure(e, url);
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
    if (!advertised) throw fail('source.not-a-feed', { url }, { details: { detail: e.message } });
    response = await fetchOk(deps.fetcher, advertised.url);
    try {
      feed = parse(response);
    } catch (e2) {
      if (e2 instanceof FeedParseError) throw fail('source.feed-unreadable', { url: advertised.url }, { details: { detail: e2.message } });
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

type PreviewDeps = { fetcher: Fetcher; clock: Clock };

const toPreviewItems = (drafts: readonly MentionDraft[]): SourcePreview['items'] =>
  drafts.slice(0, previewItems).map((d) => ({
    id: d.externalId,
    title: d.title ?? '',
    url: d.url ?? null,
    author: d.author.name ?? d.author.handle,
    text: d.text.length > previewText ? `${d.text.slice(0, previewText - 1)}…` : d.text,
    publishedAt: d.publishedAt.toISOString(),
  }));

/**
 * Preview of any kind of source before it is saved (ADR 0121): the first items as they would
 * be stored, read by the kind's own connector (one page), nothing written. A Mastodon
 * notifications source first verifies its token (verify_credentials) and names the account.
 * Bluesky answers "not available yet" while no Bluesky connector is registered.
 */
export const previewSource = async (def: SourceDefinition, deps: PreviewDeps): Promise<SourcePreview> => {
  const stored = storedDefinition(def);
  if (def.kind === 'rss' || (def.kind === 'reddit' && stored.url && !def.config)) return previewFeed(stored.url ?? '', deps);
  const connector = connectorFor(stored.kind);
  if (!connector) throw fail('source.kind-unavailable', { kind: stored.kind });
  const ctx = { signal: AbortSignal.timeout(30_000), clock: deps.clock, fetcher: deps.fetcher };
  try {
    let account: SourcePreview['account'];
    if (def.kind === 'mastodon' && def.config.mode === 'notifications') {
      const a = await verifyMastodonCredentials(def.url, def.config.accessToken ?? '', ctx);
      account = { handle: a.handle, name: a.name, url: a.url };
    }
    const config = stored.kind === 'mastodon' || stored.kind === 'hackernews' ? { ...stored.config, maxPages: 1 } : stored.config;
    const result = await connector.fetch({ url: stored.url, config }, {}, ctx);
    return { feedUrl: stored.url ?? '', title: stored.defaultName, ...(account ? { account } : {}), items: toPreviewItems(result.items) };
  } catch (e) {
    throw asUserFailure(e, stored.url ?? stored.defaultName);
  }
};
