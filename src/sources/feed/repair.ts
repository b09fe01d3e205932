/**
 * Light repairs for the ill-formed XML that feeds are known for, tried only after feedsmith
 * has refused the document as it is. Each repair is local and cannot turn a well-formed
 * document into a different one:
 *   - text before the first `<` (junk, a stray BOM, whitespace) is dropped;
 *   - a final end tag cut short at the end of the file (`</rss`) is closed;
 *   - a bare `&` that starts no entity or character reference becomes `&amp;`;
 *   - a DOCTYPE (with its internal subset) is dropped: feeds do not need one, and parameter
 *     entities in it are refused by the XML reader (feed readers commonly strip it too).
 * Deeper damage (unclosed elements in the middle of a document) is left for the caller to
 * report as a parse error.
 */
export const repairXml = (text: string): string => {
  let out = text;
  const start = out.indexOf('<');
  if (start > 0) out = out.slice(start);
  out = out.replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\]\s*)?>/i, '');
  out = out.replace(/<\/([A-Za-z_][\w.:-]*)\s*$/, '</$1>');
  out = out.replace(/&(?!(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)/g, '&amp;');
  return out;
};
