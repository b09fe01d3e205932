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

let scratch = new Uint16Array(1024);
const decoder = new TextDecoder('utf-16le');

export const normalizeText = (text: string): string => {
  const n = text.length;
  if (scratch.length < n * 2) scratch = new Uint16Array(n * 2);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let st = state[c] as number;
    if (st === 0) st = learn(c);
    if (st === 1) scratch[out++] = single[c] as number;
    else if (st === 2) {
      const f = multi.get(c) ?? '';
      if (out + f.length > scratch.length) {
        const bigger = new Uint16Array((out + f.length) * 2);
        bigger.set(scratch.subarray(0, out));
        scratch = bigger;
      }
      for (let k = 0; k < f.length; k++) scratch[out++] = f.charCodeAt(k);
    } else {
      // A surrogate pair: fold the whole code point through the library once, then cache it.
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return foldSlow(text);
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let f = astral.get(cp);
      if (f === undefined) {
        f = foldSlow(String.fromCharCode(c, d));
        astral.set(cp, f);
      }
      if (out + f.length > scratch.length) {
        const bigger = new Uint16Array((out + f.length) * 2);
        bigger.set(scratch.subarray(0, out));
        scratch = bigger;
      }
      for (let k = 0; k < f.length; k++) scratch[out++] = f.charCodeAt(k);
      i++;
    }
  }
  const s = out < 4096 ? String.fromCharCode.apply(null, scratch.subarray(0, out) as unknown as number[]) : decoder.decode(scratch.subarray(0, out));
  if (scratch.length > 1 << 20) scratch = new Uint16Array(1024);
  return s;
};

/** The library-only definition, exported so tests can check the fast path against it. */
export const normalizeTextReference = foldSlow;
