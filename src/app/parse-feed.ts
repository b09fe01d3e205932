/**
 * Use case behind `relais feed parse FILE|URL` (DESIGN §6): read a feed from a file or through
 * the SSRF-safe client, parse it, and shape it as the stable CLI contract:
 *   {"feed": {"title", "link", "language"?}, "items": [{"id", "title", "link", "published"?, "author"?, "text"}]}
 * A URL that answers with an HTML page is followed once to the first feed it advertises.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.ts';
import { createSafeFetch, FetchError, type Fetcher } from '../sources/http/safe-fetch.ts';
import { discoverFeeds } from '../sources/feed/discover.ts';
import { FeedParseError, parseFeed, type ParsedFeed } from '../sources/feed/parse.ts';

export interface FeedParseOutput {
  readonly feed: { readonly title: string; readonly link: string; readonly language?: string };
  readonly items: ReadonlyArray<{
    readonly id: string;
    readonly title: string;
    readonly link: string;
    readonly published?: string;
    readonly author?: string;
    readonly text: string;
  }>;
}

export interface ParseFeedInputOptions {
  /** Resolve relative file paths against this directory. */
  readonly cwd: string;
  /** Allow URLs on loopback and private networks (local use). */
  readonly allowPrivateNetworks?: boolean;
  /** Injected for tests; defaults to the SSRF-safe client. */
  readonly fetcher?: Fetcher;
}

export const toOutput = (feed: ParsedFeed): FeedParseOutput => ({
  feed: { title: feed.title, link: feed.link, ...(feed.language ? { language: feed.language } : {}) },
  items: feed.items.map((it) => ({
    id: it.id,
    title: it.title,
    link: it.link,
    ...(it.published ?? it.updated ? { published: (it.published ?? it.updated)?.toISOString() } : {}),
    ...(it.author ? { author: it.author } : {}),
    text: it.text,
  })),
});

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

const fetchOnce = async (fetcher: Fetcher, url: string) => {
  try {
    const r = await fetcher({ url });
    if (r.kind !== 'ok') throw new AppError('unavailable', `${url}: unexpected 304 Not Modified`);
    return r;
  } catch (e) {
    if (e instanceof FetchError) throw new AppError(e.code === 'bad-url' || e.code === 'blocked-address' ? 'bad-request' : 'unavailable', e.message);
    throw e;
  }
};

const parseFetched = (r: { body: Uint8Array; url: string; headers: Readonly<Record<string, string>> }): ParsedFeed =>
  parseFeed(r.body, {
    url: r.url,
    ...(r.headers['content-type'] ? { contentType: r.headers['content-type'] } : {}),
    ...(r.headers['content-location'] ? { contentLocation: r.headers['content-location'] } : {}),
    ...(r.headers['content-language'] ? { contentLanguage: r.headers['content-language'] } : {}),
  });

export const parseFeedInput = async (input: string, options: ParseFeedInputOptions): Promise<FeedParseOutput> => {
  if (!isUrl(input)) {
    const path = resolve(options.cwd, input);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      throw new AppError('bad-request', `cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    // No document URL for a file: relative links resolve against xml:base or the feed's own link.
    return toOutput(parseFeed(bytes));
  }
  const fetcher = options.fetcher ?? createSafeFetch({ allowPrivateNetworks: options.allowPrivateNetworks === true });
  const first = await fetchOnce(fetcher, input);
  try {
    return toOutput(parseFetched(first));
  } catch (e) {
    if (!(e instanceof FeedParseError)) throw e;
    const page = new TextDecoder().decode(first.body.subarray(0, 512 * 1024));
    const advertised = discoverFeeds(page, first.url)[0];
    if (!advertised) throw e;
    return toOutput(parseFetched(await fetchOnce(fetcher, advertised.url)));
  }
};
