/**
 * Feed autodiscovery: the `<link rel="alternate">` elements of an HTML page that point at an
 * RSS, Atom or JSON feed, with hrefs resolved against the page's `<base href>` or its URL.
 */
export interface DiscoveredFeed {
  readonly url: string;
  readonly type: string;
  readonly title?: string;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml']);

const decodeEntities = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e] ?? _);

const attributes = (tag: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
};

export const discoverFeeds = (html: string, pageUrl: string): DiscoveredFeed[] => {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const baseHref = /<base\b([^>]*)>/i.exec(withoutComments)?.[1];
  let base = pageUrl;
  if (baseHref) {
    const href = attributes(baseHref).get('href');
    if (href) {
      try {
        base = new URL(href, pageUrl).href;
      } catch {
        // keep the page URL
      }
    }
  }
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const m of withoutComments.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attributes(m[1] ?? '');
    const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (a.get('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    const href = a.get('href');
    if (!rel.includes('alternate') || !FEED_TYPES.has(type) || !href) continue;
    let url: string;
    try {
      url = new URL(href.trim(), base).href;
    } catch {
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const title = a.get('title');
    found.push({ url, type, ...(title ? { title } : {}) });
  }
  return found;
};
