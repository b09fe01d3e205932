import { createHash } from 'node:crypto';
import { detectAtomFeed, detectRdfFeed, detectRssFeed, MalformedError, ParseError, parseFeed as parseWithFeedsmith } from 'feedsmith';
import type { AnyFeed as FeedsmithFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import { AppError } from '../../core/errors.ts';
import { decodeFeedBytes } from './decode.ts';
import { parseFeedDate } from './dates.ts';
import { collapseText, escapeText, htmlToText, sanitizedToText, sanitizeForDisplay } from './html.ts';
import { normaliseDialects } from './dialects.ts';
import { locateJsonError, locateXmlError } from './locate-error.ts';
import { repairXml } from './repair.ts';

/**
 * Any feed (RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1) → one normalised shape.
 * feedsmith reads the syntax (ADR 0050); this module decides what the fields mean: which link
 * is the item's, which date is its publication, what is HTML and what is text, and which
 * base resolves a relative URL (the element's xml:base, else the feed's, else the document URL).
 */

export interface FeedEnclosure {
  readonly url: string;
  readonly type?: string;
  readonly length?: number;
}

export interface ParsedItem {
  /** guid / id, else the link, else a stable hash of title and date. */
  readonly id: string;
  /** Plain text. */
  readonly title: string;
  /** Sanitised HTML of the title, when the feed gives it as HTML with markup in it. */
  readonly titleHtml?: string;
  /** Absolute URL, or '' when the item has none. */
  readonly link: string;
  readonly published?: Date;
  readonly updated?: Date;
  readonly author?: string;
  /** Plain text of the body (content, else summary), for analysis. */
  readonly text: string;
  /** Sanitised HTML of the body, for display. */
  readonly html?: string;
  /** Sanitised HTML of the summary, when the feed gives one. */
  readonly summary?: string;
  readonly categories: readonly string[];
  readonly enclosures: readonly FeedEnclosure[];
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Plain text. */
  readonly title: string;
  /** Sanitised HTML of the title, when the feed gives it as HTML with markup in it. */
  readonly titleHtml?: string;
  readonly link: string;
  readonly language?: string;
  readonly items: readonly ParsedItem[];
}

export interface ParseFeedOptions {
  /** The URL the document came from: the last resort for relative links. */
  readonly url?: string;
  /** HTTP Content-Type (its charset is used when the input is bytes). */
  readonly contentType?: string;
  /** HTTP Content-Location: a better base than the request URL when present. */
  readonly contentLocation?: string;
  /** HTTP Content-Language: the feed language when the document declares none. */
  readonly contentLanguage?: string;
}

/** The document is not a feed relais can read; the message says why. */
export class FeedParseError extends AppError {
  constructor(message: string) {
    super('bad-request', message);
    this.name = 'FeedParseError';
  }
}

type AnyFeed = FeedsmithFeed<string>;

const resolve = (href: string | undefined, base: string | undefined): string | undefined => {
  if (href === undefined) return undefined;
  const h = href.trim();
  if (h === '') return undefined;
  try {
    return new URL(h, base).href;
  } catch {
    return base === undefined ? h : undefined;
  }
};

/** With no document URL (a local file), the feed's own absolute link is the best base for its items. */
const absoluteOrUndefined = (u: string): string | undefined => (/^https?:\/\//i.test(u) ? u : undefined);

const baseOf = (xmlBase: string | undefined, parent: string | undefined): string | undefined =>
  xmlBase ? (resolve(xmlBase, parent) ?? parent) : parent;

/** `en_US` → `en-US`: BCP 47 uses hyphens; feeds often write the POSIX form. */
const langTag = (s: string | undefined): string | undefined => s?.replace(/_/g, '-');

const first = <T>(xs: readonly T[] | undefined): T | undefined => (xs && xs.length > 0 ? xs[0] : undefined);

const nonEmpty = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** A body in one of the ways feeds type their text. */
interface Body {
  readonly value: string;
  readonly isHtml: boolean;
  readonly base: string | undefined;
}

const isTextType = (type: string | undefined): boolean =>
  type === 'text' || type === 'text/plain';

/**
 * C1 controls (U+0080–U+009F) in feed text are almost always windows-1252 punctuation written
 * as numeric references (`&#146;`); HTML5 maps those references the same way.
 */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const fixC1 = (s: string): string => (/[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c) : s);

const bodyHtml = (raw: Body): string => {
  const b = { ...raw, value: fixC1(raw.value) };
  if (!b.isHtml) return escapeText(collapseText(b.value));
  // Text with neither markup nor entities needs no HTML parser: the same result, much cheaper.
  if (!/[<&]/.test(b.value)) return b.value.replace(/>/g, '&gt;').trim();
  return sanitizeForDisplay(b.value, b.base);
};

/**
 * Titles: Atom says whether a title is text or HTML; RSS does not, and publishers put escaped
 * markup and entities in titles, so an RSS title is read as HTML (the common reader behaviour).
 */
interface Title {
  readonly title: string;
  readonly titleHtml?: string;
}

/**
 * `html`: the feed says the title is HTML (Atom type html/xhtml). `guess`: RSS does not say; a
 * title is read as HTML only when it holds a tag, so `1 < 2` stays text.
 */
const titleOf = (raw: string | undefined, kind: 'text' | 'html' | 'guess', base: string | undefined): Title => {
  if (raw === undefined) return { title: '' };
  const value = fixC1(raw);
  const isHtml = kind === 'html' ? /[<&]/.test(value) : kind === 'guess' && /<[a-zA-Z/!?]/.test(value);
  // Most titles have no markup at all: skip the HTML parser for them.
  if (!isHtml) return { title: collapseText(value) };
  return { title: htmlToText(value), titleHtml: sanitizeForDisplay(value, base) };
};

/**
 * An id written as a path (`/2004/01/post`) is only unique within its site: resolved against
 * the base it becomes unique across feeds, which the (network, externalId) dedup key needs.
 * Other ids (tag: URIs, opaque guids) are kept as they are.
 */
const absoluteId = (id: string | undefined, base: string | undefined): string | undefined =>
  id !== undefined && id.startsWith('/') && !id.startsWith('//') && base ? (resolve(id, base) ?? id) : id;

const hashId = (title: string, date: string | undefined, text: string): string =>
  `urn:sha256:${createHash('sha256').update(`${title}\u0000${date ?? ''}\u0000${title || date ? '' : text}`).digest('hex').slice(0, 32)}`;

const personName = (p: { name?: string; email?: string } | undefined): string | undefined =>
  p ? (nonEmpty(p.name) ?? nonEmpty(p.email)) : undefined;

const dateOf = (...raws: Array<string | undefined>): Date | undefined => {
  for (const r of raws) {
    const d = parseFeedDate(r);
    if (d) return d;
  }
  return undefined;
};

const finishItem = (
  parts: {
    id?: string;
    title: string;
    titleHtml?: string;
    link?: string;
    published?: Date;
    updated?: Date;
    rawDate?: string;
    author?: string;
    content?: Body;
    summary?: Body;
    categories: Array<string | undefined>;
    enclosures: FeedEnclosure[];
    base?: string;
  },
): ParsedItem => {
  const main = parts.content ?? parts.summary;
  const html = main ? bodyHtml(main) : undefined;
  const text = main && html !== undefined ? (main.isHtml ? sanitizedToText(html) : collapseText(fixC1(main.value))) : '';
  const summaryHtml = parts.summary === undefined ? undefined : parts.summary === main ? html : bodyHtml(parts.summary);
  const link = parts.link ?? '';
  const id = absoluteId(nonEmpty(parts.id), parts.base) ?? nonEmpty(link) ?? hashId(parts.title, parts.rawDate, text);
  const categories = [...new Set(parts.categories.map((c) => c?.trim()).filter((c): c is string => !!c))];
  const item: ParsedItem = {
    id,
    title: parts.title,
    ...(parts.titleHtml !== undefined ? { titleHtml: parts.titleHtml } : {}),
    link,
    ...(parts.published ? { published: parts.published } : {}),
    ...(parts.updated ? { updated: parts.updated } : {}),
    ...(parts.author ? { author: parts.author } : {}),
    text,
    ...(html !== undefined ? { html } : {}),
    ...(summaryHtml !== undefined ? { summary: summaryHtml } : {}),
    categories,
    enclosures: parts.enclosures,
  };
  return item;
};

const enclosure = (url: string | undefined, base: string | undefined, type?: string, length?: number): FeedEnclosure | undefined => {
  const u = resolve(url, base);
  if (!u) return undefined;
  return {
    url: u,
    ...(type ? { type } : {}),
    ...(length !== undefined && Number.isFinite(length) ? { length } : {}),
  };
};

const defined = <T>(xs: Array<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);

// ---------- RSS 0.9x / 2.0 and RDF (RSS 1.0) ----------

type RssLikeItem = RssFeed.Item<string> | RdfFeed.Item<string>;

const rssItem = (it: RssLikeItem, feedBase: string | undefined): ParsedItem => {
  const base = baseOf(it.xml?.base, feedBase);
  const rss = it as RssFeed.Item<string>;
  const guid = rss.guid;
  const guidIsLink = guid?.value !== undefined && guid.isPermaLink !== false && /^https?:\/\//i.test(guid.value.trim());
  const atomLink = first(it.atom?.links?.filter((l) => !l.rel || l.rel === 'alternate'))?.href;
  const link = resolve(it.link, base) ?? resolve(atomLink, base) ?? (guidIsLink ? resolve(guid?.value, base) : undefined);
  const encoded = nonEmpty(it.content?.encoded);
  const media = it.media?.title || it.media?.description || it.media?.categories ? it.media : first(it.media?.groups);
  const description =
    nonEmpty(it.description) ?? nonEmpty(first(it.dc?.descriptions)) ?? nonEmpty(rss.itunes?.summary) ??
    nonEmpty(media?.description?.value) ?? nonEmpty(first(it.media?.groups)?.description?.value) ?? nonEmpty(rss.itunes?.subtitle);
  const rawDate = rss.pubDate ?? first(it.dc?.dates) ?? first(it.dcterms?.issued) ?? it.atom?.published;
  const published = dateOf(rss.pubDate, first(it.dc?.dates), first(it.dcterms?.issued), first(it.dcterms?.created), it.atom?.published);
  const updated = dateOf(first(it.dcterms?.modified), it.atom?.updated, first(it.dc?.dates));
  return finishItem({
    id: guid?.value ?? (it as RdfFeed.Item<string>).rdf?.about ?? it.atom?.id,
    ...titleOf(it.title ?? first(it.dc?.titles) ?? media?.title?.value, 'guess', base),
    link,
    published,
    updated,
    rawDate,
    author: personName(first(rss.authors)) ?? nonEmpty(first(it.dc?.creators)) ?? personName(first(it.atom?.authors)) ?? nonEmpty(rss.itunes?.author),
    content: encoded ? { value: encoded, isHtml: true, base } : undefined,
    summary: description ? { value: description, isHtml: true, base } : undefined,
    categories: [...(rss.categories ?? []).map((c) => c.name), ...(it.dc?.subjects ?? []), ...(media?.categories ?? []).map((c) => c.name)],
    enclosures: defined((rss.enclosures ?? []).map((e) => enclosure(e.url, base, e.type, e.length))),
    base,
  });
};

const rssFeed = (f: RssFeed.Feed<string> | RdfFeed.Feed<string>, format: 'rss' | 'rdf', docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
  const base = baseOf(f.xml?.base, docBase);
  const rss = f as RssFeed.Feed<string>;
  const atomLink = first(f.atom?.links?.filter((l) => !l.rel || l.rel === 'alternate'))?.href;
  const feedLink = resolve(f.link, base) ?? resolve(atomLink, base) ?? '';
  const language = langTag(nonEmpty(rss.language) ?? nonEmpty(first(f.dc?.languages)) ?? nonEmpty(f.xml?.lang) ?? nonEmpty(o.contentLanguage));
  return {
    format,
    ...titleOf(f.title ?? first(f.dc?.titles), 'guess', base),
    link: feedLink,
    ...(language ? { language } : {}),
    items: (f.items ?? []).map((it) => rssItem(it, base ?? absoluteOrUndefined(feedLink))),
  };
};

// ---------- Atom 0.3 / 1.0 ----------

/**
 * Atom 0.3 `mode="base64"` (and base64 content with a non-text media type in 1.0): feedsmith
 * does not expose the mode, so a document that declares it has its strictly-base64 values
 * decoded when they decode to valid UTF-8.
 */
const fromBase64 = (value: string, enabled: boolean): string => {
  if (!enabled) return value;
  const v = value.replace(/\s+/g, '');
  if (v.length < 4 || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(v, 'base64'));
  } catch {
    return value;
  }
};

let base64Mode = false;

const atomBody = (t: AtomFeed.Text | AtomFeed.Content | undefined, parent: string | undefined): Body | undefined => {
  if (!t || t.value === undefined || t.value.trim() === '') return undefined;
  // Atom 1.0 §4.1.3.3: content of a media type that is neither text nor XML is base64.
  const binary = t.type !== undefined && /\//.test(t.type) && !/^text\/|[+/]xml$/i.test(t.type);
  const value = fromBase64(t.value, base64Mode || binary);
  return { value, isHtml: !isTextType(t.type), base: baseOf(t.xml?.base, parent) };
};

const atomTitle = (t: AtomFeed.Text | undefined, parent: string | undefined): Title => {
  if (!t) return { title: '' };
  const binary = t.type !== undefined && /\//.test(t.type) && !/^text\/|[+/]xml$/i.test(t.type);
  return titleOf(fromBase64(t.value, base64Mode || binary), !isTextType(t.type) && t.type !== undefined ? 'html' : 'text', baseOf(t.xml?.base, parent));
};

const atomAlternate = (links: ReadonlyArray<AtomFeed.Link<string>> | undefined): string | undefined => {
  const alternates = (links ?? []).filter((l) => !l.rel || l.rel === 'alternate');
  return (alternates.find((l) => !l.type || /html/i.test(l.type)) ?? alternates[0])?.href;
};

const atomEntry = (e: AtomFeed.Entry<string>, feedBase: string | undefined): ParsedItem => {
  const base = baseOf(e.xml?.base, feedBase);
  const content = atomBody(e.content, base);
  const mediaDescription = e.media?.description?.value ?? first(e.media?.groups)?.description?.value;
  const summary = atomBody(e.summary, base) ?? (nonEmpty(mediaDescription) ? { value: mediaDescription ?? '', isHtml: false, base } : undefined);
  return finishItem({
    id: e.id,
    ...atomTitle(e.title, base),
    link: resolve(atomAlternate(e.links), base),
    published: dateOf(e.published, first(e.dc?.dates), first(e.dcterms?.issued)),
    updated: dateOf(e.updated, first(e.dcterms?.modified)),
    rawDate: e.published ?? e.updated,
    author: personName(first(e.authors)) ?? nonEmpty(first(e.dc?.creators)),
    content,
    summary,
    categories: [...(e.categories ?? []).map((c) => c.term || c.label), ...(e.dc?.subjects ?? [])],
    enclosures: defined((e.links ?? []).filter((l) => l.rel === 'enclosure').map((l) => enclosure(l.href, base, l.type, l.length))),
    base,
  });
};

const atomFeed = (f: AtomFeed.Feed<string>, docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
  const base = baseOf(f.xml?.base, docBase);
  const language = langTag(nonEmpty(f.xml?.lang) ?? nonEmpty(first(f.dc?.languages)) ?? nonEmpty(o.contentLanguage));
  const feedLink = resolve(atomAlternate(f.links), base) ?? '';
  return {
    format: 'atom',
    ...atomTitle(f.title, base),
    link: feedLink,
    ...(language ? { language } : {}),
    items: (f.entries ?? []).map((e) => atomEntry(e, base ?? absoluteOrUndefined(feedLink))),
  };
};

// ---------- JSON Feed 1.0 / 1.1 ----------

const jsonFeed = (f: JsonFeed.Feed<string>, docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
  const base = resolve(f.feed_url, docBase) ?? docBase;
  const feedAuthor = first(f.authors)?.name ?? (f as { author?: { name?: string } }).author?.name;
  const language = langTag(nonEmpty(f.language) ?? nonEmpty(o.contentLanguage));
  const items = (f.items ?? []).map((it) => {
    const legacyAuthor = (it as { author?: { name?: string } }).author?.name;
    const html = nonEmpty(it.content_html);
    const text = nonEmpty(it.content_text);
    const summary = nonEmpty(it.summary);
    return finishItem({
      id: it.id === undefined || it.id === null ? undefined : String(it.id),
      title: collapseText(it.title ?? ''),
      link: resolve(it.url, base) ?? resolve(it.external_url, base),
      published: dateOf(it.date_published),
      updated: dateOf(it.date_modified),
      rawDate: it.date_published ?? it.date_modified,
      author: nonEmpty(first(it.authors)?.name) ?? nonEmpty(legacyAuthor) ?? nonEmpty(feedAuthor),
      content: html ? { value: html, isHtml: true, base } : text ? { value: text, isHtml: false, base } : undefined,
      summary: summary ? { value: summary, isHtml: false, base } : undefined,
      categories: it.tags ?? [],
      enclosures: defined((it.attachments ?? []).map((a) => enclosure(a.url, base, a.mime_type, a.size_in_bytes))),
    });
  });
  return {
    format: 'json',
    title: collapseText(f.title ?? ''),
    link: resolve(f.home_page_url, base) ?? '',
    ...(language ? { language } : {}),
    items,
  };
};

const normalise = (parsed: AnyFeed, docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
  switch (parsed.format) {
    case 'rss':
      return rssFeed(parsed.feed, 'rss', docBase, o);
    case 'rdf':
      return rssFeed(parsed.feed, 'rdf', docBase, o);
    case 'atom':
      return atomFeed(parsed.feed, docBase, o);
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
  const docBase = options.contentLocation ? (resolve(options.contentLocation, options.url) ?? options.url) : options.url;
  const parsed = readSyntax(text.trimStart().startsWith('{') ? text : normaliseDialects(text));
  base64Mode = /\bmode\s*=\s*["']base64["']/.test(text);
  try {
    return normalise(parsed, docBase, options);
  } catch (e) {
    throw new FeedParseError(`cannot parse feed: ${reason(e)}`);
  }
};
