/**
 * Non-standard item elements that publishers use in RSS, rewritten to their standard
 * equivalent before feedsmith reads the document (feedsmith drops elements it does not know,
 * and an item made only of them would vanish):
 *   - `<body>` / `<xhtml:body>` (inline XHTML) and `<fullitem>` (escaped HTML) → `<content:encoded>`;
 *   - `<dc:author>` → `<dc:creator>`;
 *   - in an RSS item, `<itunes:category text="…">` (nested ones too) and a comma-separated
 *     `<tags>` element → one `<category>` each, in document order (feedsmith reads itunes
 *     categories only on the channel, and knows no `<tags>`);
 *   - in an RSS item, a `<summary>` element (Atom's name, used by some RSS generators): alone it
 *     is the item's description; beside a `<description>`, the first of the two is the summary
 *     and the second the full content (`<content:encoded>`, unless the item has one);
 *   - RSS 2.0 written with a prefix for the RSS namespace (`<r:rss xmlns:r="http://backend.userland.com/rss2">`)
 *     loses the prefix;
 *   - an RSS document whose items sit directly under `<rss>` gets the `<channel>` it lacks;
 *   - Atom 0.3 inline XHTML (`type="application/xhtml+xml"`, mode xml): the whole element content
 *     is the XHTML, a wrapping `<div>` included (only Atom 1.0 makes the div a mere container);
 *     feedsmith unwraps a single div, so the content gets one more wrapper for it to remove.
 * Each rewrite runs only when its trigger is present.
 */
const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

const unprefixRss = (xml: string): string => {
  const m = /<([A-Za-z_][\w.-]*):rss\b[^>]*\sxmlns:\1\s*=\s*["']http:\/\/backend\.userland\.com\/rss2?["']/.exec(xml);
  if (!m) return xml;
  const prefix = m[1] ?? '';
  return xml.replace(new RegExp(`<(/?)${prefix.replace(/\./g, '\\.')}:`, 'g'), '<$1');
};

const addChannel = (xml: string): string => {
  if (!/<rss\b/.test(xml) || /<channel\b/.test(xml) || !/<item\b/.test(xml)) return xml;
  return xml.replace(/(<rss\b[^>]*>)/, '$1<channel>').replace(/<\/rss\s*>(?![\s\S]*<\/rss)/, '</channel></rss>');
};

const keepAtom03Div = (xml: string): string => {
  if (!/<feed\b[^>]*xmlns\s*=\s*["']http:\/\/purl\.org\/atom\/ns#["']/.test(xml)) return xml;
  return xml.replace(
    /(<(title|subtitle|tagline|summary|content|copyright|info)\b[^>]*\btype\s*=\s*["']application\/xhtml\+xml["'][^>]*>)(\s*<(?:\w+:)?div\b[\s\S]*?)(<\/\2\s*>)/g,
    (all: string, open: string, _name: string, inner: string, close: string) =>
      /\bmode\s*=\s*["'](?:escaped|base64)["']/.test(open) ? all : `${open}<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>${close}`,
  );
};

const ITUNES_CATEGORY = /<itunes:category\b[^>]*?\btext\s*=\s*(["'])([^"']*)\1[^>]*?(\/?)>/g;

const rewriteItem = (item: string): string => {
  let out = item;
  if (out.includes('<itunes:category')) {
    out = out.replace(ITUNES_CATEGORY, (_, _q: string, text: string) => `<category>${text}</category>`).replace(/<\/itunes:category\s*>/g, '');
  }
  if (out.includes('<tags')) {
    out = out.replace(/<tags\b[^>/]*>([^<]*)<\/tags\s*>/g, (_, list: string) =>
      list.split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => `<category>${t}</category>`).join(''));
  }
  if (/<summary\b/.test(out)) {
    const summary = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/.exec(out);
    const description = /<description\b[^>]*>[\s\S]*?<\/description\s*>/.exec(out);
    if (summary && !description) out = out.replace(summary[0], () => `<description>${summary[1] ?? ''}</description>`);
    else if (summary && description && !/<content:encoded\b/.test(out)) {
      if (summary.index < description.index) {
        const content = description[0].replace(/^<description\b[^>]*>/, '<content:encoded>').replace(/<\/description\s*>$/, '</content:encoded>');
        out = out.replace(description[0], () => content).replace(summary[0], () => `<description>${summary[1] ?? ''}</description>`);
      } else out = out.replace(summary[0], () => `<content:encoded>${summary[1] ?? ''}</content:encoded>`);
    }
  }
  return out;
};

/** Item-level rewrites, only in RSS and RDF documents (Atom entries have their own `summary`). */
const rewriteItems = (xml: string): string => {
  if (!/<item\b/.test(xml) || !/<itunes:category\b|<tags\b|<summary\b/.test(xml) || /<feed\b[^>]*xmlns\s*=\s*["']http:\/\/(?:www\.w3\.org\/2005\/Atom|purl\.org\/atom)/.test(xml)) return xml;
  return xml.replace(/(<item\b[^>]*>)([\s\S]*?)(<\/item\s*>)/g, (_, open: string, body: string, close: string) => `${open}${rewriteItem(body)}${close}`);
};

export const normaliseDialects = (input: string): string => {
  const xml = rewriteItems(keepAtom03Div(addChannel(unprefixRss(input))));
  if (!/<(?:xhtml:)?body\b|<fullitem\b|<dc:author\b/.test(xml)) return xml;
  return xml
    .replace(/<((?:xhtml:)?body)\b[^>]*>([\s\S]*?)<\/\1\s*>/g, (_, _tag: string, inner: string) => `<content:encoded>${cdata(inner)}</content:encoded>`)
    .replace(/<fullitem\b[^>]*>([\s\S]*?)<\/fullitem\s*>/g, (_, inner: string) => `<content:encoded>${inner}</content:encoded>`)
    .replace(/<(\/?)dc:author\b/g, '<$1dc:creator');
};
