import { detectAtomFeed, detectRdfFeed, detectRssFeed, MalformedError, ParseError, parseFeed as parseWithFeedsmith } from 'feedsmith';
import type { AnyFeed as FeedsmithFeed, AtomFeed, RdfFeed, RssFeed } from 'feedsmith';
import { atomFeed } from './atom.ts';
import { decodeFeedBytes } from './decode.ts';
import { normaliseDialects } from './dialects.ts';
import { jsonFeed } from './json-feed.ts';
import { locateJsonError, locateXmlError } from './locate-error.ts';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './model.ts';
import { resolve } from './normalise.ts';
import { repairXml } from './repair.ts';
import { rssFeed } from './rss.ts';

/**
 * Any feed (RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1) → one normalised shape.
 * feedsmith reads the syntax (ADR 0050); rss.ts, atom.ts and json-feed.ts decide what the fields
 * mean: which link is the item's, which date is its publication, what is HTML and what is text,
 * and which base resolves a relative URL (the element's xml:base, else the feed's, else the
 * document URL).
 */

export { FeedParseError, type FeedEnclosure, type ParsedFeed, type ParsedItem, type ParseFeedOptions } from './model.ts';

type AnyFeed = FeedsmithFeed<string>;

const normalise = (parsed: AnyFeed, docBase: string | undefined, o: ParseFeedOptions, base64Mode: boolean): ParsedFeed => {
  switch (parsed.format) {
    case 'rss':
      return rssFeed(parsed.feed, 'rss', docBase, o);
    case 'rdf':
      return rssFeed(parsed.feed, 'rdf', docBase, o);
    case 'atom':
      return atomFeed(parsed.feed, docBase, o, base64Mode);
    case 'json':
      return jsonFeed(parsed.feed, docBase, o);
  }
};

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * feedsmith throws ParseError for a well-formed feed in which it found no field it knows
 * (an empty channel): that is an empty feed, not an error.
 */
const emptyFeed = (text: string): AnyFeed | undefined => {
  if (detectRssFeed(text)) return { format: 'rss', feed: {} as RssFeed.Feed<string> };
  if (detectAtomFeed(text)) return { format: 'atom', feed: {} as AtomFeed.Feed<string> };
  if (detectRdfFeed(text)) return { format: 'rdf', feed: {} as RdfFeed.Feed<string> };
  return undefined;
};

const attempt = (text: string): AnyFeed => {
  try {
    return parseWithFeedsmith<string>(text);
  } catch (e) {
    if (e instanceof ParseError && !(e instanceof MalformedError)) {
      const empty = emptyFeed(text);
      if (empty) return empty;
    }
    throw e;
  }
};

const explain = (e: unknown, text: string): string => {
  if (/^\s*(?:<!DOCTYPE html|<html[\s>])/i.test(text.slice(0, 2000).replace(/^\s*<!--[\s\S]*?-->/, ''))) return 'this is an HTML page, not a feed';
  const json = text.trimStart().startsWith('{');
  const where = json ? locateJsonError(text) : locateXmlError(text);
  if (where) return `${json ? 'ill-formed JSON' : 'ill-formed XML'} at line ${where.line}, column ${where.column}: ${where.message}`;
  if (e instanceof MalformedError) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return `ill-formed XML${cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : ''}`;
  }
  const why = reason(e);
  if (/unrecognized feed format/i.test(why)) return 'not an RSS, RDF, Atom or JSON feed';
  if (/invalid feed format/i.test(why)) return 'not a valid RSS, RDF, Atom or JSON feed';
  return why;
};

/** feedsmith, then, if it refuses the document, once more on a repaired copy (see repair.ts). */
const readSyntax = (text: string): AnyFeed => {
  try {
    return attempt(text);
  } catch (e) {
    const repaired = repairXml(text);
    if (repaired !== text) {
      try {
        return attempt(repaired);
      } catch {
        // Report the original reason: it describes the document the user gave.
      }
    }
    throw new FeedParseError(`cannot parse feed: ${explain(e, text)}`);
  }
};

/** Parses a feed from its bytes (charset detected) or from text. Throws FeedParseError, never anything else. */
export const parseFeed = (input: string | Uint8Array, options: ParseFeedOptions = {}): ParsedFeed => {
  const text = typeof input === 'string' ? input : decodeFeedBytes(input, options.contentType).text;
  if (text.trim() === '') throw new FeedParseError('cannot parse feed: the document is empty');
  // Content-Location is a better base than the request URL, but only as an http(s) URL.
  const location = options.contentLocation ? resolve(options.contentLocation, options.url) : undefined;
  const docBase = location && /^https?:\/\//i.test(location) ? location : options.url;
  const parsed = readSyntax(text.trimStart().startsWith('{') ? text : normaliseDialects(text));
  const base64Mode = /\bmode\s*=\s*["']base64["']/.test(text);
  try {
    return normalise(parsed, docBase, options, base64Mode);
  } catch (e) {
    throw new FeedParseError(`cannot parse feed: ${reason(e)}`);
  }
};
