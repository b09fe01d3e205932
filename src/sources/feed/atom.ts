import type { AtomFeed } from 'feedsmith';
import type { ParsedFeed, ParsedItem, ParseFeedOptions } from './model.ts';
import { refreshSeconds } from './refresh.ts';
import {
  absoluteOrUndefined, baseOf, dateOf, defined, enclosure, finishItem, first, isTextType, langTag, nonEmpty, personName, resolve, titleOf,
  type Body, type Title,
} from './normalise.ts';

/** Atom 0.3 and 1.0. */

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

const atomBody = (t: AtomFeed.Text | AtomFeed.Content | undefined, parent: string | undefined, base64Mode: boolean): Body | undefined => {
  if (!t || t.value === undefined || t.value.trim() === '') return undefined;
  // Atom 1.0 §4.1.3.3: content of a media type that is neither text nor XML is base64.
  const binary = t.type !== undefined && /\//.test(t.type) && !/^text\/|[+/]xml$/i.test(t.type);
  const value = fromBase64(t.value, base64Mode || binary);
  return { value, isHtml: !isTextType(t.type), base: baseOf(t.xml?.base, parent) };
};

const atomTitle = (t: AtomFeed.Text | undefined, parent: string | undefined, base64Mode: boolean): Title => {
  if (!t) return { title: '' };
  const binary = t.type !== undefined && /\//.test(t.type) && !/^text\/|[+/]xml$/i.test(t.type);
  return titleOf(fromBase64(t.value, base64Mode || binary), !isTextType(t.type) && t.type !== undefined ? 'html' : 'text', baseOf(t.xml?.base, parent));
};

const atomAlternate = (links: ReadonlyArray<AtomFeed.Link<string>> | undefined): string | undefined => {
  const alternates = (links ?? []).filter((l) => !l.rel || l.rel === 'alternate');
  return (alternates.find((l) => !l.type || /html/i.test(l.type)) ?? alternates[0])?.href;
};

const atomEntry = (e: AtomFeed.Entry<string>, feedBase: string | undefined, b64: boolean): ParsedItem => {
  const base = baseOf(e.xml?.base, feedBase);
  const content = atomBody(e.content, base, b64);
  const mediaDescription = e.media?.description?.value ?? first(e.media?.groups)?.description?.value;
  const summary = atomBody(e.summary, base, b64) ?? (nonEmpty(mediaDescription) ? { value: mediaDescription ?? '', isHtml: false, base } : undefined);
  return finishItem({
    id: e.id,
    ...atomTitle(e.title, base, b64),
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

/** `base64Mode`: the document declares Atom 0.3 `mode="base64"` somewhere. */
export const atomFeed = (f: AtomFeed.Feed<string>, docBase: string | undefined, o: ParseFeedOptions, base64Mode: boolean): ParsedFeed => {
  const base = baseOf(f.xml?.base, docBase);
  const language = langTag(nonEmpty(f.xml?.lang) ?? nonEmpty(first(f.dc?.languages)) ?? nonEmpty(o.contentLanguage));
  const feedLink = resolve(atomAlternate(f.links), base) ?? '';
  const refresh = refreshSeconds({ sy: f.sy });
  return {
    format: 'atom',
    ...atomTitle(f.title, base, base64Mode),
    link: feedLink,
    ...(language ? { language } : {}),
    ...(refresh !== undefined ? { refreshSeconds: refresh } : {}),
    items: (f.entries ?? []).map((e) => atomEntry(e, base ?? absoluteOrUndefined(feedLink), base64Mode)),
  };
};

