import type { ParsedFeed, ParsedItem } from '../parse.ts';
import { NotApplicable, PyTuple, pyDict, type PyDict, type PyValue, type Scope } from './py-expr.ts';

/**
 * A feedparser-shaped view of relais's parse result, so feedparser's own assertions can be
 * evaluated against it. The mapping table (feedparser name → relais field):
 *
 * | feedparser                                   | relais                                              |
 * |----------------------------------------------|-----------------------------------------------------|
 * | feed.title                                   | ParsedFeed.titleHtml, else .title (absent when '')  |
 * | feed.link                                    | ParsedFeed.link (absolute; absent when '')          |
 * | feed.language                                | ParsedFeed.language                                 |
 * | entries[i]                                   | ParsedFeed.items[i], document order                 |
 * | entries[i].id                                | item.id                                             |
 * | entries[i].title                             | item.titleHtml, else item.title (absent when '')    |
 * | entries[i].link                              | item.link (absolute; absent when '')                |
 * | entries[i].published_parsed / updated_parsed | item.published / item.updated as a UTC 9-tuple      |
 * | entries[i].author                            | item.author                                         |
 * | entries[i].summary, .description             | item.summary, else item.html (sanitised HTML)       |
 * | entries[i].content[0].value                  | item.html (sanitised HTML; a one-element list)      |
 * | entries[i].tags[j].term, .category           | item.categories[j], item.categories[0]              |
 * | entries[i].enclosures[j].href/.type/.length  | item.enclosures[j].url/.type/.length (as a string)  |
 *
 * Every other name is "not applicable", with the category below: relais does not keep it, so
 * there is nothing to compare. A mapped field that relais leaves empty is a missing key, and
 * the assertion fails as it would in Python (KeyError).
 */

const entryCategory = (key: string): string | undefined => {
  if (key.endsWith('_detail')) return 'detail objects (type, base, language of a text construct)';
  if (/^(published|updated|created|expired|date|issued|modified)$/.test(key)) return 'raw date strings (relais keeps the parsed date)';
  if (/_parsed$/.test(key)) return 'other dates (created, expired, validity)';
  if (/^itunes_|^image$/.test(key)) return 'itunes';
  if (/^media_/.test(key)) return 'media-rss';
  if (/^psc_/.test(key)) return 'psc (podlove chapters)';
  if (/^(where|geo|georss|point|gml)/.test(key)) return 'geo';
  if (/^(links|source|contributors|authors|publisher|rights|copyright|license|comments|guidislink|guid|wfw_.*|slash_.*|dc_.*|subtitle|xml_lang|language|ttl|href|base)$/.test(key)) return 'entry metadata relais does not keep (links list, source, contributors, rights, comments, guidislink…)';
  return `other feedparser field (${key})`;
};

const feedCategory = (key: string): string | undefined => {
  if (key.endsWith('_detail')) return 'detail objects (type, base, language of a text construct)';
  if (/^(subtitle|tagline|description|info)$/.test(key)) return 'feed description / subtitle (not kept)';
  if (/^(copyright|rights|license)$/.test(key)) return 'feed rights / licence (not kept)';
  if (/^(itunes_|image$|logo$|icon$)/.test(key)) return 'feed images and itunes';
  if (/^(published|updated|created|date|modified)(_parsed)?$/.test(key) || /^validity_/.test(key)) return 'feed-level dates (not kept)';
  if (/^(where|geo)/.test(key)) return 'geo';
  return 'channel metadata relais does not keep (id, links, authors, generator, textinput, cloud, ttl, docs…)';
};

/** The HTTP response, when the suite runs over HTTP (runCaseOverHttp). */
export interface HttpFields {
  readonly headers: Readonly<Record<string, string>>;
  readonly etag?: string;
  readonly modified?: string;
  readonly modifiedParsed?: PyTuple;
}

export const nine = (d: Date | undefined): PyTuple | undefined => {
  if (!d) return undefined;
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1;
  return new PyTuple([
    d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(),
    (d.getUTCDay() + 6) % 7, yday, 0,
  ]);
};

const orUndefined = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

const entryView = (it: ParsedItem): PyDict => {
  const summary = it.summary ?? it.html;
  return pyDict(
    {
      id: it.id,
      // feedparser's title is sanitised HTML when the feed gave HTML, plain text otherwise.
      title: orUndefined(it.titleHtml ?? it.title),
      link: orUndefined(it.link),
      published_parsed: nine(it.published),
      updated_parsed: nine(it.updated),
      author: it.author,
      summary,
      description: summary,
      content: it.html === undefined ? undefined : [pyDict({ value: it.html }, (k) => `content ${k} (relais keeps the value only)`)],
      tags: it.categories.length ? it.categories.map((c) => pyDict({ term: c }, (k) => `tag ${k} (relais keeps the term only)`)) : undefined,
      category: it.categories[0],
      enclosures: it.enclosures.length
        ? it.enclosures.map((e) => pyDict({ href: e.url, url: e.url, type: e.type, length: e.length === undefined ? undefined : String(e.length) }))
        : undefined,
    },
    entryCategory,
  );
};

/** Every key the view answers, at any depth; method names the evaluator knows. */
const MAPPED = new Set([
  'title', 'link', 'language', 'id', 'published_parsed', 'updated_parsed', 'author', 'summary', 'description',
  'content', 'value', 'tags', 'term', 'category', 'enclosures', 'href', 'url', 'type', 'length',
  'get', 'keys', 'has_key', 'startswith', 'endswith', 'strip', 'lower',
]);

/**
 * The category of the first field an expression names that the view does not map, if any.
 * Checked before evaluation so that an assertion about an unkept field is not applicable even
 * when evaluating it would fail earlier (say, on an item that relais did not produce).
 */
export const unmappedField = (expression: string): string | undefined => {
  for (const m of expression.matchAll(/(\bfeed|\bentries\[\d+\]|\])\s*(?:\[\s*(['"])(\w[\w:-]*)\2\s*\]|\.(\w+))/g)) {
    const key = m[3] ?? m[4] ?? '';
    if (!MAPPED.has(key)) return (m[1] === 'feed' ? feedCategory : entryCategory)(key);
  }
  // Names used as `.get('x')` / `'x' in entries[0]` arguments.
  for (const m of expression.matchAll(/\.get\(\s*(['"])(\w+)\1|(['"])(\w+)\3\s+(?:not\s+)?in\s+(feed|entries)/g)) {
    const key = m[2] ?? m[4] ?? '';
    if (!MAPPED.has(key)) return (m[5] === 'feed' || /feed\s*\.get/.test(expression) ? feedCategory : entryCategory)(key);
  }
  return undefined;
};

/** The scope an `Expect:` expression is evaluated in; `feed` undefined stands for a document that did not parse. */
export const feedparserScope = (feed: ParsedFeed | undefined, http?: HttpFields): Scope => {
  const feedDict = feed
    ? pyDict({ title: orUndefined(feed.titleHtml ?? feed.title), link: orUndefined(feed.link), language: feed.language }, feedCategory)
    : pyDict({}, feedCategory);
  const entries: PyValue = feed ? feed.items.map(entryView) : [];
  return {
    lookup(name: string): PyValue {
      if (name === 'feed') return feedDict;
      if (name === 'entries') return entries;
      if (name === 'bozo' || name === 'bozo_exception') return notApplicable('bozo (feedparser\'s well-formedness flag)');
      if (name === 'version') return notApplicable('version (format name)');
      if (name === 'encoding') return notApplicable('encoding name (feedparser\'s RFC 3023 label)');
      if (name === 'namespaces') return notApplicable('namespaces');
      if (http) {
        // feedparser sets these names only when the response carried them (`'etag' in locals()`).
        if (name === 'headers') return pyDict(Object.fromEntries(Object.entries(http.headers)));
        if (name === 'etag' && http.etag !== undefined) return http.etag;
        if (name === 'modified' && http.modified !== undefined) return http.modified;
        if (name === 'modified_parsed' && http.modifiedParsed !== undefined) return http.modifiedParsed;
        if (name === 'locals()') return pyDict({ etag: http.etag, modified: http.modified });
      }
      if (/^(headers|etag|modified|modified_parsed|status|href)$/.test(name) || name === 'locals()') return notApplicable('HTTP response fields (without a server run)');
      return notApplicable(`Python objects (${name})`);
    },
  };
};

const notApplicable = (category: string): never => {
  throw new NotApplicable(category);
};
