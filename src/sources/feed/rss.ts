import type { RdfFeed, RssFeed } from 'feedsmith';
import type { ParsedFeed, ParsedItem, ParseFeedOptions } from './model.ts';
import { refreshSeconds } from './refresh.ts';
import { absoluteOrUndefined, baseOf, dateOf, defined, enclosure, finishItem, first, langTag, nonEmpty, personName, resolve, titleOf } from './normalise.ts';

/** RSS 0.9x / 2.0 and RDF (RSS 1.0), with the Dublin Core, content, media and itunes fallbacks feeds rely on. */

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

export const rssFeed = (f: RssFeed.Feed<string> | RdfFeed.Feed<string>, format: 'rss' | 'rdf', docBase: string | undefined, o: ParseFeedOptions): ParsedFeed => {
  const base = baseOf(f.xml?.base, docBase);
  const rss = f as RssFeed.Feed<string>;
  const atomLink = first(f.atom?.links?.filter((l) => !l.rel || l.rel === 'alternate'))?.href;
  const feedLink = resolve(f.link, base) ?? resolve(atomLink, base) ?? '';
  const language = langTag(nonEmpty(rss.language) ?? nonEmpty(first(f.dc?.languages)) ?? nonEmpty(f.xml?.lang) ?? nonEmpty(o.contentLanguage));
  const refresh = refreshSeconds({ ttl: rss.ttl, sy: f.sy });
  return {
    format,
    ...titleOf(f.title ?? first(f.dc?.titles), 'guess', base),
    link: feedLink,
    ...(language ? { language } : {}),
    ...(refresh !== undefined ? { refreshSeconds: refresh } : {}),
    items: (f.items ?? []).map((it) => rssItem(it, base ?? absoluteOrUndefined(feedLink))),
  };
};

