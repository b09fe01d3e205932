/**
 * Where a document stops being well-formed, for error messages that name a line: feedsmith
 * reports that XML is ill-formed but not where. A small tag-balance scan finds the first
 * mismatched or unclosed element; JSON errors come from JSON.parse, which gives a position.
 */
export interface ErrorLocation {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const position = (text: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
};

export const locateXmlError = (text: string): ErrorLocation | undefined => {
  const stack: Array<{ name: string; at: number }> = [];
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<\/?([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<|&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][\w.-]*);)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    if (tok.startsWith('<!--') && !tok.endsWith('-->')) return { ...position(text, m.index), message: 'unterminated comment' };
    if (tok.startsWith('<![CDATA[') && !tok.endsWith(']]>')) return { ...position(text, m.index), message: 'unterminated CDATA section' };
    if (tok === '<') return { ...position(text, m.index), message: 'a "<" that starts no tag' };
    if (tok === '&') return { ...position(text, m.index), message: 'a bare "&" (write &amp;)' };
    const name = m[1];
    if (!name) continue;
    if (tok.startsWith('</')) {
      const open = stack.pop();
      if (!open) return { ...position(text, m.index), message: `closing tag </${name}> without an opening tag` };
      if (open.name !== name) return { ...position(text, m.index), message: `</${name}> closes <${open.name}> (opened at line ${position(text, open.at).line})` };
    } else if (!tok.endsWith('/>')) stack.push({ name, at: m.index });
  }
  const open = stack.pop();
  if (open) return { ...position(text, text.length), message: `<${open.name}> (opened at line ${position(text, open.at).line}) is never closed` };
  return undefined;
};

export const locateJsonError = (text: string): ErrorLocation | undefined => {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const msg = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    if (lc) return { line: Number(lc[1]), column: Number(lc[2]), message: msg.replace(/\s*\(line \d+ column \d+\)/, '') };
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? Number(pos[1]) : text.length;
    return { ...position(text, at), message: msg };
  }
};
