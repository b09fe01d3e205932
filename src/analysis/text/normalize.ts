/**
 * Normalisation shared by posts and queries (DESIGN §5): Unicode NFKD, combining
 * marks removed, case folded, so `É` = `e` and `ﬁ` = `fi`.
 *
 * Every step is a function of one code point at a time (NFKD decomposes each code
 * point on its own and only reorders marks, which are dropped; lower-casing is
 * per code point except the final sigma, which folding maps to σ anyway), so the
 * result is the concatenation of each code point's folded form. That is what makes
 * the fast path below exact: a lazily filled table for the Basic Multilingual Plane,
 * and the library functions for anything else. Linear in the length.
 */
const marks = /\p{M}+/gu;
const foldExtra = /[ßς]/g;
const foldMap: Record<string, string> = { ß: 'ss', ς: 'σ' };

/** The reference definition, applied to any string. */
const foldSlow = (text: string): string => {
  // Lower-casing after the decomposition takes `İ` (I + dot above) to `i` once marks go.
  let s = text.normalize('NFKD').toLowerCase().replace(marks, '');
  // Full case folding differs from toLowerCase for these two.
  if (s.includes('ß') || s.includes('ς')) s = s.replace(foldExtra, (c) => foldMap[c] ?? c);
  return s;
};

// Per BMP code unit: 0 = not computed yet, 1 = folds to the single code unit in `single`,
// 2 = folds to the string in `multi` (empty for a combining mark), 3 = surrogate or unsure.
const state = new Uint8Array(0x10000);
const single = new Uint16Array(0x10000);
const multi = new Map<number, string>();
const astral = new Map<number, string>();

const learn = (c: number): number => {
  if (c >= 0xd800 && c <= 0xdfff) return (state[c] = 3);
  const f = foldSlow(String.fromCharCode(c));
  if (f.length === 1) {
    single[c] = f.charCodeAt(0);
    return (state[c] = 1);
  }
  multi.set(c, f);
  return (state[c] = 2);
};
for (let c = 0; c < 0x80; c++) learn(c);

/**
 * Lower-cases natively, then replaces only the code points whose folded form differs
 * (accented letters, ligatures…): most of a post is copied by the engine, not by us.
 * Folding the lower-cased text equals folding the text, as each step is per code point
 * and lower-casing a code point does not change its folded form (checked against the
 * library path on random text in the tests).
 */
export const normalizeText = (text: string): string => {
  const lower = text.toLowerCase();
  const n = lower.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) continue;
    let st = state[c] as number;
    if (st === 0) st = learn(c);
    if (st === 1) {
      const f = single[c] as number;
      if (f === c) continue;
      out += lower.slice(last, i) + String.fromCharCode(f);
      last = i + 1;
    } else if (st === 2) {
      out += lower.slice(last, i) + (multi.get(c) ?? '');
      last = i + 1;
    } else {
      // A surrogate pair: fold the code point through the library once, then cache it.
      const d = i + 1 < n ? lower.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return foldSlow(text);
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let f = astral.get(cp);
      if (f === undefined) {
        f = foldSlow(String.fromCharCode(c, d));
        astral.set(cp, f);
      }
      if (f.length !== 2 || f.charCodeAt(0) !== c || f.charCodeAt(1) !== d) {
        out += lower.slice(last, i) + f;
        last = i + 2;
      }
      i++;
    }
  }
  return last === 0 ? lower : out + lower.slice(last);
};

/** The library-only definition, exported so tests can check the fast path against it. */
export const normalizeTextReference = foldSlow;
