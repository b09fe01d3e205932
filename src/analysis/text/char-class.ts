/**
 * Character classes of DESIGN §5, looked up without allocating: a table for the
 * Basic Multilingual Plane, a small cache for the astral planes (emoji, rare CJK).
 */
export const SEPARATOR = 0;
/** A Unicode letter or number (`\p{L}` or `\p{N}`): part of a word. */
export const WORD = 1;
/** White space (`\s`): ends a link as well as a token. */
export const SPACE = 2;

const wordRe = /^[\p{L}\p{N}]$/u;
const spaceRe = /^\s$/u;

const bmp = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const s = String.fromCharCode(c);
  if (wordRe.test(s)) bmp[c] = WORD;
  else if (spaceRe.test(s)) bmp[c] = SPACE;
}

const astral = new Map<number, number>();

/** Class of the code point starting at `i` (a lone surrogate is a separator). */
export const classAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return bmp[c] ?? SEPARATOR;
  const cp = text.codePointAt(i) ?? c;
  if (cp === c) return SEPARATOR;
  let k = astral.get(cp);
  if (k === undefined) {
    k = wordRe.test(String.fromCodePoint(cp)) ? WORD : SEPARATOR;
    astral.set(cp, k);
  }
  return k;
};

/** Width in UTF-16 code units of the code point at `i`. */
export const widthAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
};
