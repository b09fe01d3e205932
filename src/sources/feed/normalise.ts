import { createHash } from 'node:crypto';
import { parseFeedDate } from './dates.ts';
import { collapseText, escapeText, htmlToText, sanitizedToText, sanitizeForDisplay } from './html.ts';
import type { FeedEnclosure, ParsedItem } from './model.ts';

/**
 * What every format shares once feedsmith has read the syntax: URL resolution against the
 * right base, text vs HTML bodies, titles, dates, ids, and the assembly of a ParsedItem.
 */

export const resolve = (href: string | undefined, base: string | undefined): string | undefined => {
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
export const absoluteOrUndefined = (u: string): string | undefined => (/^https?:\/\//i.test(u) ? u : undefined);

export const baseOf = (xmlBase: string | undefined, parent: string | undefined): string | undefined =>
  xmlBase ? (resolve(xmlBase, parent) ?? parent) : parent;

/** `en_US` → `en-US`: BCP 47 uses hyphens; feeds often write the POSIX form. */
export const langTag = (s: string | undefined): string | undefined => s?.replace(/_/g, '-');

export const first = <T>(xs: readonly T[] | undefined): T | undefined => (xs && xs.length > 0 ? xs[0] : undefined);

export const nonEmpty = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** A body in one of the ways feeds type their text. */
export interface Body {
  readonly value: string;
  readonly isHtml: boolean;
  readonly base: string | undefined;
}

export const isTextType = (type: string | undefined): boolean =>
  type === 'text' || type === 'text/plain';

/**
 * C1 controls (U+0080–U+009F) in feed text are almost always windows-1252 punctuation written
 * as numeric references (`&#146;`); HTML5 maps those references the same way.
 */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
export const fixC1 = (s: string): string => (/[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c) : s);

export const bodyHtml = (raw: Body): string => {
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
export interface Title {
  readonly title: string;
  readonly titleHtml?: string;
}

/**
 * `html`: the feed says the title is HTML (Atom type html/xhtml). `guess`: RSS does not say; a
 * title is read as HTML only when it holds a tag, so `1 < 2` stays text.
 */
export const titleOf = (raw: string | undefined, kind: 'text' | 'html' | 'guess', base: string | undefined): Title => {
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
export const absoluteId = (id: string | undefined, base: string | undefined): string | undefined =>
  id !== undefined && id.startsWith('/') && !id.startsWith('//') && base ? (resolve(id, base) ?? id) : id;

/**
 * Google Alerts feeds link every item through `https://www.google.com/url?...&url=<article>`:
 * the article's own URL is what dedup, `site:` queries and people clicking need.
 */
export const unwrapRedirect = (link: string): string => {
  if (!/^https?:\/\/(?:www\.)?google\.[a-z.]+\/url\?/i.test(link)) return link;
  try {
    const u = new URL(link);
    const target = u.searchParams.get('url') ?? u.searchParams.get('q');
    return target && /^https?:\/\//i.test(target) ? new URL(target).href : link;
  } catch {
    return link;
  }
};

export const hashId = (title: string, date: string | undefined, text: string): string =>
  `urn:sha256:${createHash('sha256').update(`${title}\u0000${date ?? ''}\u0000${title || date ? '' : text}`).digest('hex').slice(0, 32)}`;

export const personName = (p: { name?: string; email?: string } | undefined): string | undefined =>
  p ? (nonEmpty(p.name) ?? nonEmpty(p.email)) : undefined;

export const dateOf = (...raws: Array<string | undefined>): Date | undefined => {
  for (const r of raws) {
    const d = parseFeedDate(r);
    if (d) return d;
  }
  return undefined;
};

export const finishItem = (
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
  const link = unwrapRedirect(parts.link ?? '');
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

export const enclosure = (url: string | undefined, base: string | undefined, type?: string, length?: number): FeedEnclosure | undefined => {
  const u = resolve(url, base);
  if (!u) return undefined;
  return {
    url: u,
    ...(type ? { type } : {}),
    ...(length !== undefined && Number.isFinite(length) ? { length } : {}),
  };
};

export const defined = <T>(xs: Array<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);

