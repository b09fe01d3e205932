import type { JsonFeed } from 'feedsmith';
import { collapseText } from './html.ts';
import type { ParsedFeed, ParseFeedOptions } from './model.ts';
import { dateOf, defined, enclosure, finishItem, first, langTag, nonEmpty, resolve } from './normalise.ts';

/** JSON Feed 1.0 (`author`) and 1.1 (`authors`, `language`). */

export const jsonFeed = (f: JsonFeed.Feed<string>, docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
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

