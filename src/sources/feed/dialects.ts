/**
 * Non-standard item elements that publishers use in RSS, rewritten to their standard
 * equivalent before feedsmith reads the document (feedsmith drops elements it does not know,
 * and an item made only of them would vanish):
 *   - `<body>` / `<xhtml:body>` (inline XHTML) and `<fullitem>` (escaped HTML) → `<content:encoded>`;
 *   - `<dc:author>` → `<dc:creator>`.
 * Only RSS item bodies are touched; the rewrite runs when one of those tags is present.
 */
const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export const normaliseDialects = (xml: string): string => {
  if (!/<(?:xhtml:)?body\b|<fullitem\b|<dc:author\b/.test(xml)) return xml;
  return xml
    .replace(/<((?:xhtml:)?body)\b[^>]*>([\s\S]*?)<\/\1\s*>/g, (_, _tag: string, inner: string) => `<content:encoded>${cdata(inner)}</content:encoded>`)
    .replace(/<fullitem\b[^>]*>([\s\S]*?)<\/fullitem\s*>/g, (_, inner: string) => `<content:encoded>${inner}</content:encoded>`)
    .replace(/<(\/?)dc:author\b/g, '<$1dc:creator');
};
